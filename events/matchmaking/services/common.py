"""What the matchmaking services share: row locks, messages, who to notify."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.db import OperationalError, connection, transaction
from django.utils import timezone

from backend.core.errors import ApplicationError, Conflict
from backend.directory.models import Membership
from backend.notifications.services import notify_on_commit
from events.matchmaking.models import MatchmakingDay, Participant
from events.services.locking import DEFAULT_LOCK_TIMEOUT

MSG_BUSY = "系统繁忙，请稍后重试 · Busy, please try again."
MSG_NOT_MATCHMAKING = "该活动不是对接会 · This event is not a matchmaking day."
MSG_EVENT_OVER = "活动已结束或已取消 · The event is over or cancelled."


def lock_participant(participant_id: int) -> None:
    """Lock one participant's row until the transaction ends (its request quota).

    ``settings.MATCHMAKING_LOCKING = False`` switches the lock off; only the
    control test of the request race does that, to show the race is real.
    """
    if not connection.in_atomic_block:
        raise RuntimeError("lock_participant() must run inside transaction.atomic")
    if not getattr(settings, "MATCHMAKING_LOCKING", True):
        return
    timeout = getattr(settings, "EVENTS_LOCK_TIMEOUT", DEFAULT_LOCK_TIMEOUT)
    try:
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SELECT set_config('lock_timeout', %s, true)", [timeout])
            # NO KEY UPDATE: it serializes the sender's commands but not the foreign-key checks of
            # requests *to* this participant (FOR UPDATE would, and two senders asking each other deadlock).
            rows = Participant.objects.select_for_update(no_key=True).filter(pk=participant_id)
            list(rows.values_list("id", flat=True))
            with connection.cursor() as cursor:
                cursor.execute("SELECT set_config('lock_timeout', '0', true)")
    except OperationalError:
        raise Conflict(MSG_BUSY, code="busy") from None


def require_matchmaking(event) -> None:
    from events.matchmaking.models import MATCHMAKING_TYPES

    if event.type not in MATCHMAKING_TYPES:
        raise ApplicationError(MSG_NOT_MATCHMAKING, code="not_matchmaking")


def require_open(event) -> None:
    """The day has not ended and was not cancelled."""
    if event.status == "cancelled" or event.ends <= timezone.now():
        raise Conflict(MSG_EVENT_OVER, code="event_over")


def day_for(event) -> MatchmakingDay:
    """The event's matchmaking day, created with defaults on first use."""
    require_matchmaking(event)
    day, _ = MatchmakingDay.objects.get_or_create(event=event)
    day.event = event
    return day


def members_of(participants: Iterable[Participant]) -> list[int]:
    """User ids of everyone acting for *participants* (members of their organisations)."""
    org_ids = {p.organisation_id for p in participants}
    return sorted(set(Membership.objects.filter(organisation_id__in=org_ids).values_list("user_id", flat=True)))


def tell(participants: Iterable[Participant], kind: str, *, zh: str, en: str, link: str, target=None) -> None:
    """Notify the members of *participants* once the transaction commits."""
    users = members_of(participants)
    if not users:
        return
    notify_on_commit(
        users,
        kind,
        title_zh=zh,
        title_en=en,
        link=link,
        target_type=target._meta.model_name if target is not None else "",
        target_id=target.pk if target is not None else None,
    )


def link(event_id: int, page: str = "") -> str:
    return f"/matchmaking/{event_id}{'/' + page if page else ''}"
