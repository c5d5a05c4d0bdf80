"""A small mentoring world: startups with owners, mentors, and one person per other role.

Regions:    吉林省 ─── 长春市
Industries: 电子信息 ─┬─ 光电子
                      └─ 集成电路
            生物医药
"""

from __future__ import annotations

import itertools
from types import SimpleNamespace

import pytest

from backend.accounts.models import Role
from backend.directory.models import (
    Industry,
    InvestorProfile,
    Membership,
    MentorProfile,
    Organisation,
    OrgKind,
    Region,
    StartupProfile,
)

_seq = itertools.count(1)


@pytest.fixture
def trees(no_reference_trees) -> SimpleNamespace:
    jilin = Region.objects.create(name="吉林省", level=Region.Level.PROVINCE)
    changchun = Region.objects.create(name="长春市", level=Region.Level.CITY, parent=jilin)
    electronics = Industry.objects.create(name="电子信息", slug="electronics")
    opto = Industry.objects.create(name="光电子", slug="optoelectronics", parent=electronics)
    chips = Industry.objects.create(name="集成电路", slug="chips", parent=electronics)
    bio = Industry.objects.create(name="生物医药", slug="biomedicine")
    return SimpleNamespace(region=changchun, electronics=electronics, opto=opto, chips=chips, bio=bio)


@pytest.fixture
def make_startup(trees, make_user):
    def make(name: str | None = None, *, owner=None, industries=(), stage="startup", description=""):
        org = Organisation.objects.create(
            kind=OrgKind.STARTUP, name=name or f"创业企业{next(_seq)}", region=trees.region, description=description
        )
        org.industries.set(industries)
        StartupProfile.objects.create(organisation=org, stage=stage)
        owner = owner or make_user(Role.STARTUP, name=f"{org.name}创始人")
        Membership.objects.create(organisation=org, user=owner, role=Membership.Role.OWNER)
        org.owner = owner
        return org

    return make


@pytest.fixture
def make_mentor(trees, make_user):
    def make(name: str | None = None, *, capacity: int = 3, industries=(), user=None, **fields):
        user = user or make_user(Role.MENTOR, name=name or f"导师{next(_seq)}")
        mentor = MentorProfile.objects.create(user=user, capacity=capacity, region=trees.region, **fields)
        mentor.industries.set(industries)
        return mentor

    return make


@pytest.fixture
def world(trees, make_user, make_startup, make_mentor, admin_user) -> SimpleNamespace:
    """Everyone the permission matrix names."""
    startup = make_startup("长春光迹光电科技有限公司", industries=[trees.opto])
    other_startup = make_startup("吉林生物科技有限公司", industries=[trees.bio])
    mentor = make_mentor("周明哲", capacity=2, industries=[trees.opto], expertise=["光电技术"])
    other_mentor = make_mentor("李导师", capacity=2, industries=[trees.bio])
    bureau = Organisation.objects.create(kind=OrgKind.BUREAU, name="吉林省科学技术厅", region=trees.region)
    organizer = make_user(Role.ORGANIZER, name="组织者")
    Membership.objects.create(organisation=bureau, user=organizer)
    investor_org = Organisation.objects.create(kind=OrgKind.INVESTOR, name="长春光电创投", region=trees.region)
    InvestorProfile.objects.create(organisation=investor_org, ticket_min=1, ticket_max=2)
    investor = make_user(Role.INVESTOR, name="投资人")
    Membership.objects.create(organisation=investor_org, user=investor)
    bank_org = Organisation.objects.create(kind=OrgKind.BANK, name="吉林银行", region=trees.region)
    bank = make_user(Role.BANK, name="银行人员")
    Membership.objects.create(organisation=bank_org, user=bank)
    return SimpleNamespace(
        trees=trees,
        startup=startup,
        owner=startup.owner,
        other_startup=other_startup,
        other_owner=other_startup.owner,
        mentor=mentor,
        mentor_user=mentor.user,
        other_mentor=other_mentor,
        other_mentor_user=other_mentor.user,
        bureau=bureau,
        organizer=organizer,
        investor=investor,
        bank=bank,
        admin=admin_user,
    )
