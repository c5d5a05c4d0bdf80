"""Factories for event tests: a small ecosystem in 吉林 (a carrier, its operator, a bureau, startups)."""

from __future__ import annotations

import itertools
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from backend.accounts.models import Role
from backend.directory.models import Carrier, Level, Membership, Organisation, OrgKind, Region
from events.models import Event, EventStatus, EventType, PitchSlot, Room

SHANGHAI = ZoneInfo("Asia/Shanghai")
_seq = itertools.count(1)


def at(days: float = 0, hour: int = 14, minute: int = 0) -> datetime:
    """A local time *days* from today at hour:minute (Asia/Shanghai)."""
    base = timezone.localtime(timezone.now(), SHANGHAI).replace(hour=hour, minute=minute, second=0, microsecond=0)
    return base + timedelta(days=days)


@pytest.fixture
def regions(no_reference_trees) -> dict[str, Region]:
    jilin = Region.objects.create(name="吉林省", level=Region.Level.PROVINCE)
    changchun = Region.objects.create(name="长春市", level=Region.Level.CITY, parent=jilin)
    chaoyang = Region.objects.create(name="朝阳区", level=Region.Level.COUNTY, parent=changchun)
    hebei = Region.objects.create(name="河北省", level=Region.Level.PROVINCE)
    return {"jilin": jilin, "changchun": changchun, "chaoyang": chaoyang, "hebei": hebei}


@pytest.fixture
def make_org(regions):
    def make(kind: str = OrgKind.BUREAU, name: str | None = None, region: Region | None = None) -> Organisation:
        return Organisation.objects.create(
            kind=kind, name=name or f"机构{next(_seq)}", region=region or regions["changchun"]
        )

    return make


@pytest.fixture
def bureau(make_org) -> Organisation:
    return make_org(OrgKind.BUREAU, "吉林省科学技术厅")


@pytest.fixture
def operator_org(make_org) -> Organisation:
    return make_org(OrgKind.CARRIER_OPERATOR, "吉林省光电子产业孵化器运营公司")


@pytest.fixture
def carrier(regions, operator_org) -> Carrier:
    return Carrier.objects.create(
        name="吉林省光电子产业孵化器",
        kind=Carrier.Kind.INCUBATOR,
        level=Level.NATIONAL,
        region=regions["chaoyang"],
        operator=operator_org,
        address="长春市朝阳区",
    )


@pytest.fixture
def room(carrier) -> Room:
    return Room.objects.create(carrier=carrier, name="一号路演厅", capacity=120)


@pytest.fixture
def organizer(make_user, bureau):
    user = make_user(Role.ORGANIZER, name="组织者")
    Membership.objects.create(organisation=bureau, user=user)
    return user


@pytest.fixture
def other_organizer(make_user, make_org):
    """An organizer of another organisation."""
    user = make_user(Role.ORGANIZER, name="外单位组织者")
    Membership.objects.create(organisation=make_org(OrgKind.BUREAU), user=user)
    return user


@pytest.fixture
def member_not_organizer(make_user, bureau):
    """A member of the organising organisation without the organizer role."""
    user = make_user(Role.STARTUP, name="普通成员")
    Membership.objects.create(organisation=bureau, user=user)
    return user


@pytest.fixture
def make_startup(make_user, make_org):
    def make(name: str | None = None):
        org = make_org(OrgKind.STARTUP, name or f"创业企业{next(_seq)}")
        user = make_user(Role.STARTUP, name=f"{org.name}创始人")
        Membership.objects.create(organisation=org, user=user, role=Membership.Role.OWNER)
        return user, org

    return make


@pytest.fixture
def make_event(bureau, organizer):
    def make(**fields) -> Event:
        fields.setdefault("title", f"活动{next(_seq)}")
        fields.setdefault("type", EventType.SALON)
        fields.setdefault("organisation", bureau)
        fields.setdefault("starts", at(days=7))
        fields.setdefault("ends", fields["starts"] + timedelta(hours=2))
        fields.setdefault("capacity", 50)
        fields.setdefault("status", EventStatus.PUBLISHED)
        fields.setdefault("created_by", organizer)
        return Event.objects.create(**fields)

    return make


@pytest.fixture
def roadshow(make_event, room) -> Event:
    """A published roadshow with ten 12-minute slots from 14:00."""
    event = make_event(title="光电子项目路演", type=EventType.ROADSHOW, room=room, starts=at(7, 14), ends=at(7, 17))
    for index in range(10):
        starts = event.starts + timedelta(minutes=12 * index)
        PitchSlot.objects.create(event=event, starts=starts, ends=starts + timedelta(minutes=12), label=f"#{index + 1}")
    return event
