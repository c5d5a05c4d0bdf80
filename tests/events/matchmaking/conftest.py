"""A bank–enterprise matchmaking day in 长春: enterprises, banks, an investor, the organizer."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal

import pytest

from backend.accounts.models import Role
from backend.directory.models import LoanProduct, Membership, OrgKind, StartupProfile
from events.matchmaking.models import Meeting, MeetingRequest, Participant
from events.matchmaking.services import requests as request_services
from events.matchmaking.services import setup
from events.models import Event, EventType
from tests.events.conftest import at


@dataclass
class Member:
    user: object
    org: object
    participant: Participant | None = None


@dataclass
class Day:
    event: Event
    organizer: object
    enterprises: list[Member] = field(default_factory=list)
    banks: list[Member] = field(default_factory=list)

    def slots(self, count: int, minutes: int = 20):
        return setup.slots_generate(
            actor=self.organizer, event=self.event, first_starts=self.event.starts, minutes=minutes, count=count
        )

    def tables(self, count: int):
        return setup.tables_set(actor=self.organizer, event=self.event, count=count)

    def meet(self, enterprise: Member, bank: Member, preference: str = "nice") -> Meeting:
        """An accepted request: the enterprise asks, the bank accepts."""
        request = request_services.request_send(
            actor=enterprise.user, sender=enterprise.participant, recipient=bank.participant, preference=preference
        )
        request_services.request_accept(actor=bank.user, request=request)
        return Meeting.objects.get(request=request)

    def ask(self, sender: Member, recipient: Member, preference: str = "nice") -> MeetingRequest:
        return request_services.request_send(
            actor=sender.user, sender=sender.participant, recipient=recipient.participant, preference=preference
        )


@pytest.fixture
def make_member(make_user, make_org):
    def make(kind: str, name: str, role: str) -> Member:
        org = make_org(kind, name)
        user = make_user(role, name=f"{name}联系人")
        Membership.objects.create(organisation=org, user=user, role=Membership.Role.OWNER)
        if kind == OrgKind.STARTUP:
            StartupProfile.objects.create(organisation=org, stage="startup")
        if kind == OrgKind.BANK:
            LoanProduct.objects.create(
                bank=org,
                name="初创贷",
                stages=["seed", "startup"],
                amount_min=Decimal("100000"),
                amount_max=Decimal("3000000"),
                collateral=["credit", "patent_pledge"],
                description="面向初创期科技企业的信用贷款",
            )
        return Member(user, org)

    return make


@pytest.fixture
def matchmaking_event(make_event) -> Event:
    return make_event(
        title="银企对接会：科技金融助力企业成长",
        type=EventType.BANK_MATCHMAKING,
        starts=at(7, 9),
        ends=at(7, 17),
        capacity=80,
    )


@pytest.fixture
def day(matchmaking_event, organizer, make_member) -> Day:
    """Three enterprises and two banks have joined; no slots yet."""
    d = Day(matchmaking_event, organizer)
    for name in ("长春光启科技有限公司", "吉林省新材料科技有限公司", "长春智造装备有限公司"):
        d.enterprises.append(make_member(OrgKind.STARTUP, name, Role.STARTUP))
    for name in ("吉林银行长春科技支行", "长春农商银行"):
        d.banks.append(make_member(OrgKind.BANK, name, Role.BANK))
    for member in d.enterprises + d.banks:
        member.participant = setup.participant_join(
            actor=member.user,
            event=matchmaking_event,
            organisation=member.org,
            offer="激光雷达、光电子器件" if member.org.kind == OrgKind.STARTUP else "科技信用贷款",
            seek="科技贷款 100 万元" if member.org.kind == OrgKind.STARTUP else "初创期科技企业",
            amount=Decimal("1000000") if member.org.kind == OrgKind.STARTUP else None,
        )
    return d


def later(hours: float = 0, days: float = 0):
    from django.utils import timezone

    return timezone.now() + timedelta(hours=hours, days=days)
