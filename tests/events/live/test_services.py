"""The run of show as service calls: each command's effect, its refusals, and locking."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from django.db import close_old_connections, connection
from django.utils import timezone

from backend.core.errors import ApplicationError, Conflict
from events.live import selectors, services
from events.live.models import LiveRoom, Question
from events.models import Booking, Event, EventStatus, EventType, InvestorInterest

pytestmark = pytest.mark.django_db


def command(actor, event, name, **kwargs) -> LiveRoom:
    return services.room_command(actor=actor, event=event, command=name, **kwargs)


def test_start_puts_the_first_pitch_on_stage_and_opens_the_event(organizer, roadshow, pitches):
    before = timezone.now()
    room = command(organizer, roadshow, "start")
    assert room.phase == LiveRoom.Phase.PITCH
    assert room.current_id == pitches[0].pk
    assert room.version == 1
    assert room.phase_ends_at - room.phase_started_at == timedelta(seconds=room.pitch_seconds)
    assert room.phase_started_at >= before
    roadshow.refresh_from_db()
    assert roadshow.status == EventStatus.ONGOING


def test_next_previous_and_goto_follow_slot_order(organizer, roadshow, pitches):
    command(organizer, roadshow, "start")
    assert command(organizer, roadshow, "next").current_id == pitches[1].pk
    assert command(organizer, roadshow, "next").current_id == pitches[2].pk
    with pytest.raises(Conflict) as last:
        command(organizer, roadshow, "next")
    assert last.value.code == "no_next"
    assert command(organizer, roadshow, "previous").current_id == pitches[1].pk
    assert command(organizer, roadshow, "goto", booking_id=pitches[0].pk).current_id == pitches[0].pk
    with pytest.raises(Conflict) as first:
        command(organizer, roadshow, "previous")
    assert first.value.code == "no_previous"
    assert LiveRoom.objects.get(event=roadshow).version == 5


def test_qa_pause_resume_keep_the_remaining_time(organizer, roadshow, pitches):
    command(organizer, roadshow, "configure", pitch_seconds=300, qa_seconds=120)
    command(organizer, roadshow, "start")
    room = command(organizer, roadshow, "qa")
    assert room.phase == LiveRoom.Phase.QA
    assert room.current_id == pitches[0].pk
    assert room.phase_ends_at - room.phase_started_at == timedelta(seconds=120)
    with pytest.raises(Conflict):
        command(organizer, roadshow, "qa")

    paused = command(organizer, roadshow, "pause")
    assert paused.phase_ends_at is None
    assert 118_000 <= paused.paused_remaining_ms <= 120_000
    with pytest.raises(Conflict) as again:
        command(organizer, roadshow, "pause")
    assert again.value.code == "already_paused"

    resumed = command(organizer, roadshow, "resume")
    assert resumed.paused_remaining_ms is None
    left = resumed.phase_ends_at - timezone.now()
    assert timedelta(seconds=117) < left <= timedelta(seconds=120)
    with pytest.raises(Conflict):
        command(organizer, roadshow, "resume")


def test_end_clears_the_stage_and_start_runs_again(organizer, roadshow, pitches):
    command(organizer, roadshow, "start")
    room = command(organizer, roadshow, "end")
    assert (room.phase, room.current_id, room.phase_ends_at) == (LiveRoom.Phase.ENDED, None, None)
    with pytest.raises(Conflict) as not_running:
        command(organizer, roadshow, "next")
    assert not_running.value.code == "not_running"
    assert command(organizer, roadshow, "start").current_id == pitches[0].pk


@pytest.mark.parametrize("who", ["other_organizer", "member_not_organizer", "audience", "investor"])
def test_only_the_events_organizers_command(request, who, roadshow, pitches):
    with pytest.raises(ApplicationError) as refused:
        command(request.getfixturevalue(who), roadshow, "start")
    assert (refused.value.status_code, refused.value.code) == (403, "forbidden")
    assert not LiveRoom.objects.filter(event=roadshow).exists()


def test_platform_admin_may_command(admin_user, roadshow, pitches):
    assert command(admin_user, roadshow, "start").current_id == pitches[0].pk


def test_refusals_for_bad_state(organizer, roadshow, make_event):
    with pytest.raises(Conflict) as empty:
        command(organizer, roadshow, "start")
    assert empty.value.code == "no_pitches"
    with pytest.raises(ApplicationError) as unknown:
        command(organizer, roadshow, "jump")
    assert unknown.value.code == "unknown_command"
    salon = make_event(type=EventType.SALON)
    with pytest.raises(ApplicationError) as salon_refused:
        command(organizer, salon, "start")
    assert salon_refused.value.code == "not_pitch_event"
    with pytest.raises(ApplicationError) as too_short:
        command(organizer, roadshow, "configure", pitch_seconds=5)
    assert "pitch_seconds" in too_short.value.errors


def test_cancelled_event_cannot_start(organizer, roadshow, pitches):
    Event.objects.filter(pk=roadshow.pk).update(status=EventStatus.CANCELLED)
    roadshow.refresh_from_db()
    with pytest.raises(Conflict) as refused:
        command(organizer, roadshow, "start")
    assert refused.value.code == "event_not_live"


def test_goto_refuses_a_pitch_that_is_not_approved(organizer, roadshow, pitches):
    Booking.objects.filter(pk=pitches[1].pk).update(status=Booking.Status.WITHDRAWN)
    with pytest.raises(ApplicationError) as refused:
        command(organizer, roadshow, "goto", booking_id=pitches[1].pk)
    assert refused.value.code == "not_in_programme"


def test_database_refuses_an_inconsistent_room(roadshow, pitches):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        LiveRoom.objects.create(event=roadshow, phase=LiveRoom.Phase.PITCH, current=None)
    with pytest.raises(IntegrityError), transaction.atomic():
        now = timezone.now()
        LiveRoom.objects.create(
            event=roadshow,
            phase=LiveRoom.Phase.PITCH,
            current=pitches[0],
            phase_started_at=now,
            phase_ends_at=now,
            paused_remaining_ms=1000,
        )


def test_room_state_shows_current_next_and_position(organizer, roadshow, pitches):
    idle = selectors.room_state(roadshow)
    assert (idle["phase"], idle["current"], idle["next"]["booking"], idle["total"]) == ("idle", None, pitches[0].pk, 3)
    command(organizer, roadshow, "start")
    command(organizer, roadshow, "next")
    state = selectors.room_state(roadshow)
    assert state["current"]["booking"] == pitches[1].pk
    assert state["current"]["startup_name"] == pitches[1].startup.name
    assert state["next"]["booking"] == pitches[2].pk
    assert (state["position"], state["version"]) == (2, 2)
    assert [p["booking"] for p in state["programme"]] == [b.pk for b in pitches]


@pytest.mark.django_db(transaction=True)
def test_concurrent_next_commands_advance_one_after_the_other(organizer, roadshow, pitches):
    """Two consoles press "next" at once: the row lock serialises them (no lost step)."""
    command(organizer, roadshow, "start")
    barrier = threading.Barrier(2)
    results: list[object] = []

    def press():
        close_old_connections()
        try:
            barrier.wait()
            results.append(command(organizer, Event.objects.get(pk=roadshow.pk), "next").current_id)
        except Exception as exc:  # collected and asserted below
            results.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=press) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == sorted([pitches[1].pk, pitches[2].pk])
    room = LiveRoom.objects.get(event=roadshow)
    assert (room.current_id, room.version) == (pitches[2].pk, 3)


# --- questions -------------------------------------------------------------------


def test_questions_wait_for_moderation(organizer, audience, roadshow, pitches):
    command(organizer, roadshow, "start")
    question = services.question_ask(user=audience, event=roadshow, text="  毛利率是多少？ ")
    assert (question.status, question.text, question.booking_id) == ("pending", "毛利率是多少？", pitches[0].pk)
    assert selectors.questions_state(roadshow)["items"] == []
    assert [q["id"] for q in selectors.pending_state(roadshow)["items"]] == [question.pk]

    services.question_moderate(actor=organizer, event=roadshow, question_id=question.pk, action="approve")
    shown = selectors.questions_state(roadshow)["items"]
    assert [(q["id"], q["author_name"]) for q in shown] == [(question.pk, "观众")]
    assert selectors.pending_state(roadshow)["items"] == []

    services.question_moderate(actor=organizer, event=roadshow, question_id=question.pk, action="answered")
    with pytest.raises(Conflict):
        services.question_moderate(actor=organizer, event=roadshow, question_id=question.pk, action="approve")


def test_question_rules(organizer, audience, roadshow):
    with pytest.raises(ApplicationError) as empty:
        services.question_ask(user=audience, event=roadshow, text="   ")
    assert "text" in empty.value.errors
    with pytest.raises(ApplicationError):
        services.question_ask(user=audience, event=roadshow, text="长" * 501)
    for n in range(services.MAX_PENDING_QUESTIONS):
        services.question_ask(user=audience, event=roadshow, text=f"问题{n}")
    with pytest.raises(Conflict) as flood:
        services.question_ask(user=audience, event=roadshow, text="再问一个")
    assert flood.value.code == "too_many_pending"
    question = Question.objects.filter(event=roadshow).first()
    with pytest.raises(ApplicationError) as not_staff:
        services.question_moderate(actor=audience, event=roadshow, question_id=question.pk, action="approve")
    assert not_staff.value.status_code == 403
    with pytest.raises(ApplicationError):
        services.question_moderate(actor=organizer, event=roadshow, question_id=question.pk, action="delete")


# --- interest ----------------------------------------------------------------------


def test_interest_from_the_room_lands_in_the_pipeline(organizer, investor, audience, roadshow, pitches):
    with pytest.raises(Conflict) as nobody:
        services.interest_signal(investor=investor, event=roadshow)
    assert nobody.value.code == "nobody_on_stage"
    command(organizer, roadshow, "start")
    interest = services.interest_signal(investor=investor, event=roadshow)
    assert interest.startup_id == pitches[0].startup_id
    services.interest_signal(investor=investor, event=roadshow, startup_id=pitches[2].startup_id, note="想约见")
    assert InvestorInterest.objects.filter(event=roadshow, investor=investor).count() == 2
    assert selectors.interests_state(roadshow)["by_startup"] == {
        str(pitches[0].startup_id): 1,
        str(pitches[2].startup_id): 1,
    }
    with pytest.raises(ApplicationError) as not_investor:
        services.interest_signal(investor=audience, event=roadshow)
    assert not_investor.value.code == "not_investor"
