"""The scheduler adapter: slots used vs the proven bound, too-short days, locks, publishing, repair, late meetings."""

from __future__ import annotations

from collections import Counter

import pytest
from procrastinate.contrib.django import app

from backend.core.errors import ApplicationError, Conflict
from backend.jobs.models import Job
from backend.notifications.models import Notification
from events.matchmaking.models import FollowUp, MatchmakingDay, Meeting, MeetingSlot
from events.matchmaking.services import requests as request_services
from events.matchmaking.services import schedule, setup
from events.matchmaking.tasks import run_schedule


def _five_meetings(day):
    """The first bank meets all three enterprises (Δ = 3); the second bank two of them. E = 5."""
    e, b = day.enterprises, day.banks
    return [
        day.meet(e[0], b[0], "must"),
        day.meet(e[1], b[0]),
        day.meet(e[2], b[0]),
        day.meet(e[0], b[1]),
        day.meet(e[1], b[1]),
    ]


def _placements(day):
    return list(
        Meeting.objects.filter(day_id=day.event.pk, status="active").values_list(
            "id", "enterprise_id", "partner_id", "slot_id", "table_id"
        )
    )


def _assert_valid(day):
    rows = _placements(day)
    assert all(slot is not None for _m, _e, _p, slot, _t in rows)
    assert len({(slot, table) for *_x, slot, table in rows}) == len(rows)
    for who in (1, 2):
        assert len({(row[who], row[3]) for row in rows}) == len(rows)


def test_run_reaches_the_lower_bound_and_says_so(day):
    day.slots(6)
    day.tables(2)
    _five_meetings(day)

    info = schedule.schedule_compute(event_id=day.event.pk)

    assert info["feasible"] and info["optimal"]
    assert (info["slots_used"], info["lower_bound"], info["slots_available"], info["tables"]) == (3, 3, 6, 2)
    assert info["message_en"] == "5 meetings scheduled in 3 slots, proven minimal (lower bound 3, 6 available)."
    assert "已证明为最少" in info["message_zh"]
    _assert_valid(day)
    first_three = list(MeetingSlot.objects.filter(day_id=day.event.pk).values_list("id", flat=True))[:3]
    assert {slot for *_x, slot, _t in _placements(day)} <= set(first_three)
    assert MatchmakingDay.objects.get(pk=day.event.pk).schedule_info["slots_used"] == 3


def test_a_day_too_short_is_reported_in_both_languages_and_nothing_is_placed(day):
    day.slots(2)
    day.tables(2)
    _five_meetings(day)

    info = schedule.schedule_compute(event_id=day.event.pk)

    assert not info["feasible"] and info["too_short"]
    assert (info["lower_bound"], info["slots_available"], info["slots_used"]) == (3, 2, None)
    assert info["message_zh"].startswith("当天时段不足：5 场会谈至少需要 3 个时段，但只设置了 2 个")
    assert "The day is too short: 5 meetings need at least 3 slots, but only 2 are set" in info["message_en"]
    assert "drop 'would like to meet' meetings (4 of them)" in info["message_en"]
    assert all(slot is None for *_x, slot, _t in _placements(day))


def test_one_table_raises_the_bound_to_the_number_of_meetings(day):
    day.slots(8)
    day.tables(1)
    _five_meetings(day)
    info = schedule.schedule_compute(event_id=day.event.pk)
    assert (info["slots_used"], info["lower_bound"]) == (5, 5)
    _assert_valid(day)


def test_unavailability_is_respected(day):
    slots = day.slots(4)
    day.tables(2)
    _five_meetings(day)
    bank = day.banks[0].participant
    setup.participant_set_unavailable(actor=day.organizer, participant=bank, slot_ids=[slots[0].pk])

    info = schedule.schedule_compute(event_id=day.event.pk)

    assert info["feasible"]
    assert (info["slots_used"], info["lower_bound"]) == (4, 4)  # the bank's three meetings start in slot 1
    assert not Meeting.objects.filter(partner=bank, slot=slots[0]).exists()
    _assert_valid(day)


def test_no_run_without_slots_and_tables(day):
    _five_meetings(day)
    with pytest.raises(Conflict) as exc:
        schedule.schedule_start(actor=day.organizer, event=day.event)
    assert exc.value.code == "no_slots"


