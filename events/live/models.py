"""A roadshow's run of show and its audience questions, stored so that any
server process (and any client that reconnects) reads the same state."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class LiveRoom(models.Model):
    """The run of show of one event: which pitch is on, which phase, the countdown.

    The countdown is stored as an end timestamp (``phase_ends_at``) so that every
    screen computes the remaining time itself; a pause freezes the remaining
    milliseconds instead (``paused_remaining_ms``) and clears the end.
    """

    class Phase(models.TextChoices):
        IDLE = "idle", _("未开始 · not started")
        PITCH = "pitch", _("路演中 · pitch")
        QA = "qa", _("问答 · Q&A")
        ENDED = "ended", _("已结束 · ended")

    event = models.OneToOneField("events.Event", on_delete=models.CASCADE, primary_key=True, related_name="live_room")
    phase = models.CharField(max_length=8, choices=Phase.choices, default=Phase.IDLE)
    current = models.ForeignKey(
        # RESTRICT: a booking on stage is not deleted under the room (deleting the event takes both).
        "events.Booking",
        null=True,
        blank=True,
        on_delete=models.RESTRICT,
        related_name="+",
        help_text="pitch on stage",
    )
    pitch_seconds = models.PositiveIntegerField(default=8 * 60)
    qa_seconds = models.PositiveIntegerField(default=4 * 60)
    phase_started_at = models.DateTimeField(null=True, blank=True)
    phase_ends_at = models.DateTimeField(null=True, blank=True)
    paused_remaining_ms = models.PositiveIntegerField(null=True, blank=True)
    # Bumped by every change: clients drop a pushed state older than the one they hold.
    version = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(pitch_seconds__gte=10, pitch_seconds__lte=3 * 3600), name="live_pitch_len"
            ),
            models.CheckConstraint(condition=Q(qa_seconds__gte=0, qa_seconds__lte=3 * 3600), name="live_qa_len"),
            # On stage means a pitch; idle and ended have nobody on stage and no clock.
            models.CheckConstraint(
                condition=Q(phase__in=["pitch", "qa"], current__isnull=False)
                | Q(phase__in=["idle", "ended"], current__isnull=True, phase_ends_at__isnull=True),
                name="live_phase_consistent",
            ),
            # A paused clock has no end; a running one has no frozen remainder.
            models.CheckConstraint(
                condition=Q(paused_remaining_ms__isnull=True) | Q(phase_ends_at__isnull=True),
                name="live_pause_xor_running",
            ),
            models.CheckConstraint(
                condition=Q(phase_ends_at__isnull=True) | Q(phase_ends_at__gte=F("phase_started_at")),
                name="live_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"live {self.event_id}: {self.phase}"


class Question(models.Model):
    """An audience question; shown to the room only once the organizer approves it."""

    class Status(models.TextChoices):
        PENDING = "pending", _("待审核 · pending")
        APPROVED = "approved", _("已展示 · shown")
        REJECTED = "rejected", _("未通过 · rejected")
        ANSWERED = "answered", _("已回答 · answered")

    event = models.ForeignKey("events.Event", on_delete=models.CASCADE, related_name="live_questions")
    # The pitch on stage when it was asked (questions are usually for the presenter).
    booking = models.ForeignKey("events.Booking", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="live_questions")
    text = models.CharField(max_length=500)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(auto_now_add=True)
    moderated_at = models.DateTimeField(null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["event", "status", "created_at"], name="live_question_queue_idx")]
        constraints = [
            models.CheckConstraint(condition=~Q(text=""), name="live_question_not_empty"),
            models.CheckConstraint(
                condition=Q(status="pending") | Q(moderated_at__isnull=False), name="live_question_moderated_at"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.event_id}: {self.text[:30]}"
