"""Requests racing for one participant's cap over real, concurrent PostgreSQL connections.

One enterprise, cap 3, thirty banks: thirty threads (each its own connection,
released together by a barrier) each send one request. Exactly three may win.
Control (pretix style): with the participant lock switched off the race shows
(more than three requests), so the main test could fail if the lock did not work.
A second race sends the same pair's request from both sides at once: the
partial unique index on the pair lets one through.
"""

from __future__ import annotations

import threading
from collections import Counter

import pytest
from django.db import connection
from django.test import override_settings

from backend.accounts.models import Role, User
from backend.core.errors import Conflict
from backend.directory.models import Membership, Organisation, OrgKind, Region
from events.matchmaking.models import MatchmakingDay, MeetingRequest, Participant
from events.matchmaking.services.requests import request_send
from events.models import Event, EventStatus, EventType
from tests.events.conftest import at

pytestmark = pytest.mark.django_db(transaction=True)

THREADS = 30
CAP = 3


def _arrange(banks: int = THREADS) -> tuple[Participant, User, list[Participant]]:
    region = Region.objects.create(name="长春市", level=Region.Level.CITY)
    bureau = Organisation.objects.create(kind=OrgKind.BUREAU, name="长春市科学技术局", region=region)
    event = Event.objects.create(
        title="银企对接会",
        type=EventType.BANK_MATCHMAKING,
        organisation=bureau,
        starts=at(7, 9),
        ends=at(7, 17),
        capacity=200,
        status=EventStatus.PUBLISHED,
    )
    day = MatchmakingDay.objects.create(event=event, request_cap=CAP)
    enterprise = Organisation.objects.create(kind=OrgKind.STARTUP, name="长春光启科技有限公司", region=region)
    user = User.objects.create(email="race-founder@example.com", name="创始人", roles=[Role.STARTUP])
    Membership.objects.create(organisation=enterprise, user=user)
    sender = Participant.objects.create(day=day, organisation=enterprise, side="enterprise")
    bank_orgs = Organisation.objects.bulk_create(
        [Organisation(kind=OrgKind.BANK, name=f"科技支行{i:02d}", region=region) for i in range(banks)]
    )
    recipients = Participant.objects.bulk_create(
        [Participant(day=day, organisation=org, side="partner") for org in bank_orgs]
    )
    return sender, user, recipients


def _race(calls) -> Counter:
    outcomes: Counter = Counter()
    lock = threading.Lock()
    barrier = threading.Barrier(len(calls))

    def worker(call) -> None:
        try:
            barrier.wait(timeout=30)
            try:
                call()
                result = "sent"
            except Conflict as exc:
                result = f"conflict:{exc.code}"
            except Exception as exc:  # anything else is a bug the test must show
                result = f"error:{type(exc).__name__}:{exc}"
            with lock:
                outcomes[result] += 1
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(t.is_alive() for t in threads)
    return outcomes


def _cap_race() -> tuple[Counter, Participant]:
    sender, user, recipients = _arrange()

    def send(recipient):
        return lambda: request_send(
            actor=user,
            sender=Participant.objects.select_related("organisation").get(pk=sender.pk),
            recipient=Participant.objects.select_related("organisation").get(pk=recipient.pk),
        )

    return _race([send(r) for r in recipients]), sender


def test_concurrent_requests_never_exceed_the_cap():
    outcomes, sender = _cap_race()
    assert outcomes == {"sent": CAP, "conflict:request_cap": THREADS - CAP}
    assert MeetingRequest.objects.filter(sender=sender).count() == CAP


@override_settings(MATCHMAKING_LOCKING=False)
def test_control_without_the_lock_the_race_shows():
    outcomes, sender = _cap_race()
    assert not any(key.startswith("error") for key in outcomes), outcomes
    assert MeetingRequest.objects.filter(sender=sender).count() > CAP


def test_same_pair_from_both_sides_at_once_makes_one_live_request():
    sender, user, recipients = _arrange(banks=1)
    bank = recipients[0]
    bank_user = User.objects.create(email="race-bank@example.com", name="客户经理", roles=[Role.BANK])
    Membership.objects.create(organisation_id=bank.organisation_id, user=bank_user)

    def send(actor, a, b):
        return lambda: request_send(
            actor=actor,
            sender=Participant.objects.select_related("organisation").get(pk=a.pk),
            recipient=Participant.objects.select_related("organisation").get(pk=b.pk),
        )

    calls = [send(user, sender, bank), send(bank_user, bank, sender)] * 5
    outcomes = _race(calls)
    assert outcomes == {"sent": 1, "conflict:pair_taken": 9}
    assert MeetingRequest.objects.count() == 1