def test_locked_meeting_keeps_its_slot_and_table_on_rerun(day):
    slots = day.slots(5)
    tables = day.tables(2)
    meetings = _five_meetings(day)
    schedule.schedule_compute(event_id=day.event.pk)
    target = meetings[3]  # enterprise 0 with bank 1: an agreed time in the last slot, table 2
    target, unplaced = schedule.meeting_lock(actor=day.organizer, meeting=target, slot=slots[4], table=tables[1])
    assert (target.slot, target.table, target.locked) == (slots[4], tables[1], True)
    assert unplaced == []

    info = schedule.schedule_compute(event_id=day.event.pk)

    target.refresh_from_db()
    assert (target.slot, target.table) == (slots[4], tables[1])
    assert info["locked"] == 1
    assert (info["slots_used"], info["lower_bound"]) == (5, 5)
    _assert_valid(day)


def test_locking_into_an_occupied_place_unplaces_the_unlocked_meeting(day):
    slots = day.slots(4)
    day.tables(2)
    meetings = _five_meetings(day)
    schedule.schedule_compute(event_id=day.event.pk)
    m0 = Meeting.objects.get(pk=meetings[0].pk)
    same_bank = next(m for m in meetings[1:3] if Meeting.objects.get(pk=m.pk).slot != m0.slot)
    other_slot = Meeting.objects.get(pk=same_bank.pk).slot

    _m, unplaced = schedule.meeting_lock(actor=day.organizer, meeting=m0, slot=other_slot)

    assert same_bank.pk in unplaced
    assert Meeting.objects.get(pk=same_bank.pk).slot is None
    # A locked meeting in the way is a conflict.
    with pytest.raises(Conflict) as exc:
        schedule.meeting_lock(actor=day.organizer, meeting=Meeting.objects.get(pk=same_bank.pk), slot=other_slot)
    assert exc.value.code == "locked_clash"
    info = schedule.schedule_compute(event_id=day.event.pk)
    assert info["feasible"]
    assert Meeting.objects.get(pk=m0.pk).slot == other_slot
    _assert_valid(day)
    assert len(slots) == 4


def test_lock_into_an_unavailable_slot_or_another_days_slot_is_refused(day, make_event):
    slots = day.slots(4)
    day.tables(2)
    meetings = _five_meetings(day)
    schedule.schedule_compute(event_id=day.event.pk)
    setup.participant_set_unavailable(actor=day.organizer, participant=day.banks[0].participant, slot_ids=[slots[3].pk])
    with pytest.raises(Conflict) as exc:
        schedule.meeting_lock(actor=day.organizer, meeting=meetings[0], slot=slots[3])
    assert exc.value.code == "unavailable"


def test_publish_sends_every_participant_the_agenda_and_plans_follow_ups(day, django_capture_on_commit_callbacks):
    day.slots(4)
    day.tables(2)
    _five_meetings(day)
    with pytest.raises(Conflict) as exc:
        schedule.schedule_publish(actor=day.organizer, event=day.event)
    assert exc.value.code == "unplaced"
    schedule.schedule_compute(event_id=day.event.pk)

    with django_capture_on_commit_callbacks(execute=True):
        published = schedule.schedule_publish(actor=day.organizer, event=day.event)

    assert published.published_at is not None
    told = Notification.objects.filter(kind="mm_agenda")
    assert told.count() == 5
    assert told.get(user=day.banks[0].user).title_zh == f"日程已发布：{day.event.title}，您有 3 场会谈"
    assert told.get(user=day.banks[0].user).link == f"/matchmaking/{day.event.pk}/agenda"
    assert FollowUp.objects.count() == 5 * 2 * 2
    assert Counter(FollowUp.objects.values_list("months", flat=True)) == {3: 10, 6: 10}


def test_repair_after_new_unavailability_moves_as_few_as_possible(day, django_capture_on_commit_callbacks):
    slots = day.slots(5)
    day.tables(2)
    _five_meetings(day)
    schedule.schedule_compute(event_id=day.event.pk)
    schedule.schedule_publish(actor=day.organizer, event=day.event)
    bank = day.banks[1].participant
    in_first = Meeting.objects.filter(partner=bank, status="active").exclude(slot=None).first()
    setup.participant_set_unavailable(actor=day.organizer, participant=bank, slot_ids=[in_first.slot_id])
    assert schedule.problems(schedule.schedule_input(MatchmakingDay.objects.get(pk=day.event.pk)))
    before = {m: s for m, _e, _p, s, _t in _placements(day)}

    with django_capture_on_commit_callbacks(execute=True):
        result = schedule.schedule_repair(actor=day.organizer, event=day.event)

    assert result["moved"] == [in_first.pk] and result["minimal"]
    after = {m: s for m, _e, _p, s, _t in _placements(day)}
    assert [m for m in before if before[m] != after[m]] == [in_first.pk]
    _assert_valid(day)
    assert not schedule.problems(schedule.schedule_input(MatchmakingDay.objects.get(pk=day.event.pk)))
    assert MatchmakingDay.objects.get(pk=day.event.pk).changed_since_publish
    enterprise_user = next(e.user for e in day.enterprises if e.participant.pk == in_first.enterprise_id)
    moved = Notification.objects.filter(kind="mm_moved")
    assert sorted(n.user_id for n in moved) == sorted([enterprise_user.pk, day.banks[1].user.pk])
    assert len(slots) == 5


