"""Events, series, venues, registrations, pitch slots, scoring and competitions (issue 3).

Rules that money or fairness depend on are database constraints, not only
Python checks:

* a room never hosts two live events at overlapping times, and pitch slots of
  one event never overlap (GiST exclusion constraints on ranges, written
  without btree_gist as ``int8range(id, id, '[]') WITH &&``);
* one registration per person and event; one live booking per slot and per
  startup and event (partial unique indexes); one score sheet per judge and
  pitch; scores 1–10, ratings 1–5, end after start.

Who may do what lives in :mod:`events.rules`; how rows are locked in
:mod:`events.services.locking`.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import ArrayField, RangeOperators
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Func, Q, Value
from django.utils.translation import gettext_lazy as _

from backend.accounts.models import Role


class EventType(models.TextChoices):
    ROADSHOW = "roadshow", _("项目路演 · roadshow")
    SALON = "salon", _("创业沙龙 · salon")
    FORUM = "forum", _("主题论坛 · forum")
    TRAINING = "training", _("创业培训 · training")
    TALK = "talk", _("创业宣讲/辅导 · talk or coaching")
    COMPETITION = "competition", _("创新创业大赛 · competition")
    BANK_MATCHMAKING = "bank_matchmaking", _("银企对接 · bank–enterprise matchmaking")
    FINANCE_ROADSHOW = "finance_roadshow", _("科技金融路演 · finance roadshow")
    ACHIEVEMENT_MATCHMAKING = "achievement_matchmaking", _("成果对接 · technology-achievement matchmaking")


# Types whose programme is a sequence of startup pitches (slots, bookings, scores).
PITCH_TYPES = frozenset({EventType.ROADSHOW, EventType.COMPETITION, EventType.FINANCE_ROADSHOW})


class EventStatus(models.TextChoices):
    DRAFT = "draft", _("草稿 · draft")
    PUBLISHED = "published", _("已发布 · published")
    ONGOING = "ongoing", _("进行中 · ongoing")
    FINISHED = "finished", _("已结束 · finished")
    CANCELLED = "cancelled", _("已取消 · cancelled")


class Visibility(models.TextChoices):
    PUBLIC = "public", _("公开 · public")
    INVITATION = "invitation", _("仅受邀 · invitation only")


def int8_point(field: str) -> Func:
    """``int8range(x, x, '[]')``: an equality that GiST can index without btree_gist."""
    return Func(F(field), F(field), Value("[]"), function="int8range", output_field=models.Field())


def tstz_range(start: str, end: str) -> Func:
    return Func(F(start), F(end), function="tstzrange", output_field=models.Field())


class Room(models.Model):
    """A room at a carrier (孵化器, 众创空间 …) where events take place."""

    carrier = models.ForeignKey("directory.Carrier", on_delete=models.CASCADE, related_name="rooms")
    name = models.CharField(_("名称 · name"), max_length=100)
    capacity = models.PositiveIntegerField(_("容量 · capacity"), validators=[MinValueValidator(1)])
    floor = models.CharField(max_length=32, blank=True)

    class Meta:
        ordering = ["carrier__name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["carrier", "name"], name="room_unique_name_per_carrier"),
            models.CheckConstraint(condition=Q(capacity__gte=1), name="room_capacity_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.carrier} · {self.name}"


class EventFields(models.Model):
    """What a series and its occurrences share."""

    title = models.CharField(_("标题 · title"), max_length=200)
    title_en = models.CharField(max_length=200, blank=True)
    description = models.TextField(_("简介 · description"), blank=True)
    type = models.CharField(max_length=32, choices=EventType.choices)
    organisation = models.ForeignKey("directory.Organisation", on_delete=models.PROTECT, related_name="+")
    room = models.ForeignKey(Room, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    online_url = models.URLField(blank=True)
    capacity = models.PositiveIntegerField(_("名额 · capacity"), validators=[MinValueValidator(1)])
    # Empty: anyone logged in may register.
    allowed_roles = ArrayField(models.CharField(max_length=16, choices=Role.choices), default=list, blank=True)
    visibility = models.CharField(max_length=16, choices=Visibility.choices, default=Visibility.PUBLIC)

    class Meta:
        abstract = True


class Series(EventFields):
    """月月有路演、季季有论坛: a recurring event, described by an RFC 5545 RRULE."""

    organisation = models.ForeignKey("directory.Organisation", on_delete=models.PROTECT, related_name="event_series")
    room = models.ForeignKey(Room, null=True, blank=True, on_delete=models.PROTECT, related_name="series")
    rrule = models.CharField(_("重复规则 · recurrence rule"), max_length=500, help_text="e.g. FREQ=MONTHLY;BYDAY=+2TH")
    dtstart = models.DateTimeField(_("首次开始 · first start"))
    duration_minutes = models.PositiveIntegerField(validators=[MinValueValidator(5), MaxValueValidator(7 * 24 * 60)])
    # Registration opens this many days before each occurrence and closes at its start.
    registration_opens_days = models.PositiveSmallIntegerField(default=30)
    # New occurrences are published at once (else drafts the organizer publishes one by one).
    auto_publish = models.BooleanField(default=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["dtstart", "id"]
        verbose_name_plural = "series"
        constraints = [
            models.CheckConstraint(condition=Q(room__isnull=True) | Q(online_url=""), name="series_room_xor_online"),
        ]

    def __str__(self) -> str:
        return self.title


class Event(EventFields):
    organisation = models.ForeignKey("directory.Organisation", on_delete=models.PROTECT, related_name="events")
    room = models.ForeignKey(Room, null=True, blank=True, on_delete=models.PROTECT, related_name="events")
    starts = models.DateTimeField(_("开始 · starts"))
    ends = models.DateTimeField(_("结束 · ends"))
    registration_opens = models.DateTimeField(null=True, blank=True, help_text="Empty: open once published.")
    registration_closes = models.DateTimeField(null=True, blank=True, help_text="Empty: until the event starts.")
    status = models.CharField(max_length=16, choices=EventStatus.choices, default=EventStatus.DRAFT)
    # iCalendar SEQUENCE: bumped whenever times, place or status change.
    sequence = models.PositiveIntegerField(default=0)

    series = models.ForeignKey(Series, null=True, blank=True, on_delete=models.SET_NULL, related_name="occurrences")
    # RECURRENCE-ID: the occurrence's original start, fixed even when the occurrence is moved.
    recurrence_id = models.DateTimeField(null=True, blank=True)
    # Competition rounds (初赛 → 复赛 → 决赛): each round is an event linked to the one before.
    previous_round = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="next_rounds"
    )
    round_name = models.CharField(_("轮次 · round"), max_length=32, blank=True)

    scoring_closed_at = models.DateTimeField(null=True, blank=True)
    cancelled_reason = models.CharField(max_length=255, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    invitees = models.ManyToManyField(settings.AUTH_USER_MODEL, through="Invitation", related_name="invited_events")

    class Meta:
        ordering = ["starts", "id"]
        indexes = [
            models.Index(fields=["starts"], name="event_starts_idx"),
            models.Index(fields=["organisation", "starts"], name="event_org_starts_idx"),
            models.Index(fields=["status", "visibility", "starts"], name="event_status_vis_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(ends__gt=F("starts")), name="event_ends_after_starts"),
            models.CheckConstraint(condition=Q(capacity__gte=1), name="event_capacity_positive"),
            models.CheckConstraint(condition=Q(room__isnull=True) | Q(online_url=""), name="event_room_xor_online"),
            models.CheckConstraint(
                condition=Q(registration_opens__isnull=True)
                | Q(registration_closes__isnull=True)
                | Q(registration_closes__gt=F("registration_opens")),
                name="event_registration_window_valid",
            ),
            models.UniqueConstraint(
                fields=["series", "recurrence_id"],
                condition=Q(series__isnull=False),
                name="event_unique_occurrence",
            ),
            # One room, no overlapping times (cancelled events free the room).
            ExclusionConstraint(
                name="event_room_no_overlap",
                expressions=[
                    (int8_point("room"), RangeOperators.OVERLAPS),
                    (tstz_range("starts", "ends"), RangeOperators.OVERLAPS),
                ],
                condition=Q(room__isnull=False) & ~Q(status="cancelled"),
                violation_error_code="room_taken",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_pitch_event(self) -> bool:
        return self.type in PITCH_TYPES


class Invitation(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="invitations")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="event_invitations")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["event", "user"], name="invitation_unique")]

    def __str__(self) -> str:
        return f"{self.user_id} invited to {self.event_id}"


class Registration(models.Model):
    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("已报名 · confirmed")
        WAITING = "waiting", _("候补 · waiting list")
        CANCELLED = "cancelled", _("已取消 · cancelled")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="registrations")
    status = models.CharField(max_length=16, choices=Status.choices)
    # Waiting-list order: first come (re-registering after a cancellation queues anew).
    queued_at = models.DateTimeField()
    checked_in_at = models.DateTimeField(null=True, blank=True)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["queued_at", "id"]
        indexes = [models.Index(fields=["event", "status", "queued_at"], name="registration_queue_idx")]
        constraints = [
            models.UniqueConstraint(fields=["event", "user"], name="registration_once_per_person"),
            models.CheckConstraint(
                condition=Q(checked_in_at__isnull=True) | Q(status="confirmed"),
                name="registration_checkin_only_confirmed",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} @ {self.event_id} ({self.status})"


class Feedback(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="feedback")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="event_feedback")
    rating = models.PositiveSmallIntegerField(validators=[MinValueValidator(1), MaxValueValidator(5)])
    comment = models.TextField(blank=True, max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["event", "user"], name="feedback_once_per_person"),
            models.CheckConstraint(condition=Q(rating__gte=1) & Q(rating__lte=5), name="feedback_rating_1_5"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} rated {self.event_id}: {self.rating}"


class PitchSlot(models.Model):
    """A time on a roadshow or competition programme for one startup's pitch (incl. Q&A)."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="slots")
    starts = models.DateTimeField()
    ends = models.DateTimeField()
    label = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["starts", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(ends__gt=F("starts")), name="slot_ends_after_starts"),
            ExclusionConstraint(
                name="slot_no_overlap_in_event",
                expressions=[
                    (int8_point("event"), RangeOperators.OVERLAPS),
                    (tstz_range("starts", "ends"), RangeOperators.OVERLAPS),
                ],
                violation_error_code="slot_overlap",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.event_id} {self.starts:%H:%M}"


