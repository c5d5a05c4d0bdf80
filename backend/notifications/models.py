"""Per-user notifications, stored first and pushed live later (issues 3 and 6)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Notification(models.Model):
    class Kind(models.TextChoices):
        BOOKING_APPROVED = "booking_approved", _("路演申请已通过 · Booking approved")
        BOOKING_REJECTED = "booking_rejected", _("路演申请未通过 · Booking rejected")
        WAITLIST_PROMOTED = "waitlist_promoted", _("候补转正 · Promoted from the waiting list")
        EVENT_MOVED = "event_moved", _("活动时间变更 · Event moved")
        EVENT_CANCELLED = "event_cancelled", _("活动取消 · Event cancelled")
        ROUND_ADVANCED = "round_advanced", _("晋级 · Advanced to the next round")
        GENERAL = "general", _("通知 · Notice")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=32, choices=Kind.choices)
    title_zh = models.CharField(max_length=200)
    title_en = models.CharField(max_length=200, blank=True)
    body = models.TextField(blank=True)
    # Where the browser app takes the reader, e.g. "/events/12"; plus the object it is about.
    link = models.CharField(max_length=255, blank=True)
    target_type = models.CharField(max_length=32, blank=True, help_text='e.g. "event", "booking"')
    target_id = models.BigIntegerField(null=True, blank=True)
    read_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            # The unread badge: "my unread ones" stays an index-only lookup.
            models.Index(
                fields=["user", "created_at"], condition=Q(read_at__isnull=True), name="notification_unread_idx"
            ),
            models.Index(fields=["user", "-created_at"], name="notification_user_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.title_zh}"
