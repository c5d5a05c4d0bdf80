"""The demo's matchmaking days on a small directory of our own: a past day met and reported, an upcoming one open."""

from __future__ import annotations

import random
from decimal import Decimal

import pytest

from backend.accounts.models import Role
from backend.demo.events import load_events
from backend.demo.matchmaking import load_matchmaking
from backend.directory.models import Carrier, Level, LoanProduct, Membership, Organisation, OrgKind, StartupProfile
from events.matchmaking.models import FollowUp, MatchmakingDay, Meeting, MeetingOutcome, MeetingRequest

pytestmark = pytest.mark.django_db


@pytest.fixture
def directory(regions, make_user):
    region = regions["changchun"]
    bureau = Organisation.objects.create(kind=OrgKind.BUREAU, name="吉林省科学技术厅", region=region)
    organizer = make_user(Role.ORGANIZER, name="科技厅活动专员")
    Membership.objects.create(organisation=bureau, user=organizer)
    for name in ("吉林省光电子产业孵化器", "摆渡创新工场", "淮海壹号众创空间"):
        Carrier.objects.create(name=name, kind=Carrier.Kind.INCUBATOR, level=Level.NATIONAL, region=region)
    for index in range(14):
        org = Organisation.objects.create(kind=OrgKind.STARTUP, name=f"长春光电企业{index:02d}", region=region)
        StartupProfile.objects.create(organisation=org, stage="startup")
        Membership.objects.create(organisation=org, user=make_user(Role.STARTUP))
    for name in ("吉林银行", "中国银行吉林省分行", "长春农商银行"):
        org = Organisation.objects.create(kind=OrgKind.BANK, name=name, region=region)
        Membership.objects.create(organisation=org, user=make_user(Role.BANK))
        LoanProduct.objects.create(
            bank=org,
            name="初创贷",
            stages=["seed", "startup"],
            amount_min=Decimal("100000"),
            amount_max=Decimal("5000000"),
            collateral=["credit"],
        )
    return bureau


def test_demo_days_past_published_with_outcomes_and_upcoming_with_requests(directory):
    load_events(random.Random(1))
    stats = load_matchmaking(random.Random(2))
    assert stats["matchmaking meetings"] > 0 and stats["matchmaking requests"] > 0

    past, upcoming = MatchmakingDay.objects.select_related("event").order_by("event__starts")
    assert past.published_at is not None and past.published_at < past.event.starts
    info = past.schedule_info
    assert info["feasible"] and info["slots_used"] == info["lower_bound"] <= info["slots_available"]
    active = Meeting.objects.filter(day=past, status="active")
    assert active.count() and not active.filter(slot__isnull=True).exists()
    assert Meeting.objects.filter(day=past, status="cancelled").count() == 1
    assert active.filter(checked_in_at__isnull=False).exists()
    assert MeetingOutcome.objects.filter(meeting__day=past, intention="loan", amount__gt=0).exists()
    assert FollowUp.objects.filter(meeting__day=past).count() == active.count() * 4

    assert upcoming.published_at is None and upcoming.schedule_info == {}
    assert MeetingRequest.objects.filter(day=upcoming, status="pending").exists()
    assert not Meeting.objects.filter(day=upcoming, slot__isnull=False).exists()
    assert upcoming.slots.count() == 10 and upcoming.tables.count() == 5

    counts = (MeetingRequest.objects.count(), Meeting.objects.count(), MeetingOutcome.objects.count())
    assert load_matchmaking(random.Random(2)) == {}
    assert (MeetingRequest.objects.count(), Meeting.objects.count(), MeetingOutcome.objects.count()) == counts