def test_meeting_accepted_after_publishing_is_placed_without_moving_others(day):
    day.slots(5)
    day.tables(2)
    _five_meetings(day)
    schedule.schedule_compute(event_id=day.event.pk)
    schedule.schedule_publish(actor=day.organizer, event=day.event)
    before = {m: s for m, _e, _p, s, _t in _placements(day)}

    late = day.meet(day.enterprises[2], day.banks[1])

    late.refresh_from_db()
    assert late.slot is not None
    after = {m: s for m, _e, _p, s, _t in _placements(day)}
    assert all(after[m] == s for m, s in before.items())
    _assert_valid(day)
    assert FollowUp.objects.filter(meeting=late).count() == 4


def test_slots_outside_the_event_are_refused_and_used_slots_stay(day):
    from datetime import timedelta

    with pytest.raises(ApplicationError) as exc:
        setup.slots_generate(
            actor=day.organizer,
            event=day.event,
            first_starts=day.event.starts - timedelta(hours=1),
            minutes=20,
            count=3,
        )
    assert "first_starts" in exc.value.errors
    day.slots(4)
    day.tables(2)
    _five_meetings(day)
    schedule.schedule_compute(event_id=day.event.pk)
    with pytest.raises(Conflict) as exc:
        day.slots(1)
    assert exc.value.code == "slot_in_use"
    with pytest.raises(Conflict) as exc:
        day.tables(1)
    assert exc.value.code == "table_in_use"
    assert len(day.slots(6)) == 6  # growing keeps what is placed


@pytest.fixture
def run_worker(transactional_db):
    def run():
        with app.replace_connector(app.connector.get_worker_connector()):
            app.run_worker(wait=False, install_signal_handlers=False, listen_notify=False, queues=["default"])

    return run


def test_scheduler_runs_as_a_job_with_progress_and_result(day, run_worker):
    day.slots(4)
    day.tables(2)
    _five_meetings(day)
    job = schedule.schedule_start(actor=day.organizer, event=day.event, time_limit=2)
    assert job.kind == "matchmaking.schedule" and job.status == Job.Status.QUEUED

    run_worker()

    job.refresh_from_db()
    assert job.status == Job.Status.SUCCEEDED, job.error
    assert job.progress == 100
    assert (job.result["slots_used"], job.result["lower_bound"]) == (3, 3)
    assert MatchmakingDay.objects.get(pk=day.event.pk).schedule_job_id == job.pk
    _assert_valid(day)
    assert run_schedule.name == "innolink.matchmaking.schedule"


def test_request_after_publish_is_still_possible_and_declined_ones_are_not_placed(day):
    day.slots(4)
    day.tables(2)
    _five_meetings(day)
    schedule.schedule_compute(event_id=day.event.pk)
    schedule.schedule_publish(actor=day.organizer, event=day.event)
    request = day.ask(day.enterprises[2], day.banks[1])
    request_services.request_decline(actor=day.banks[1].user, request=request)
    assert Meeting.objects.filter(day_id=day.event.pk).count() == 5


def test_moving_a_published_meeting_by_a_lock_tells_both_sides(day, django_capture_on_commit_callbacks):
    slots = day.slots(5)
    day.tables(2)
    meetings = _five_meetings(day)
    schedule.schedule_compute(event_id=day.event.pk)
    schedule.schedule_publish(actor=day.organizer, event=day.event)
    target = Meeting.objects.get(pk=meetings[3].pk)  # enterprise 0 with bank 1
    assert target.slot != slots[4]

    with django_capture_on_commit_callbacks(execute=True):
        moved, _unplaced = schedule.meeting_lock(actor=day.organizer, meeting=target, slot=slots[4])

    assert (moved.slot, moved.locked, moved.sequence) == (slots[4], True, 1)
    told = Notification.objects.filter(kind="mm_moved")
    assert sorted(n.user_id for n in told) == sorted([day.enterprises[0].user.pk, day.banks[1].user.pk])
    assert MatchmakingDay.objects.get(pk=day.event.pk).changed_since_publish
