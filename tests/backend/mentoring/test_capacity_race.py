"""A mentor's capacity holds when acceptances race, over real concurrent PostgreSQL connections.

Each thread has its own connection; a barrier releases them together (≤ 40
connections). With the row lock on, exactly ``capacity`` acceptances succeed
and the rest answer 409; with the Python lock switched off, the database
trigger alone still decides. The trigger is also checked without the services
(two raw transactions, the second waiting on the first) and against a control
with the trigger dropped, which does overbook — so the tests could fail.
"""

from __future__ import annotations

import threading
import time
from collections import Counter

import pytest
from django.db import IntegrityError, connection, transaction
from django.test import override_settings

from backend.accounts.models import Role, User
from backend.core.errors import Conflict
from backend.directory.models import Membership, MentorProfile, Organisation, OrgKind, Region
from backend.mentoring.models import MentoringRequest, Mentorship
from backend.mentoring.services import request_accept

THREADS = 30
CAPACITY = 3


def _arrange(capacity: int = CAPACITY, startups: int = THREADS):
    region = Region.objects.create(name="竞速省", level=Region.Level.PROVINCE)
    mentor_user = User.objects.create_user(email="race-mentor@example.com", name="抢手导师", roles=[Role.MENTOR])
    mentor = MentorProfile.objects.create(user=mentor_user, capacity=capacity)
    orgs = Organisation.objects.bulk_create(
        [Organisation(kind=OrgKind.STARTUP, name=f"竞速企业{i:02d}", region=region) for i in range(startups)]
    )
    founders = User.objects.bulk_create(
        [User(email=f"race-founder{i}@example.com", name=f"创始人{i}", roles=[Role.STARTUP]) for i in range(startups)]
    )
    Membership.objects.bulk_create([Membership(organisation=o, user=u) for o, u in zip(orgs, founders, strict=True)])
    requests = MentoringRequest.objects.bulk_create(
        [MentoringRequest(startup=o, mentor=mentor, requested_by=u) for o, u in zip(orgs, founders, strict=True)]
    )
    return mentor, [r.pk for r in requests], orgs


def _race(mentor_user_id: int, request_ids: list[int]) -> Counter:
    outcomes: Counter = Counter()
    lock = threading.Lock()
    barrier = threading.Barrier(len(request_ids))

    def worker(request_id: int) -> None:
        try:
            user = User.objects.get(pk=mentor_user_id)
            barrier.wait(timeout=30)
            try:
                request_accept(user=user, request_id=request_id)
                result = "accepted"
            except Conflict as exc:
                result = f"conflict:{exc.code}"
            except Exception as exc:  # anything else is a bug the test must show
                result = f"error:{type(exc).__name__}:{exc}"
            with lock:
                outcomes[result] += 1
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(rid,)) for rid in request_ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(t.is_alive() for t in threads)
    return outcomes


def _assert_exactly_capacity(mentor: MentorProfile, request_ids: list[int], outcomes: Counter) -> None:
    assert outcomes == Counter({"accepted": CAPACITY, "conflict:mentor_full": len(request_ids) - CAPACITY})
    assert Mentorship.objects.filter(mentor=mentor, status="active").count() == CAPACITY
    statuses = Counter(MentoringRequest.objects.filter(pk__in=request_ids).values_list("status", flat=True))
    assert statuses == Counter({"accepted": CAPACITY, "pending": len(request_ids) - CAPACITY})


@pytest.mark.django_db(transaction=True)
def test_racing_acceptances_give_exactly_capacity_mentorships_and_409_for_the_rest(no_reference_trees):
    mentor, request_ids, _ = _arrange()
    outcomes = _race(mentor.user_id, request_ids)
    _assert_exactly_capacity(mentor, request_ids, outcomes)


@pytest.mark.django_db(transaction=True)
def test_without_the_python_lock_the_trigger_alone_keeps_the_capacity(no_reference_trees):
    mentor, request_ids, _ = _arrange()
    with override_settings(MENTORING_LOCKING=False):
        outcomes = _race(mentor.user_id, request_ids)
    _assert_exactly_capacity(mentor, request_ids, outcomes)


