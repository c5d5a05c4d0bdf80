"""Push a changed slice of a live room to its groups, once the change is committed.

Services of other modules call these (``checkin`` calls :func:`counts_changed`,
scoring :func:`ranking_changed`); each registers an ``on_commit`` callback that
reads the slice fresh and pushes it, so a rolled-back change is never shown.

Groups (channel-layer group names):

* ``event.<id>``: everyone in the room (audience, big screen, presenters, console);
* ``event.<id>.staff``: the organizer's consoles (counts, ranking, moderation).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import transaction

from backend.live import push
from events.live import selectors
from events.models import Event


def room_group(event_id: int) -> str:
    return f"event.{event_id}"


def staff_group(event_id: int) -> str:
    return f"event.{event_id}.staff"


def _after_commit(group: str, kind: str, read: Callable[[Event], dict[str, Any]], event_id: int) -> None:
    def send() -> None:
        event = Event.objects.filter(pk=event_id).first()
        if event is not None:
            push(group, kind, read(event))

    transaction.on_commit(send)


def room_changed(event_id: int) -> None:
    _after_commit(room_group(event_id), "room", selectors.room_state, event_id)


def questions_changed(event_id: int, *, shown: bool = True) -> None:
    """The moderation queue changed (and, if *shown*, the questions on screen too)."""
    _after_commit(staff_group(event_id), "pending", selectors.pending_state, event_id)
    if shown:
        _after_commit(room_group(event_id), "questions", selectors.questions_state, event_id)


def counts_changed(event_id: int) -> None:
    _after_commit(staff_group(event_id), "counts", selectors.counts_state, event_id)


def ranking_changed(event_id: int) -> None:
    _after_commit(staff_group(event_id), "ranking", selectors.ranking_state, event_id)


def interests_changed(event_id: int) -> None:
    _after_commit(staff_group(event_id), "interests", selectors.interests_state, event_id)
