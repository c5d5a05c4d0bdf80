"""A small ecosystem in 吉林 for the engine: startups, mentors, investors, banks, events.

Reuses the directory factories (regions 吉林省/长春市/朝阳区 …, industries
电子信息 > 光电子, 集成电路; 生物医药).
"""

from __future__ import annotations

import itertools
from datetime import timedelta
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.utils import timezone

from backend.accounts.models import Role
from backend.directory.models import FinancingNeed, Membership, OrgKind
from events.models import Booking, Event, EventStatus, EventType, InvestorInterest, Judge, PitchSlot, Registration
from tests.backend.directory import conftest as directory_fixtures

_seq = itertools.count(1)

# The directory's factories, shared (pytest finds fixtures among a conftest's attributes).
industries = directory_fixtures.industries
make_bank = directory_fixtures.make_bank
make_carrier = directory_fixtures.make_carrier
make_investor = directory_fixtures.make_investor
make_mentor = directory_fixtures.make_mentor
make_organisation = directory_fixtures.make_organisation
make_product = directory_fixtures.make_product
make_startup = directory_fixtures.make_startup
regions = directory_fixtures.regions


@pytest.fixture
def make_need():
    def make(startup, *, amount="1000000", kind=FinancingNeed.Kind.DEBT, **fields) -> FinancingNeed:
        fields.setdefault("purpose", "购买研发设备")
        fields.setdefault("collateral_offered", [])
        return FinancingNeed.objects.create(startup=startup, amount=Decimal(amount), kind=kind, **fields)

    return make


@pytest.fixture
def bureau(make_organisation):
    return make_organisation(OrgKind.BUREAU, name="吉林省科学技术厅")


@pytest.fixture
def organizer(make_user, bureau):
    user = make_user(Role.ORGANIZER, name="组织者")
    Membership.objects.create(organisation=bureau, user=user)
    return user


@pytest.fixture
def make_event(bureau):
    def make(**fields) -> Event:
        starts = timezone.now() - timedelta(days=3)
        fields.setdefault("title", f"路演{next(_seq)}")
        fields.setdefault("type", EventType.ROADSHOW)
        fields.setdefault("organisation", bureau)
        fields.setdefault("starts", starts)
        fields.setdefault("ends", starts + timedelta(hours=3))
        fields.setdefault("capacity", 100)
        fields.setdefault("status", EventStatus.FINISHED)
        return Event.objects.create(**fields)

    return make


@pytest.fixture
def register():
    def make(event, user, *, checked_in: bool = False) -> Registration:
        return Registration.objects.create(
            event=event,
            user=user,
            status=Registration.Status.CONFIRMED,
            queued_at=timezone.now(),
            checked_in_at=timezone.now() if checked_in else None,
        )

    return make


@pytest.fixture
def pitch():
    def make(event, startup, applicant, *, status=Booking.Status.APPROVED) -> Booking:
        n = event.slots.count()
        starts = event.starts + timedelta(minutes=15 * n)
        slot = PitchSlot.objects.create(event=event, starts=starts, ends=starts + timedelta(minutes=15))
        return Booking.objects.create(event=event, slot=slot, startup=startup, applicant=applicant, status=status)

    return make


@pytest.fixture
def eco(
    regions,
    industries,
    make_user,
    make_startup,
    make_mentor,
    make_investor,
    make_bank,
    make_product,
    make_carrier,
    make_need,
    make_event,
    register,
    pitch,
    bureau,
):
    """光迹 (光电子, seed, at the incubator) and friends; see the attributes for who is who."""
    carrier = make_carrier(name="吉林省光电子产业孵化器", industries=[industries.optoelectronics])
    founder = make_user(Role.STARTUP, name="林晓光")
    guangji = make_startup(
        owner=founder,
        industries=[industries.optoelectronics],
        region=regions.chaoyang,
        carrier=carrier,
        stage="startup",
        certifications=["high_tech"],
        revenue=Decimal("12345678"),
        valuation=Decimal("98765432"),
        org={"name": "长春光迹光电科技有限公司", "description": "激光雷达与光电子器件研发"},
    )
    bio_founder = make_user(Role.STARTUP, name="生物创始人")
    biotech = make_startup(
        owner=bio_founder,
        industries=[industries.biomed],
        region=regions.xingtai,
        stage="growth",
        org={"name": "邢台生物医药有限公司", "description": "中药提取与生物制药"},
    )
    chipco = make_startup(
        industries=[industries.chips],
        region=regions.changchun,
        stage="seed",
        org={"name": "长春芯片设计有限公司", "description": "集成电路设计"},
    )
    mentor_user = make_user(Role.MENTOR, name="周明哲")
    optics_mentor = make_mentor(
        user=mentor_user,
        industries=[industries.optoelectronics],
        region=regions.changchun,
        title="研究员",
        affiliation="长春光机所",
        bio="激光与光电子器件专家",
        capacity=2,
    )
    bio_mentor = make_mentor(industries=[industries.biomed], region=regions.xingtai, bio="生物制药", capacity=2)
    inactive_mentor = make_mentor(industries=[industries.optoelectronics], region=regions.changchun, active=False)
    investor_user = make_user(Role.INVESTOR, name="陈思远")
    optics_vc = make_investor(
        owner=investor_user,
        industries=[industries.optoelectronics],
        stages=["seed", "startup"],
        ticket_min=Decimal("1000000"),
        ticket_max=Decimal("5000000"),
        target_regions=[regions.jilin],
        org={"name": "长春光电创投", "description": "投资光电子与激光雷达早期项目"},
    )
    bio_vc = make_investor(
        industries=[industries.biomed], stages=["growth"], org={"name": "生物医药基金", "description": "生物医药"}
    )
    bank_user = make_user(Role.BANK, name="王海燕")
    bank = make_bank(owner=bank_user, org={"name": "吉林银行"})
    other_bank = make_bank(org={"name": "长春农商行"})
    startup_loan = make_product(
        bank=bank,
        name="初创贷",
        stages=["startup"],
        amount_min=Decimal("500000"),
        amount_max=Decimal("3000000"),
        collateral=["credit"],
    )
    seed_loan = make_product(bank=bank, name="创客贷", stages=["seed"], amount_max=Decimal("1000000"))
    hidden_loan = make_product(bank=bank, name="停办贷", stages=["startup"], active=False)
    other_loan = make_product(
        bank=other_bank,
        name="成长通",
        stages=["growth"],
        amount_min=Decimal("1000000"),
        amount_max=Decimal("10000000"),
        collateral=["patent_pledge"],
    )
    debt_need = make_need(guangji, amount="2000000")
    equity_need = make_need(guangji, amount="3000000", kind=FinancingNeed.Kind.EQUITY, purpose="A轮融资")
    bio_need = make_need(biotech, amount="5000000", collateral_offered=["patent_pledge"])
    closed_need = make_need(chipco, amount="300000", status=FinancingNeed.Status.FULFILLED)

    roadshow = make_event(title="光电子专场路演")
    register(roadshow, founder, checked_in=True)
    register(roadshow, mentor_user)
    pitch(roadshow, guangji, founder)
    Judge.objects.create(event=roadshow, user=investor_user)
    InvestorInterest.objects.create(event=roadshow, startup=guangji, investor=investor_user)

    return SimpleNamespace(**{k: v for k, v in locals().items() if not k.startswith("make_")})
