"""Creating and reading notifications.

Callers create notifications after their own transaction commits
(``transaction.on_commit(lambda: notify(...))``) so that nobody is told about a
booking that was rolled back.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from backend.notifications.models import Notification


def notify(
    users: Iterable,
    kind: str,
    *,
    title_zh: str,
    title_en: str = "",
    body: str = "",
    link: str = "",
    target_type: str = "",
    target_id: int | None = None,
) -> list[Notification]:
    """Store one notification per user (users or user ids; duplicates collapse) and push them live."""
    user_ids = sorted({getattr(u, "pk", u) for u in users})
    if not user_ids:
        return []
    rows = [
        Notification(
            user_id=user_id,
            kind=kind,
            title_zh=title_zh[:200],
            title_en=title_en[:200],
            body=body,
            link=link,
            target_type=target_type,
            target_id=target_id,
        )
        for user_id in user_ids
    ]
    with transaction.atomic():
        created = Notification.objects.bulk_create(rows)
    push_live(created)
    return created


def notify_on_commit(users: Iterable, kind: str, **kwargs) -> None:
    """:func:`notify` once the current transaction commits (at once outside a transaction)."""
    user_ids = sorted({getattr(u, "pk", u) for u in users})
    transaction.on_commit(lambda: notify(user_ids, kind, **kwargs))


def push_live(notifications: list[Notification]) -> None:
    """The one place where live delivery goes (a later issue).

    It will ``async_to_sync(channel_layer.group_send)(f"user.{user_id}", {...})``
    for each notification; until then stored notifications are read via the API.
    """
    return None


@transaction.atomic
def notification_mark_read(*, user, notification_id: int) -> Notification:
    notification = Notification.objects.get(pk=notification_id, user=user)
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


@transaction.atomic
def notification_mark_all_read(*, user) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).update(read_at=timezone.now())
