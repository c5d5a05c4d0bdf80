"""Small directory fixtures: a region tree, an industry tree and factories per entity.

Regions:    吉林省 ─┬─ 长春市 ─── 朝阳区
                    └─ 吉林市
            河北省 ─── 邢台市
Industries: 电子信息 ─┬─ 光电子
                      └─ 集成电路
            生物医药
"""

from __future__ import annotations

import itertools
from decimal import Decimal
from types import SimpleNamespace

import pytest

from backend.accounts.models import Role
from backend.directory.models import (
    BankProfile,
    Carrier,
    Industry,
    InvestorProfile,
    LoanProduct,
    Membership,
    MentorProfile,
    Organisation,
    OrgKind,
    Region,
    StartupProfile,
)
from backend.directory.services import search_documents_refresh

_names = itertools.count(1)


@pytest.fixture
def regions(no_reference_trees) -> SimpleNamespace:
    jilin = Region.objects.create(name="吉林省", name_en="Jilin", level=Region.Level.PROVINCE, code="220000")
    changchun = Region.objects.create(name="长春市", level=Region.Level.CITY, parent=jilin, code="220100")
    chaoyang = Region.objects.create(name="朝阳区", level=Region.Level.COUNTY, parent=changchun, code="220104")
    jilin_city = Region.objects.create(name="吉林市", level=Region.Level.CITY, parent=jilin, code="220200")
    hebei = Region.objects.create(name="河北省", level=Region.Level.PROVINCE, code="130000")
    xingtai = Region.objects.create(name="邢台市", level=Region.Level.CITY, parent=hebei, code="130500")
    return SimpleNamespace(
        jilin=jilin, changchun=changchun, chaoyang=chaoyang, jilin_city=jilin_city, hebei=hebei, xingtai=xingtai
    )


@pytest.fixture
def industries(no_reference_trees) -> SimpleNamespace:
    electronics = Industry.objects.create(name="电子信息", slug="electronics", group=Industry.Group.EMERGING)
    optoelectronics = Industry.objects.create(name="光电子", slug="optoelectronics", parent=electronics)
    chips = Industry.objects.create(name="集成电路", slug="integrated-circuits", parent=electronics)
    biomed = Industry.objects.create(name="生物医药", slug="biomedicine", group=Industry.Group.EMERGING)
    return SimpleNamespace(electronics=electronics, optoelectronics=optoelectronics, chips=chips, biomed=biomed)


def _members(organisation: Organisation, owner=None, members=()) -> None:
    if owner is not None:
        Membership.objects.create(organisation=organisation, user=owner, role=Membership.Role.OWNER)
    for user in members:
        Membership.objects.create(organisation=organisation, user=user, role=Membership.Role.MEMBER)


def _organisation(kind: str, default_region: Region, industries=(), /, **fields) -> Organisation:
    fields.setdefault("name", f"机构{next(_names)}")
    fields.setdefault("region", default_region)
    organisation = Organisation.objects.create(kind=kind, **fields)
    organisation.industries.set(industries)
    search_documents_refresh(queryset=Organisation.objects.filter(pk=organisation.pk))
    return organisation


@pytest.fixture
def make_startup(regions):
    def make(*, owner=None, members=(), industries=(), region=None, carrier=None, stage="seed", org=None, **profile):
        organisation = _organisation(OrgKind.STARTUP, region or regions.changchun, industries, **(org or {}))
        StartupProfile.objects.create(organisation=organisation, stage=stage, carrier=carrier, **profile)
        _members(organisation, owner, members)
        return organisation

    return make


@pytest.fixture
def make_investor(regions):
    def make(*, owner=None, target_regions=(), industries=(), org=None, **profile):
        profile.setdefault("ticket_min", Decimal("1000000"))
        profile.setdefault("ticket_max", Decimal("10000000"))
        organisation = _organisation(OrgKind.INVESTOR, regions.changchun, industries, **(org or {}))
        investor = InvestorProfile.objects.create(organisation=organisation, **profile)
        investor.regions.set(target_regions)
        _members(organisation, owner)
        return organisation

    return make


@pytest.fixture
def make_bank(regions):
    def make(*, owner=None, members=(), org=None, **profile):
        organisation = _organisation(OrgKind.BANK, regions.changchun, **(org or {}))
        BankProfile.objects.create(organisation=organisation, **profile)
        _members(organisation, owner, members)
        return organisation

    return make


@pytest.fixture
def make_product(make_bank):
    def make(*, bank=None, industries=(), **fields):
        fields.setdefault("name", f"产品{next(_names)}")
        fields.setdefault("stages", ["seed"])
        fields.setdefault("amount_min", Decimal("100000"))
        fields.setdefault("amount_max", Decimal("1000000"))
        fields.setdefault("collateral", ["credit"])
        product = LoanProduct.objects.create(bank=bank or make_bank(), **fields)
        product.industries.set(industries)
        return product

    return make


@pytest.fixture
def make_carrier(regions):
    def make(*, industries=(), **fields):
        fields.setdefault("name", f"孵化器{next(_names)}")
        fields.setdefault("kind", Carrier.Kind.INCUBATOR)
        fields.setdefault("level", "provincial")
        fields.setdefault("region", regions.changchun)
        carrier = Carrier.objects.create(**fields)
        carrier.focus_industries.set(industries)
        return carrier

    return make


@pytest.fixture
def make_organisation(regions):
    def make(kind: str = OrgKind.INSTITUTE, *, owner=None, members=(), **fields):
        organisation = _organisation(kind, regions.changchun, fields.pop("industries", ()), **fields)
        _members(organisation, owner, members)
        return organisation

    return make


@pytest.fixture
def make_mentor(make_user, regions):
    def make(*, user=None, industries=(), **fields):
        user = user or make_user(Role.MENTOR)
        mentor = MentorProfile.objects.create(user=user, **fields)
        mentor.industries.set(industries)
        return mentor

    return make


@pytest.fixture
def founder(make_user):
    return make_user(Role.STARTUP, name="创始人")


@pytest.fixture
def stranger(make_user):
    """Logged in, with the startup role, but a member of nothing the test looks at."""
    return make_user(Role.STARTUP, name="路人")


@pytest.fixture
def queries_for():
    """How many queries a GET costs (to check that lists cost the same for 1 and 3 rows)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count(client, url: str) -> int:
        with CaptureQueriesContext(connection) as context:
            response = client.get(url)
        assert response.status_code == 200, response.data
        return len(context)

    return count
