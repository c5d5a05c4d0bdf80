"""The locking rule for scarce things (seats, pitch slots), written down once.

Rules (after pretix's ``locking.rst``):

1. Every command that takes or frees a seat or a slot of an event runs in one
   ``transaction.atomic`` block and locks **that event's row** with
   ``SELECT … FOR UPDATE`` through :func:`lock_events` — nothing else.
2. Lock late, but before the availability check: validate input and load what
   is needed first, then lock, then (re)read counts and free slots, then write.
3. When several events are involved (moving a competition's entrants to the next
   round), lock them in ascending id order, in one call, so that two commands
   never wait on each other in a circle.
4. Reads never lock. Commands that do not make anything scarcer (approving a
   booking that already holds its slot, scoring) do not lock the event.
5. A lock waits at most ``EVENTS_LOCK_TIMEOUT`` (``lock_timeout``); past that the
   request answers 409 "busy, try again" instead of piling up.
6. The database has the last word: partial unique indexes and exclusion
   constraints refuse whatever slips past (and are answered with 409 too).

``settings.EVENTS_LOCKING = False`` switches the locks off; only the control test
of the booking race does that, to show that the race is real.
"""

from __future__ import annotations

from django.conf import settings
from django.db import OperationalError, connection, transaction
from django.utils.translation import gettext as _

from backend.core.errors import Conflict

DEFAULT_LOCK_TIMEOUT = "5s"


class LockingError(RuntimeError):
    pass


def lock_events(*event_ids: int) -> None:
    """Lock the rows of *event_ids* (ascending order) until the transaction ends."""
    if not connection.in_atomic_block:
        raise LockingError("lock_events() must run inside transaction.atomic")
    if not getattr(settings, "EVENTS_LOCKING", True):
        return
    ids = sorted(set(event_ids))
    if not ids:
        return
    timeout = getattr(settings, "EVENTS_LOCK_TIMEOUT", DEFAULT_LOCK_TIMEOUT)
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SELECT set_config('lock_timeout', %s, true)", [timeout])
            cursor.execute(
                "SELECT id FROM events_event WHERE id = ANY(%s) ORDER BY id FOR UPDATE",
                [ids],
            )
            cursor.execute("SELECT set_config('lock_timeout', '0', true)")
    except OperationalError:
        raise Conflict(_("系统繁忙，请稍后重试 · Busy, please try again."), code="busy")
