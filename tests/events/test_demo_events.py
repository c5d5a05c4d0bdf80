"""The demo year of events on a small directory of our own (the real directory demo comes later)."""

import random

import pytest
from django.db import transaction
from django.utils import timezone

from backend.accounts.models import Role
from backend.demo.events import load_events
from backend.directory.models import Carrier, Level, Membership, Organisation, OrgKind
from events.models import (
    Award,
    Booking,
    Event,
    EventStatus,
    EventType,
    Feedback,
    Registration,
    RoundEntry,
    Series,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def directory(regions, make_user):
    region = regions["changchun"]
    bureau = Organisation.objects.create(kind=OrgKind.BUREAU, name="吉林省科学技术厅", region=region)
    organizer = make_user(Role.ORGANIZER, name="科技厅活动专员")
    Membership.objects.create(organisation=bureau, user=organizer)
    for name, kind in (
        ("吉林省光电子产业孵化器", Carrier.Kind.INCUBATOR),
        ("摆渡创新工场", Carrier.Kind.MAKER_SPACE),
        ("淮海壹号众创空间", Carrier.Kind.MAKER_SPACE),
    ):
        Carrier.objects.create(name=name, kind=kind, level=Level.NATIONAL, region=region)
    for index in range(12):
        org = Organisation.objects.create(kind=OrgKind.STARTUP, name=f"长春光电企业{index:02d}", region=region)
        Membership.objects.create(organisation=org, user=make_user(Role.STARTUP))
    for name in ("杭州六和桥创投", "深圳湾科创", "北京科慧创业投资基金"):
        org = Organisation.objects.create(kind=OrgKind.INVESTOR, name=name, region=region)
        Membership.objects.create(organisation=org, user=make_user(Role.INVESTOR))
    for name in ("吉林银行", "中国银行吉林省分行"):
        org = Organisation.objects.create(kind=OrgKind.BANK, name=name, region=region)
        Membership.objects.create(organisation=org, user=make_user(Role.BANK))
    return bureau


def snapshot():
    return sorted(
        (e.title, e.starts.isoformat(), e.status, tuple(sorted(e.registrations.values_list("user__email", flat=True))))
        for e in Event.objects.all()
    )


def test_load_events_creates_a_year_in_the_seeds_spirit(directory):
    summary = load_events(random.Random(2024))
    assert summary["events"] == Event.objects.count() > 50
    series = dict(Series.objects.values_list("title", "rrule"))
    assert sum(1 for title in series if "路演" in title) == 3
    assert series["季季有论坛·科技创新高峰论坛"] == "FREQ=MONTHLY;INTERVAL=3;BYDAY=+1FR;COUNT=4"
    assert Event.objects.filter(type=EventType.ROADSHOW).count() == 36
    assert Event.objects.filter(type=EventType.FORUM).count() == 4
    assert Event.objects.filter(type=EventType.BANK_MATCHMAKING).count() == 2
    assert Event.objects.filter(type=EventType.SALON).count() == 12
    assert Event.objects.filter(type=EventType.TRAINING).exists()
    rounds = list(Event.objects.filter(type=EventType.COMPETITION).order_by("starts"))
    assert [e.round_name for e in rounds] == ["初赛", "复赛", "决赛"]
    assert [e.previous_round_id for e in rounds] == [None, rounds[0].pk, rounds[1].pk]
    assert RoundEntry.objects.filter(event=rounds[1]).count() == 6
    assert RoundEntry.objects.filter(event=rounds[2]).count() == 3
    assert list(Award.objects.filter(event=rounds[2]).values_list("title", flat=True)) == ["一等奖", "二等奖", "三等奖"]
    now = timezone.now()
    assert not Event.objects.filter(ends__lte=now).exclude(status=EventStatus.FINISHED).exists()
    # Feedback only from checked-in attendees of past events.
    assert Feedback.objects.exists()
    assert not Feedback.objects.filter(event__ends__gt=now).exists()
    for feedback in Feedback.objects.all():
        assert Registration.objects.get(event=feedback.event, user=feedback.user).checked_in_at is not None
    assert Registration.objects.filter(checked_in_at__isnull=False).exists()
    assert Booking.objects.filter(status="approved").exists()


def test_load_events_is_idempotent(directory):
    load_events(random.Random(1))
    before = snapshot()
    assert load_events(random.Random(1)) == {"events": 0}
    assert snapshot() == before


def test_load_events_is_deterministic(directory):
    runs = []
    for _ in range(2):
        with transaction.atomic():
            load_events(random.Random(99))
            runs.append(snapshot())
            transaction.set_rollback(True)
    assert runs[0] == runs[1]
    assert len(runs[0]) > 50


def test_load_events_without_directory_does_nothing(db):
    assert load_events(random.Random(1)) == {"events": 0}
    assert not Event.objects.exists()
