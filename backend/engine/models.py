"""Assignment runs: an organizer's optimal assignment, its items, edits and publication.

A run assigns *left* parties to *right* parties (see :class:`AssignmentRun.Kind`):

* ``startup_mentor``: left = startup organisations, right = mentor profiles;
* ``judge_pitch``: left = startups pitching at an event (approved bookings),
  right = the event's judges (users); judges with a conflict of interest with
  a startup are never assigned to it.

Left and right are plain ids whose meaning the kind fixes, so that one table
serves every kind (names are stored with the item for display). A run may
belong to a context of another app (``context_type``/``context_id``, e.g. a
mentoring programme).
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class AssignmentRun(models.Model):
    class Kind(models.TextChoices):
        STARTUP_MENTOR = "startup_mentor", _("企业—导师 · startups to mentors")
        JUDGE_PITCH = "judge_pitch", _("评委—路演项目 · judges to pitches")

    class Status(models.TextChoices):
        QUEUED = "queued", _("排队中 · queued")
        RUNNING = "running", _("计算中 · running")
        SOLVED = "solved", _("已求解 · solved")
        FAILED = "failed", _("失败 · failed")
        PUBLISHED = "published", _("已发布 · published")

    kind = models.CharField(max_length=20, choices=Kind.choices)
    title = models.CharField(_("标题 · title"), max_length=200)
    organisation = models.ForeignKey("directory.Organisation", on_delete=models.PROTECT, related_name="assignment_runs")
    event = models.ForeignKey(
        "events.Event", null=True, blank=True, on_delete=models.CASCADE, related_name="assignment_runs"
    )
    # Another app's object this run belongs to (e.g. "mentoring.programme", 7).
    context_type = models.CharField(max_length=64, blank=True)
    context_id = models.PositiveBigIntegerField(null=True, blank=True)

    # Inputs: party ids per side, demand per left party, capacity per right party (None: the party's own).
    left_ids = models.JSONField(default=list)
    right_ids = models.JSONField(default=list)
    left_demand = models.PositiveSmallIntegerField(default=1, validators=[MinValueValidator(1)])
    right_capacity = models.PositiveSmallIntegerField(null=True, blank=True)
    min_score = models.FloatField(default=0.0)

    status = models.CharField(max_length=12, choices=Status.choices, default=Status.QUEUED)
    job = models.ForeignKey("jobs.Job", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    error = models.TextField(blank=True)
    # The optimum of the last solve (locked items included) and the current total after edits.
    optimum_score = models.FloatField(null=True, blank=True)
    total_score = models.FloatField(null=True, blank=True)
    # True while the items are exactly the last solve's optimum (an edit clears it, a re-run restores it).
    optimal = models.BooleanField(default=False)
    unassigned = models.JSONField(default=list, blank=True)
    stats = models.JSONField(default=dict, blank=True)

    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    solved_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["organisation", "-created_at"], name="assignment_run_org_idx"),
            models.Index(fields=["context_type", "context_id"], name="assignment_run_context_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="judge_pitch") | Q(event__isnull=False), name="assignment_run_judges_need_event"
            ),
            models.CheckConstraint(
                condition=Q(status="published", published_at__isnull=False) | ~Q(status="published"),
                name="assignment_run_published_at",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.kind}, {self.status})"


class AssignmentItem(models.Model):
    run = models.ForeignKey(AssignmentRun, on_delete=models.CASCADE, related_name="items")
    left_id = models.PositiveBigIntegerField()
    left_name = models.CharField(max_length=200)
    right_id = models.PositiveBigIntegerField()
    right_name = models.CharField(max_length=200)
    score = models.FloatField()
    reasons = models.JSONField(default=list, blank=True)
    # Locked items stay as they are when the run is solved again; edited ones were changed by hand.
    locked = models.BooleanField(default=False)
    edited = models.BooleanField(default=False)

    class Meta:
        ordering = ["left_name", "left_id", "-score", "id"]
        constraints = [
            models.UniqueConstraint(fields=["run", "left_id", "right_id"], name="assignment_item_pair_once"),
            models.CheckConstraint(condition=Q(score__gte=0) & Q(score__lte=1), name="assignment_item_score_0_1"),
            models.CheckConstraint(condition=Q(edited=False) | Q(locked=True), name="assignment_item_edited_locked"),
        ]

    def __str__(self) -> str:
        return f"{self.left_name} → {self.right_name} ({self.score:.3f})"
