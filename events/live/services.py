"""Commands of a live room: the run of show, audience questions, live interest.

Each command is one transaction: it locks the room's row (``SELECT … FOR
UPDATE``), checks the rule, writes the new state, bumps ``version`` and, after
commit, pushes the new state to the room (:mod:`events.live.publish`). Two
organizers pressing "next" at once therefore advance one after the other.

Locking order: the room row first, then (only for ``start``) the event row;
nothing locks an event and then its room, so the two never wait in a circle
(see :mod:`events.services.locking`).
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from backend.core.errors import ApplicationError, Conflict, NotFound
from events import rules
from events.live import publish
from events.live.models import LiveRoom, Question
from events.live.selectors import programme
from events.models import Booking, Event, EventStatus, InvestorInterest
from events.services.events import event_start

COMMANDS = ("start", "next", "previous", "goto", "qa", "pause", "resume", "end", "configure")
MAX_PENDING_QUESTIONS = 3
MAX_QUESTION_LENGTH = 500

MSG_NOT_STAFF = "仅本活动的组织者可操作 · Only the event's organizers may do this."
MSG_NOT_PITCH_EVENT = "该活动没有路演环节 · This event has no pitches."
MSG_NOT_RUNNING = "路演尚未开始或已结束 · The run of show is not running."
MSG_NO_PITCHES = "还没有已通过的路演项目 · There are no approved pitches yet."
MSG_EVENT_NOT_LIVE = "活动不在进行状态 · The event is not open."
MSG_LAST_PITCH = "已是最后一个项目 · This is the last pitch."
MSG_FIRST_PITCH = "已是第一个项目 · This is the first pitch."


def _require_staff(actor, event: Event) -> None:
    if not rules.can_manage_event(actor, event):
        raise ApplicationError(_(MSG_NOT_STAFF), code="forbidden", status_code=403)


def _locked_room(event: Event) -> LiveRoom:
    # The first command creates the row; a concurrent first command finds it (no duplicate key).
    LiveRoom.objects.bulk_create([LiveRoom(event=event)], ignore_conflicts=True)
    # No select_related here: a row that changed while we waited for its lock is
    # re-read, but a joined row is not (PostgreSQL re-checks the join against the
    # old one and may drop it). Related rows are read after the lock instead.
    return LiveRoom.objects.select_for_update().get(event=event)


def _on_stage(room: LiveRoom, booking: Booking, seconds: int, phase: str = LiveRoom.Phase.PITCH) -> None:
    now = timezone.now()
    room.current = booking
    room.phase = phase
    room.phase_started_at = now
    room.phase_ends_at = now + timedelta(seconds=seconds)
    room.paused_remaining_ms = None


def _seconds(value: Any, field: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        message = _("时长无效 · Invalid duration.") + f" ({low}–{high} s)"
        raise ApplicationError(message, code="invalid", errors={field: [message]})
    return value


@transaction.atomic
def room_command(
    *,
    actor,
    event: Event,
    command: str,
    booking_id: int | None = None,
    pitch_seconds: int | None = None,
    qa_seconds: int | None = None,
) -> LiveRoom:
    """Run one step of the show (organizers only).

    * ``start``: the first approved pitch goes on stage (the event becomes ongoing);
    * ``next`` / ``previous``: the following / preceding pitch, its clock reset;
    * ``goto``: pitch *booking_id*;
    * ``qa``: the pitch on stage moves to questions and answers, with its own clock;
    * ``pause`` / ``resume``: freeze and continue the clock;
    * ``end``: nobody on stage, the show is over (``start`` runs it again);
    * ``configure``: the length of pitches and Q&A (*pitch_seconds*, *qa_seconds*).

    Raises 403 for non-organizers, 400 for an unknown command or bad input,
    409 when the command does not fit the room's state (e.g. ``next`` after the last).
    """
    _require_staff(actor, event)
    if command not in COMMANDS:
        message = _("未知指令 · Unknown command.")
        raise ApplicationError(message, code="unknown_command", errors={"command": [message]})
    if not event.is_pitch_event:
        raise ApplicationError(_(MSG_NOT_PITCH_EVENT), code="not_pitch_event")
    room = _locked_room(event)
    running = room.phase in (LiveRoom.Phase.PITCH, LiveRoom.Phase.QA)

    if command == "configure":
        if pitch_seconds is not None:
            room.pitch_seconds = _seconds(pitch_seconds, "pitch_seconds", 10, 3 * 3600)
        if qa_seconds is not None:
            room.qa_seconds = _seconds(qa_seconds, "qa_seconds", 0, 3 * 3600)
    elif command in ("start", "goto"):
        event.refresh_from_db(fields=["status"])
        if event.status not in (EventStatus.PUBLISHED, EventStatus.ONGOING):
            raise Conflict(_(MSG_EVENT_NOT_LIVE), code="event_not_live", extra={"status": event.status})
        pitches = programme(event)
        if not pitches:
            raise Conflict(_(MSG_NO_PITCHES), code="no_pitches")
        if command == "start":
            if running:
                raise Conflict(_("路演已在进行 · Already running."), code="already_running")
            target = pitches[0]
        else:
            target = next((b for b in pitches if b.pk == booking_id), None)
            if target is None:
                message = _("该项目不在路演名单中 · Not an approved pitch of this event.")
                raise ApplicationError(message, code="not_in_programme", errors={"booking": [message]})
        _on_stage(room, target, room.pitch_seconds)
        if event.status == EventStatus.PUBLISHED:
            event_start(actor=actor, event=event)
    elif not running:
        raise Conflict(_(MSG_NOT_RUNNING), code="not_running", extra={"phase": room.phase})
    elif command in ("next", "previous"):
        pitches = programme(event)
        key = (room.current.slot.starts, room.current.pk)
        if command == "next":
            target = next((b for b in pitches if (b.slot.starts, b.pk) > key), None)
            if target is None:
                raise Conflict(_(MSG_LAST_PITCH), code="no_next")
        else:
            target = next((b for b in reversed(pitches) if (b.slot.starts, b.pk) < key), None)
            if target is None:
                raise Conflict(_(MSG_FIRST_PITCH), code="no_previous")
        _on_stage(room, target, room.pitch_seconds)
    elif command == "qa":
        if room.phase != LiveRoom.Phase.PITCH:
            raise Conflict(_("已在问答环节 · Already in Q&A."), code="already_qa")
        _on_stage(room, room.current, room.qa_seconds, phase=LiveRoom.Phase.QA)
    elif command == "pause":
        if room.paused_remaining_ms is not None:
            raise Conflict(_("计时已暂停 · Already paused."), code="already_paused")
        remaining = max(timedelta(0), room.phase_ends_at - timezone.now())
        room.paused_remaining_ms = int(remaining.total_seconds() * 1000)
        room.phase_ends_at = None
    elif command == "resume":
        if room.paused_remaining_ms is None:
            raise Conflict(_("计时未暂停 · The clock is not paused."), code="not_paused")
        now = timezone.now()
        room.phase_ends_at = now + timedelta(milliseconds=room.paused_remaining_ms)
        room.phase_started_at = min(room.phase_started_at or now, now)
        room.paused_remaining_ms = None
    elif command == "end":
        room.phase = LiveRoom.Phase.ENDED
        room.current = None
        room.phase_started_at = room.phase_ends_at = None
        room.paused_remaining_ms = None

    room.version += 1
    room.updated_by = actor
    room.save()
    publish.room_changed(event.pk)
    return room


# --- questions ---------------------------------------------------------------


@transaction.atomic
def question_ask(*, user, event: Event, text: str) -> Question:
    """Ask the room a question; it waits for the organizer before anyone sees it."""
    text = (text or "").strip()
    if not text or len(text) > MAX_QUESTION_LENGTH:
        message = _("问题须为 1–500 字 · A question has 1–500 characters.")
        raise ApplicationError(message, code="invalid", errors={"text": [message]})
    pending = Question.objects.filter(event=event, author=user, status=Question.Status.PENDING).count()
    if pending >= MAX_PENDING_QUESTIONS:
        raise Conflict(_("您已有问题在等待审核 · You have questions waiting for moderation."), code="too_many_pending")
    room = LiveRoom.objects.filter(event=event).only("current_id").first()
    question = Question.objects.create(
        event=event, author=user, text=text, booking_id=room.current_id if room else None
    )
    publish.questions_changed(event.pk, shown=False)
    return question


MODERATION = {
    "approve": ({Question.Status.PENDING}, Question.Status.APPROVED),
    "reject": ({Question.Status.PENDING, Question.Status.APPROVED}, Question.Status.REJECTED),
    "answered": ({Question.Status.APPROVED}, Question.Status.ANSWERED),
}


@transaction.atomic
def question_moderate(*, actor, event: Event, question_id: int, action: str) -> Question:
    """Approve (show), reject (hide) or mark answered a question (organizers only)."""
    _require_staff(actor, event)
    if action not in MODERATION:
        message = _("未知操作 · Unknown action.")
        raise ApplicationError(message, code="invalid", errors={"action": [message]})
    question = Question.objects.select_for_update().filter(pk=question_id, event=event).first()
    if question is None:
        raise NotFound(_("问题不存在 · No such question."))
    allowed_from, target = MODERATION[action]
    if question.status not in allowed_from:
        raise Conflict(
            _("该问题已处理 · The question was already moderated."),
            code="already_moderated",
            extra={"status": question.status},
        )
    was_shown = question.status == Question.Status.APPROVED
    question.status = target
    question.moderated_at = timezone.now()
    question.moderated_by = actor
    question.save(update_fields=["status", "moderated_at", "moderated_by"])
    publish.questions_changed(event.pk, shown=was_shown or target == Question.Status.APPROVED)
    return question


# --- interest ----------------------------------------------------------------


@transaction.atomic
def interest_signal(*, investor, event: Event, startup_id: int | None = None, note: str = "") -> InvestorInterest:
    """An investor's "interested" from the room: stored as :class:`InvestorInterest`
    (their pipeline), for the pitch on stage unless *startup_id* names another."""
    from events.services.pitches import interest_mark

    if startup_id is None:
        room = LiveRoom.objects.filter(event=event).select_related("current").first()
        if room is None or room.current is None:
            raise Conflict(_("现在没有项目在路演 · Nobody is pitching now."), code="nobody_on_stage")
        startup_id = room.current.startup_id
    return interest_mark(investor=investor, event=event, startup_id=startup_id, note=note)