LIVE_BOOKING = Q(status__in=["pending", "approved"])


class Booking(models.Model):
    """A startup's application for a pitch slot, approved or rejected by the organizer."""

    class Status(models.TextChoices):
        PENDING = "pending", _("待审核 · pending")
        APPROVED = "approved", _("已通过 · approved")
        REJECTED = "rejected", _("未通过 · rejected")
        WITHDRAWN = "withdrawn", _("已撤回 · withdrawn")

    # event is the slot's event, copied so that "one per startup and event" is one index.
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="bookings")
    slot = models.ForeignKey(PitchSlot, on_delete=models.CASCADE, related_name="bookings")
    startup = models.ForeignKey("directory.Organisation", on_delete=models.CASCADE, related_name="pitch_bookings")
    applicant = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="pitch_bookings")
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING)
    pitch_title = models.CharField(_("项目名称 · project"), max_length=200, blank=True)
    note = models.TextField(blank=True, max_length=2000)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decision_note = models.CharField(max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["slot__starts", "id"]
        constraints = [
            models.UniqueConstraint(fields=["slot"], condition=LIVE_BOOKING, name="booking_one_live_per_slot"),
            models.UniqueConstraint(
                fields=["event", "startup"], condition=LIVE_BOOKING, name="booking_one_live_per_startup"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.startup_id} → slot {self.slot_id} ({self.status})"


class Criterion(models.Model):
    """One line of an event's rubric (评分标准), e.g. 技术创新性 with weight 30."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField(max_length=64)
    name_en = models.CharField(max_length=64, blank=True)
    weight = models.DecimalField(max_digits=6, decimal_places=2, validators=[MinValueValidator(0.01)])
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["event", "name"], name="criterion_unique_name"),
            models.CheckConstraint(condition=Q(weight__gt=0), name="criterion_weight_positive"),
        ]

    def __str__(self) -> str:
        return self.name


class Judge(models.Model):
    """A person the organizer asked to score pitches (评委), or an investor on the panel."""

    class Kind(models.TextChoices):
        JUDGE = "judge", _("评委 · judge")
        INVESTOR = "investor", _("投资人 · investor")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="judges")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="judging")
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.JUDGE)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["event", "user"], name="judge_once_per_event")]

    def __str__(self) -> str:
        return f"{self.user_id} judges {self.event_id}"


class ScoreSheet(models.Model):
    booking = models.ForeignKey(Booking, on_delete=models.CASCADE, related_name="score_sheets")
    judge = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="score_sheets")
    comment = models.TextField(blank=True, max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["booking_id", "id"]
        constraints = [models.UniqueConstraint(fields=["booking", "judge"], name="score_sheet_once_per_judge")]

    def __str__(self) -> str:
        return f"sheet {self.judge_id} → booking {self.booking_id}"


class Score(models.Model):
    sheet = models.ForeignKey(ScoreSheet, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="scores")
    value = models.PositiveSmallIntegerField(validators=[MinValueValidator(1), MaxValueValidator(10)])

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["sheet", "criterion"], name="score_once_per_criterion"),
            models.CheckConstraint(condition=Q(value__gte=1) & Q(value__lte=10), name="score_value_1_10"),
        ]

    def __str__(self) -> str:
        return f"{self.criterion_id}: {self.value}"


class InvestorInterest(models.Model):
    """An investor's interest in a startup that pitched; the pipeline (issue 5) picks it up."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="interests")
    startup = models.ForeignKey("directory.Organisation", on_delete=models.CASCADE, related_name="investor_interests")
    investor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="startup_interests")
    note = models.TextField(blank=True, max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["event", "startup", "investor"], name="interest_once_per_pitch"),
        ]

    def __str__(self) -> str:
        return f"{self.investor_id} ♥ {self.startup_id}"


class RoundEntry(models.Model):
    """A startup qualified for a competition round (advanced from the round before)."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="entries")
    startup = models.ForeignKey("directory.Organisation", on_delete=models.CASCADE, related_name="round_entries")
    from_rank = models.PositiveSmallIntegerField(null=True, blank=True)
    score = models.DecimalField(max_digits=6, decimal_places=3, null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["from_rank", "id"]
        constraints = [models.UniqueConstraint(fields=["event", "startup"], name="round_entry_once")]

    def __str__(self) -> str:
        return f"{self.startup_id} in {self.event_id}"


class Award(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="awards")
    startup = models.ForeignKey("directory.Organisation", on_delete=models.CASCADE, related_name="awards")
    title = models.CharField(_("奖项 · award"), max_length=64, help_text="e.g. 一等奖")
    rank = models.PositiveSmallIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["rank", "id"]
        constraints = [models.UniqueConstraint(fields=["event", "startup"], name="award_once_per_startup")]

    def __str__(self) -> str:
        return f"{self.title}: {self.startup_id}"
