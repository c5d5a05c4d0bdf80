"""Reads of a live room, as the plain dicts that go over the wire.

Every slice carries ``seq`` (nanoseconds when it was read): a client keeps the
newest slice it has seen, so a push that was read before a (newer) snapshot but
delivered after it cannot roll the screen back. The run of show also carries its
``version`` from the database, which orders it across processes.
"""

from __future__ import annotations

import time
from typing import Any

from django.db.models import Count, Q
from django.utils import timezone

from backend.accounts.models import Role
from events import rules, selectors
from events.live.models import LiveRoom, Question
from events.models import Booking, Event, InvestorInterest

QUESTIONS_SHOWN = 50


def _iso(value) -> str | None:
    return timezone.localtime(value).isoformat() if value else None


def _seq() -> int:
    return time.time_ns()


def programme(event: Event) -> list[Booking]:
    """The approved pitches in running order (slot time, then id)."""
    return list(
        Booking.objects.filter(event=event, status=Booking.Status.APPROVED)
        .select_related("slot", "startup")
        .order_by("slot__starts", "id")
    )


def _pitch(booking: Booking | None) -> dict[str, Any] | None:
    if booking is None:
        return None
    return {
        "booking": booking.pk,
        "startup": booking.startup_id,
        "startup_name": booking.startup.name,
        "title": booking.pitch_title,
        "slot_label": booking.slot.label,
        "slot_starts": _iso(booking.slot.starts),
        "slot_ends": _iso(booking.slot.ends),
    }


def room_state(event: Event) -> dict[str, Any]:
    """The run of show: phase, who is on, who is next, the countdown (as timestamps)."""
    room = LiveRoom.objects.filter(event=event).first() or LiveRoom(event=event)
    pitches = programme(event)
    current = next((b for b in pitches if b.pk == room.current_id), None)
    if current is None and room.current_id is not None:
        # On stage but no longer approved (withdrawn meanwhile): still show it.
        current = Booking.objects.select_related("slot", "startup").get(pk=room.current_id)
    if current is not None:
        key = (current.slot.starts, current.pk)
        upcoming = [b for b in pitches if (b.slot.starts, b.pk) > key]
        position = sum(1 for b in pitches if (b.slot.starts, b.pk) <= key)
    else:
        upcoming = pitches if room.phase == LiveRoom.Phase.IDLE else []
        position = 0
    return {
        "event": event.pk,
        "title": event.title,
        "title_en": event.title_en,
        "status": event.status,
        "phase": room.phase,
        "version": room.version,
        "current": _pitch(current),
        "next": _pitch(upcoming[0] if upcoming else None),
        "position": position,
        "total": len(pitches),
        "pitch_seconds": room.pitch_seconds,
        "qa_seconds": room.qa_seconds,
        "phase_started_at": _iso(room.phase_started_at),
        "phase_ends_at": _iso(room.phase_ends_at),
        "paused": room.paused_remaining_ms is not None,
        "paused_remaining_ms": room.paused_remaining_ms,
        "programme": [_pitch(b) for b in pitches],
        # Clients correct their clock by this to show the countdown (ms since epoch).
        "server_time_ms": int(time.time() * 1000),
        "seq": _seq(),
    }


def _question(question: Question) -> dict[str, Any]:
    return {
        "id": question.pk,
        "text": question.text,
        "status": question.status,
        "author_name": question.author.name,
        "booking": question.booking_id,
        "created_at": _iso(question.created_at),
    }


def questions_state(event: Event) -> dict[str, Any]:
    """Questions the organizer let through (newest last), for every screen."""
    shown = (
        Question.objects.filter(event=event, status__in=[Question.Status.APPROVED, Question.Status.ANSWERED])
        .select_related("author")
        .order_by("-moderated_at", "-id")[:QUESTIONS_SHOWN]
    )
    return {"items": [_question(q) for q in reversed(list(shown))], "seq": _seq()}


def pending_state(event: Event) -> dict[str, Any]:
    """Questions waiting for moderation (organizer's console only)."""
    waiting = Question.objects.filter(event=event, status=Question.Status.PENDING).select_related("author")
    return {"items": [_question(q) for q in waiting.order_by("created_at", "id")[:200]], "seq": _seq()}


def counts_state(event: Event) -> dict[str, Any]:
    """Registered, waiting and checked-in people (the check-in counter)."""
    capacity = Event.objects.values_list("capacity", flat=True).get(pk=event.pk)
    return {**selectors.event_counts(event), "capacity": capacity, "seq": _seq()}


def ranking_state(event: Event) -> dict[str, Any]:
    rows = []
    for rank, booking in enumerate(selectors.ranking(event), start=1):
        score = booking.weighted_score
        rows.append(
            {
                "rank": rank,
                "booking": booking.pk,
                "startup": booking.startup_id,
                "startup_name": booking.startup.name,
                "title": booking.pitch_title,
                "score": str(score) if score is not None else None,
                "sheets": booking.sheet_count,
            }
        )
    return {"rows": rows, "seq": _seq()}


def interests_state(event: Event) -> dict[str, Any]:
    """How many investors signalled interest, per startup."""
    rows = (
        InvestorInterest.objects.filter(event=event).values("startup_id").annotate(n=Count("pk")).order_by("startup_id")
    )
    return {"by_startup": {str(r["startup_id"]): r["n"] for r in rows}, "seq": _seq()}


def staff_state(event: Event) -> dict[str, Any]:
    return {
        "counts": counts_state(event),
        "ranking": ranking_state(event),
        "pending": pending_state(event),
        "interests": interests_state(event),
    }


def me_state(user, event: Event) -> dict[str, Any]:
    """What this person may do here, and what they already did (sent on connect only)."""
    from events.services.pitches import can_score

    my_startups = rules.startup_ids(user)
    return {
        "user": user.pk,
        "can_command": rules.can_manage_event(user, event),
        "can_signal_interest": user.has_role(Role.INVESTOR),
        "can_score": can_score(user, event),
        "my_bookings": list(
            Booking.objects.filter(event=event, startup_id__in=my_startups)
            .filter(Q(status=Booking.Status.APPROVED))
            .values_list("pk", flat=True)
        ),
        "my_interests": list(
            InvestorInterest.objects.filter(event=event, investor=user).values_list("startup_id", flat=True)
        ),
        "my_pending_questions": Question.objects.filter(
            event=event, author=user, status=Question.Status.PENDING
        ).count(),
    }
