"""200 startups race for 10 pitch slots over real, concurrent PostgreSQL connections.

Each thread has its own database connection; a barrier releases them together.
The suite stays under the CI server's max_connections=100: at most 40 threads.

Controls (pretix style): with the event lock switched off the partial unique
indexes still decide (exactly 10 bookings, losers get 409 from the constraint);
with both switched off the race shows (more than 10 bookings) — so the main
test could fail if our guards did not work.
"""

from __future__ import annotations

import threading
from collections import Counter
from datetime import timedelta

import pytest
from django.db import connection
from django.test import override_settings

from backend.accounts.models import Role, User
from backend.core.errors import Conflict
from backend.directory.models import Membership, Organisation, OrgKind, Region
from events.models import Booking, Event, EventStatus, EventType, PitchSlot
from events.services.pitches import booking_apply
from tests.events.conftest import at

THREADS = 40
ATTEMPTS = 200
SLOTS = 10


def _arrange() -> tuple[Event, list[int], list[tuple[User, int]]]:
    region = Region.objects.create(name="长春市", level=Region.Level.CITY)
    bureau = Organisation.objects.create(kind=OrgKind.BUREAU, name="长春市科学技术局", region=region)
    event = Event.objects.create(
        title="科技金融路演",
        type=EventType.ROADSHOW,
        organisation=bureau,
        starts=at(7, 14),
        ends=at(7, 17),
        capacity=200,
        status=EventStatus.PUBLISHED,
    )
    slot_ids = [
        PitchSlot.objects.create(
            event=event,
            starts=event.starts + timedelta(minutes=12 * i),
            ends=event.starts + timedelta(minutes=12 * (i + 1)),
        ).pk
        for i in range(SLOTS)
    ]
    orgs = Organisation.objects.bulk_create(
        [Organisation(kind=OrgKind.STARTUP, name=f"赛道企业{i:03d}", region=region) for i in range(ATTEMPTS)]
    )
    users = User.objects.bulk_create(
        [User(email=f"race{i}@example.com", name=f"创始人{i}", roles=[Role.STARTUP]) for i in range(ATTEMPTS)]
    )
    Membership.objects.bulk_create([Membership(organisation=o, user=u) for o, u in zip(orgs, users, strict=True)])
    return event, slot_ids, [(u, o.pk) for u, o in zip(users, orgs, strict=True)]


def _race(event: Event, slot_ids: list[int], applicants: list[tuple[User, int]]) -> Counter:
    """ATTEMPTS attempts by THREADS threads; attempt i goes for slot i % SLOTS."""
    outcomes: Counter = Counter()
    lock = threading.Lock()
    barrier = threading.Barrier(THREADS)

    def worker(worker_index: int) -> None:
        try:
            barrier.wait(timeout=30)
            for attempt in range(worker_index, ATTEMPTS, THREADS):
                user, startup_id = applicants[attempt]
                try:
                    booking_apply(
                        user=user,
                        event=Event.objects.get(pk=event.pk),
                        slot_id=slot_ids[attempt % SLOTS],
                        startup_id=startup_id,
                    )
                    result = "booked"
                except Conflict as exc:
                    result = f"conflict:{exc.code}"
                except Exception as exc:  # anything else is a bug the test must show
                    result = f"error:{type(exc).__name__}:{exc}"
                with lock:
                    outcomes[result] += 1
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(t.is_alive() for t in threads)
    return outcomes


def _assert_exactly_ten(outcomes: Counter) -> None:
    errors = {k: v for k, v in outcomes.items() if k.startswith("error")}
    assert errors == {}
    assert outcomes["booked"] == SLOTS
    assert sum(v for k, v in outcomes.items() if k.startswith("conflict:")) == ATTEMPTS - SLOTS
    assert set(outcomes) <= {"booked", "conflict:slot_taken", "conflict:already_booked"}
    bookings = Booking.objects.all()
    assert bookings.count() == SLOTS
    assert bookings.values("slot").distinct().count() == SLOTS
    assert bookings.values("startup").distinct().count() == SLOTS


@pytest.mark.django_db(transaction=True)
def test_booking_race_200_attempts_10_slots_gives_10_bookings_and_190_conflicts():
    event, slot_ids, applicants = _arrange()
    outcomes = _race(event, slot_ids, applicants)
    _assert_exactly_ten(outcomes)


@pytest.mark.django_db(transaction=True)
def test_booking_race_without_locks_is_still_decided_by_the_unique_indexes():
    event, slot_ids, applicants = _arrange()
    with override_settings(EVENTS_LOCKING=False):
        outcomes = _race(event, slot_ids, applicants)
    _assert_exactly_ten(outcomes)


@pytest.mark.django_db(transaction=True)
def test_booking_race_control_without_locks_and_constraints_overbooks():
    """The control: the same race with no lock and no index does go wrong."""
    event, slot_ids, applicants = _arrange()
    constraints = [c for c in Booking._meta.constraints if c.name.startswith("booking_one_live_")]
    with connection.schema_editor() as editor:
        for constraint in constraints:
            editor.remove_constraint(Booking, constraint)
    try:
        with override_settings(EVENTS_LOCKING=False):
            outcomes = _race(event, slot_ids, applicants)
        assert outcomes["booked"] > SLOTS
        assert Booking.objects.count() > SLOTS
    finally:
        Booking.objects.all().delete()
        with connection.schema_editor() as editor:
            for constraint in constraints:
                editor.add_constraint(Booking, constraint)