def _two_raw_inserts(mentor: MentorProfile, orgs: list[Organisation]) -> list[str]:
    """Transaction A inserts an active mentorship and holds; B inserts another; A commits.

    B is known to be waiting (pg_stat_activity) before A commits, so the
    interleaving is the worst case every time, not by luck.
    """
    results: dict[str, str] = {}
    a_inserted = threading.Event()
    b_started = threading.Event()
    b_pid: list[int] = []

    def a() -> None:
        try:
            with transaction.atomic():
                Mentorship.objects.create(startup=orgs[0], mentor=mentor)
                a_inserted.set()
                assert b_started.wait(10)
                deadline = time.monotonic() + 10
                with connection.cursor() as cursor:  # wait until B blocks on our lock (or finishes)
                    while time.monotonic() < deadline:
                        cursor.execute(
                            "SELECT wait_event_type FROM pg_stat_activity WHERE pid = %s", [b_pid[0] if b_pid else 0]
                        )
                        row = cursor.fetchone()
                        if "B" in results or (row and row[0] == "Lock"):
                            break
                        time.sleep(0.02)
            results["A"] = "inserted"
        finally:
            connection.close()

    def b() -> None:
        try:
            assert a_inserted.wait(10)
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_backend_pid()")
                b_pid.append(cursor.fetchone()[0])
            b_started.set()
            try:
                with transaction.atomic():
                    Mentorship.objects.create(startup=orgs[1], mentor=mentor)
                results["B"] = "inserted"
            except IntegrityError as exc:
                results["B"] = f"refused:{exc.__cause__.diag.constraint_name}"
        finally:
            connection.close()

    threads = [threading.Thread(target=a), threading.Thread(target=b)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return [results.get("A", "missing"), results.get("B", "missing")]


@pytest.mark.django_db(transaction=True)
def test_the_trigger_refuses_a_concurrent_insert_past_capacity(no_reference_trees):
    mentor, _, orgs = _arrange(capacity=1, startups=2)
    assert _two_raw_inserts(mentor, orgs) == ["inserted", "refused:mentorship_within_mentor_capacity"]
    assert Mentorship.objects.filter(mentor=mentor, status="active").count() == 1


@pytest.mark.django_db(transaction=True)
def test_control_without_the_trigger_the_same_interleaving_overbooks(no_reference_trees):
    mentor, _, orgs = _arrange(capacity=1, startups=2)
    with connection.cursor() as cursor:
        cursor.execute("ALTER TABLE mentoring_mentorship DISABLE TRIGGER mentorship_within_mentor_capacity")
    try:
        assert _two_raw_inserts(mentor, orgs) == ["inserted", "inserted"]
        assert Mentorship.objects.filter(mentor=mentor, status="active").count() == 2  # over capacity 1
    finally:
        with connection.cursor() as cursor:
            cursor.execute("ALTER TABLE mentoring_mentorship ENABLE TRIGGER mentorship_within_mentor_capacity")


@pytest.mark.django_db
def test_the_trigger_also_guards_updates_and_allows_ending(no_reference_trees):
    mentor, _, orgs = _arrange(capacity=1, startups=2)
    first = Mentorship.objects.create(startup=orgs[0], mentor=mentor)
    ended = Mentorship.objects.create(startup=orgs[1], mentor=mentor, status="ended", ended_at=first.started_at)
    with pytest.raises(IntegrityError), transaction.atomic():
        Mentorship.objects.filter(pk=ended.pk).update(status="active", ended_at=None)
    Mentorship.objects.filter(pk=first.pk).update(status="ended", ended_at=first.started_at)
    Mentorship.objects.filter(pk=ended.pk).update(status="active", ended_at=None)
    assert Mentorship.objects.filter(mentor=mentor, status="active").count() == 1


@pytest.mark.django_db(transaction=True)
def test_racing_requests_for_one_pair_leave_exactly_one_open(no_reference_trees):
    from backend.mentoring.services import request_create

    mentor, _, orgs = _arrange(capacity=3, startups=1)
    founder_id = Membership.objects.get(organisation=orgs[0]).user_id
    outcomes: Counter = Counter()
    lock = threading.Lock()
    barrier = threading.Barrier(10)

    def worker() -> None:
        try:
            user = User.objects.get(pk=founder_id)
            startup = Organisation.objects.get(pk=orgs[0].pk)
            profile = MentorProfile.objects.get(pk=mentor.pk)
            barrier.wait(timeout=30)
            try:
                request_create(user=user, startup=startup, mentor=profile, message="并发")
                result = "created"
            except Conflict as exc:
                result = f"conflict:{exc.code}"
            except Exception as exc:
                result = f"error:{type(exc).__name__}:{exc}"
            with lock:
                outcomes[result] += 1
        finally:
            connection.close()

    # The arranged request goes out of the way; then ten identical requests race (the partial unique index decides).
    MentoringRequest.objects.update(status="withdrawn", decided_at=mentor.user.date_joined)
    threads = [threading.Thread(target=worker) for _ in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert outcomes == Counter({"created": 1, "conflict:request_open": 9})
    assert MentoringRequest.objects.filter(status="pending").count() == 1
