"""Creating and reading notifications.

Callers create notifications after their own transaction commits
(``transaction.on_commit(lambda: notify(...))``) so that nobody is told about a
booking that was rolled back.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.db.models import Count
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


def _unread_counts(user_ids: Iterable[int]) -> dict[int, int]:
    rows = (
        Notification.objects.filter(user_id__in=list(user_ids), read_at__isnull=True)
        .values("user_id")
        .annotate(n=Count("pk"))
        .values_list("user_id", "n")
    )
    return dict(rows)


def push_live(notifications: list[Notification]) -> None:
    """Push stored notifications to their users' open pages (group ``user.<id>``),
    each with the user's unread count for the badge. Called after they are stored;
    a page that was closed reads them from the API when it opens."""
    from backend.live import push
    from backend.notifications.serializers import NotificationSerializer

    if not notifications:
        return
    unread = _unread_counts({n.user_id for n in notifications})
    for notification in notifications:
        data = NotificationSerializer(notification).data
        push(f"user.{notification.user_id}", "notification", {**data, "unread": unread.get(notification.user_id, 0)})


def _push_unread(user) -> None:
    from backend.live import push

    user_id = getattr(user, "pk", user)
    count = _unread_counts([user_id]).get(user_id, 0)
    transaction.on_commit(lambda: push(f"user.{user_id}", "notifications.unread", {"unread": count}))


@transaction.atomic
def notification_mark_read(*, user, notification_id: int) -> Notification:
    notification = Notification.objects.get(pk=notification_id, user=user)
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
        _push_unread(user)  # the badge of the user's other open pages
    return notification


@transaction.atomic
def notification_mark_all_read(*, user) -> int:
    marked = Notification.objects.filter(user=user, read_at__isnull=True).update(read_at=timezone.now())
    if marked:
        _push_unread(user)
    return marked
