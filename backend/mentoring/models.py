"""Mentoring (创业导师): requests, mentorships, session logs and programmes.

Rules the database keeps, not only Python:

* one open request per startup and mentor, one active mentorship per pair
  (partial unique indexes);
* a mentor never holds more active mentorships than ``MentorProfile.capacity``:
  services lock the mentor's profile row before counting, and a trigger
  (migration 0002) locks the same row and refuses the insert or update that
  would pass the capacity, so nothing that bypasses the services slips past;
* in a programme, one live proposal per startup and per pair.

Session logs are private to the mentor and the startup's members.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

MAX_TOPICS = 10
TOPIC_LENGTH = 32
MAX_SESSION_MINUTES = 12 * 60


def topics_field(verbose_name):
    return ArrayField(models.CharField(max_length=TOPIC_LENGTH), verbose_name=verbose_name, default=list, blank=True)


class MentoringRequest(models.Model):
    """A startup asks a mentor for mentoring; the mentor accepts or declines."""

    class Status(models.TextChoices):
        PENDING = "pending", _("待答复 · pending")
        ACCEPTED = "accepted", _("已接受 · accepted")
        DECLINED = "declined", _("已婉拒 · declined")
        WITHDRAWN = "withdrawn", _("已撤回 · withdrawn")

    startup = models.ForeignKey("directory.Organisation", on_delete=models.CASCADE, related_name="mentoring_requests")
    mentor = models.ForeignKey("directory.MentorProfile", on_delete=models.CASCADE, related_name="requests")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="mentoring_requests"
    )
    message = models.TextField(_("留言 · message"), max_length=1000, blank=True)
    needs = topics_field(_("辅导需求 · needs"))
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PENDING)
    decline_reason = models.TextField(_("婉拒原因 · reason"), max_length=1000, blank=True)
    # Not auto_now_add: the demo loader plans these times and keys rows by them.
    created_at = models.DateTimeField(default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("辅导申请 · mentoring request")
        verbose_name_plural = _("辅导申请 · mentoring requests")
        constraints = [
            models.UniqueConstraint(
                fields=["startup", "mentor"], condition=Q(status="pending"), name="mentoring_request_one_open_per_pair"
            ),
            models.CheckConstraint(
                condition=Q(status="declined") | Q(decline_reason=""), name="mentoring_request_reason_only_declined"
            ),
            models.CheckConstraint(
                condition=Q(status="pending") | Q(decided_at__isnull=False), name="mentoring_request_decided_at"
            ),
        ]
        indexes = [models.Index(fields=["mentor", "status"], name="mentoring_request_mentor_idx")]

    def __str__(self) -> str:
        return f"{self.startup_id} → {self.mentor_id} ({self.status})"


class Programme(models.Model):
    """A mentoring programme run by organizers: startups and mentors matched by the engine."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("筹备中 · draft")
        MATCHING = "matching", _("匹配中 · matching")
        CLOSED = "closed", _("已结束 · closed")

    organisation = models.ForeignKey(
        "directory.Organisation", on_delete=models.PROTECT, related_name="mentoring_programmes"
    )
    name = models.CharField(_("名称 · name"), max_length=128)
    description = models.TextField(_("简介 · description"), blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.DRAFT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="mentoring_programmes"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    proposed_at = models.DateTimeField(null=True, blank=True)
    startups = models.ManyToManyField(
        "directory.Organisation", through="ProgrammeStartup", related_name="mentoring_programmes_joined"
    )
    mentors = models.ManyToManyField("directory.MentorProfile", through="ProgrammeMentor", related_name="programmes")

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("导师辅导计划 · mentoring programme")
        verbose_name_plural = _("导师辅导计划 · mentoring programmes")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="mentoring_programme_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name


class ProgrammeStartup(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="programme_startups")
    startup = models.ForeignKey("directory.Organisation", on_delete=models.CASCADE, related_name="+")
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["added_at", "id"]
        constraints = [models.UniqueConstraint(fields=["programme", "startup"], name="programme_startup_unique")]

    def __str__(self) -> str:
        return f"{self.programme_id}: {self.startup_id}"


class ProgrammeMentor(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="programme_mentors")
    mentor = models.ForeignKey("directory.MentorProfile", on_delete=models.CASCADE, related_name="+")
    # Places this mentor offers in the programme; never more than their free capacity.
    places = models.PositiveSmallIntegerField(
        _("名额 · places"), null=True, blank=True, validators=[MaxValueValidator(100)]
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["added_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "mentor"], name="programme_mentor_unique"),
            models.CheckConstraint(
                condition=Q(places__isnull=True) | Q(places__lte=100), name="programme_mentor_places_sane"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.programme_id}: {self.mentor_id}"


class Proposal(models.Model):
    """The engine proposes startup → mentor within a programme; the mentor confirms or declines."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("待确认 · proposed")
        CONFIRMED = "confirmed", _("已确认 · confirmed")
        DECLINED = "declined", _("已婉拒 · declined")
        WITHDRAWN = "withdrawn", _("已撤销 · withdrawn")

    LIVE = (Status.PROPOSED, Status.CONFIRMED)

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="proposals")
    startup = models.ForeignKey("directory.Organisation", on_delete=models.CASCADE, related_name="+")
    mentor = models.ForeignKey("directory.MentorProfile", on_delete=models.CASCADE, related_name="proposals")
    score = models.FloatField(default=0)
    # The engine's reasons: [{"code", "zh", "en", "contribution"}].
    reasons = models.JSONField(default=list, blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PROPOSED)
    decline_reason = models.TextField(max_length=1000, blank=True)
    round = models.PositiveSmallIntegerField(default=1, help_text="The solver run that proposed it (1 = first).")
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-score", "id"]
        verbose_name = _("匹配建议 · proposal")
        verbose_name_plural = _("匹配建议 · proposals")
        constraints = [
            # A pair is proposed once: after a decline or withdrawal the row is kept (declines stay forbidden).
            models.UniqueConstraint(fields=["programme", "startup", "mentor"], name="proposal_unique_pair"),
            models.UniqueConstraint(
                fields=["programme", "startup"],
                condition=Q(status__in=["proposed", "confirmed"]),
                name="proposal_one_live_per_startup",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.programme_id}: {self.startup_id} → {self.mentor_id} ({self.status})"


class Mentorship(models.Model):
    """An accepted mentoring relation; ACTIVE ones count against the mentor's capacity."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("辅导中 · active")
        ENDED = "ended", _("已结束 · ended")

    startup = models.ForeignKey("directory.Organisation", on_delete=models.CASCADE, related_name="mentorships")
    mentor = models.ForeignKey("directory.MentorProfile", on_delete=models.CASCADE, related_name="mentorships")
    request = models.OneToOneField(
        MentoringRequest, null=True, blank=True, on_delete=models.SET_NULL, related_name="mentorship"
    )
    proposal = models.OneToOneField(
        Proposal, null=True, blank=True, on_delete=models.SET_NULL, related_name="mentorship"
    )
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.ACTIVE)
    started_at = models.DateTimeField(default=timezone.now)
    ended_at = models.DateTimeField(null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    end_note = models.TextField(_("结束说明 · closing note"), max_length=2000, blank=True)

    class Meta:
        ordering = ["-started_at", "-id"]
        verbose_name = _("辅导关系 · mentorship")
        verbose_name_plural = _("辅导关系 · mentorships")
        constraints = [
            models.UniqueConstraint(
                fields=["startup", "mentor"], condition=Q(status="active"), name="mentorship_one_active_per_pair"
            ),
            models.CheckConstraint(
                condition=(Q(status="active") & Q(ended_at__isnull=True))
                | (Q(status="ended") & Q(ended_at__isnull=False)),
                name="mentorship_ended_at_iff_ended",
            ),
        ]
        indexes = [models.Index(fields=["mentor", "status"], name="mentorship_mentor_status_idx")]

    def __str__(self) -> str:
        return f"{self.startup_id} ← {self.mentor_id} ({self.status})"


class MentoringSession(models.Model):
    """One logged session: date, duration, topics, follow-ups. Private to the two sides."""

    mentorship = models.ForeignKey(Mentorship, on_delete=models.CASCADE, related_name="sessions")
    date = models.DateField(_("日期 · date"))
    duration_minutes = models.PositiveSmallIntegerField(
        _("时长（分钟）· minutes"), validators=[MinValueValidator(1), MaxValueValidator(MAX_SESSION_MINUTES)]
    )
    topics = topics_field(_("主题 · topics"))
    notes = models.TextField(_("记录 · notes"), max_length=4000, blank=True)
    follow_ups = models.TextField(_("后续事项 · follow-ups"), max_length=2000, blank=True)
    logged_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("辅导记录 · session")
        verbose_name_plural = _("辅导记录 · sessions")
        constraints = [
            models.CheckConstraint(
                condition=Q(duration_minutes__gte=1) & Q(duration_minutes__lte=MAX_SESSION_MINUTES),
                name="mentoring_session_duration_sane",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.mentorship_id} @ {self.date}"
