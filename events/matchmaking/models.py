"""Matchmaking days: participants, meeting requests, slots, tables, meetings, outcomes.

Rules the database enforces itself (services check them first, for clear
messages; the constraints refuse whatever slips past, answered with 409):

* one participation per organisation and day;
* one live (pending or accepted) request per pair of participants, in either
  direction (a unique index on ``least(sender, recipient), greatest(…)``);
  nobody requests themselves;
* an active meeting has a slot and a table or neither; no table holds two
  active meetings in one slot and no participant is in two active meetings in
  one slot (partial unique indexes); only a placed meeting can be locked;
* slots of a day never overlap (GiST exclusion without btree_gist);
* amounts are positive and below :data:`MAX_AMOUNT`; an outcome's amount goes
  with a loan or investment intention; follow-ups are at 3 or 6 months.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import RangeOperators
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Greatest, Least
from django.utils.translation import gettext_lazy as _

from backend.directory.models import MAX_AMOUNT, MONEY, OrgKind
from events.models import EventType, int8_point, tstz_range

# Event types that hold a matchmaking day, and who sits opposite the enterprises there.
PARTNER_KINDS: dict[str, frozenset[str]] = {
    EventType.BANK_MATCHMAKING: frozenset({OrgKind.BANK}),
    EventType.FINANCE_ROADSHOW: frozenset({OrgKind.INVESTOR, OrgKind.BANK}),
    EventType.ACHIEVEMENT_MATCHMAKING: frozenset({OrgKind.INSTITUTE, OrgKind.INVESTOR, OrgKind.BANK}),
}
MATCHMAKING_TYPES = frozenset(PARTNER_KINDS)
ENTERPRISE_KINDS = frozenset({OrgKind.STARTUP})
FOLLOW_UP_MONTHS = (3, 6)


class Side(models.TextChoices):
    ENTERPRISE = "enterprise", _("企业方 · enterprise")
    PARTNER = "partner", _("对接方（银行/投资机构/院所） · partner (bank, investor, institute)")


class MatchmakingDay(models.Model):
    """The matchmaking part of an event: the organizer's settings and the schedule's state."""

    event = models.OneToOneField("events.Event", primary_key=True, on_delete=models.CASCADE, related_name="matchmaking")
    request_cap = models.PositiveSmallIntegerField(
        _("每方请求上限 · requests per participant"),
        default=10,
        validators=[MinValueValidator(1), MaxValueValidator(200)],
    )
    request_deadline = models.DateTimeField(_("请求截止 · request deadline"), null=True, blank=True)
    reminder_hours = models.PositiveSmallIntegerField(
        _("截止前提醒（小时） · reminder hours before the deadline"),
        default=24,
        validators=[MinValueValidator(1), MaxValueValidator(720)],
    )
    # The last scheduler run that was written (its figures are in schedule_info).
    schedule_job = models.ForeignKey("jobs.Job", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    schedule_info = models.JSONField(default=dict, blank=True)
    scheduled_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Placements changed after publishing (a repair, a lock, a late meeting): publish again to tell everyone.
    changed_since_publish = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(request_cap__gte=1) & Q(request_cap__lte=200), name="mm_day_request_cap_range"
            ),
            models.CheckConstraint(
                condition=Q(reminder_hours__gte=1) & Q(reminder_hours__lte=720), name="mm_day_reminder_hours_range"
            ),
        ]

    def __str__(self) -> str:
        return f"matchmaking @ {self.event_id}"


class MeetingSlot(models.Model):
    """A time on the day in which every table can hold one meeting."""

    day = models.ForeignKey(MatchmakingDay, on_delete=models.CASCADE, related_name="slots")
    starts = models.DateTimeField()
    ends = models.DateTimeField()
    label = models.CharField(max_length=32, blank=True)

    class Meta:
        ordering = ["starts", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(ends__gt=F("starts")), name="mm_slot_ends_after_starts"),
            ExclusionConstraint(
                name="mm_slot_no_overlap_in_day",
                expressions=[
                    (int8_point("day"), RangeOperators.OVERLAPS),
                    (tstz_range("starts", "ends"), RangeOperators.OVERLAPS),
                ],
                violation_error_code="slot_overlap",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.day_id} {self.starts:%H:%M}"


class MeetingTable(models.Model):
    day = models.ForeignKey(MatchmakingDay, on_delete=models.CASCADE, related_name="tables")
    number = models.PositiveSmallIntegerField()
    label = models.CharField(max_length=32)

    class Meta:
        ordering = ["number"]
        constraints = [models.UniqueConstraint(fields=["day", "number"], name="mm_table_unique_number")]

    def __str__(self) -> str:
        return self.label


class Participant(models.Model):
    """An organisation taking part: an enterprise, or a bank, investor or institute opposite."""

    day = models.ForeignKey(MatchmakingDay, on_delete=models.CASCADE, related_name="participants")
    organisation = models.ForeignKey(
        "directory.Organisation", on_delete=models.CASCADE, related_name="matchmaking_participations"
    )
    side = models.CharField(max_length=16, choices=Side.choices)
    contact = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    offer = models.TextField(_("能提供 · offers"), blank=True, max_length=2000)
    seek = models.TextField(_("希望对接 · seeks"), blank=True, max_length=2000)
    # Enterprise: the financing it seeks; partner: the largest loan or ticket it offers.
    amount = models.DecimalField(_("金额 · amount"), **MONEY, null=True, blank=True)
    unavailable = models.ManyToManyField(MeetingSlot, blank=True, related_name="unavailable_participants")
    joined_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["side", "organisation__name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["day", "organisation"], name="mm_participant_once_per_day"),
            models.CheckConstraint(
                condition=Q(amount__isnull=True) | (Q(amount__gt=0) & Q(amount__lte=MAX_AMOUNT)),
                name="mm_participant_amount_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation_id} ({self.side}) @ {self.day_id}"


LIVE_REQUEST = Q(status__in=["pending", "accepted"])


class Preference(models.TextChoices):
    MUST = "must", _("必须见 · must meet")
    NICE = "nice", _("希望见 · would like to meet")


class MeetingRequest(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("待回复 · pending")
        ACCEPTED = "accepted", _("已接受 · accepted")
        DECLINED = "declined", _("已拒绝 · declined")
        WITHDRAWN = "withdrawn", _("已撤回 · withdrawn")
        EXPIRED = "expired", _("已过期 · expired")
        CANCELLED = "cancelled", _("已取消 · cancelled")

    day = models.ForeignKey(MatchmakingDay, on_delete=models.CASCADE, related_name="requests")
    sender = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="sent_requests")
    recipient = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="received_requests")
    preference = models.CharField(max_length=8, choices=Preference.choices, default=Preference.NICE)
    message = models.TextField(blank=True, max_length=1000)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PENDING)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.CharField(max_length=255, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    # Backfill: a slot freed on the day, offered to this pending request.
    offered_slot = models.ForeignKey(
        MeetingSlot, null=True, blank=True, on_delete=models.SET_NULL, related_name="offers"
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["day", "status"], name="mm_request_day_status_idx"),
            models.Index(fields=["sender", "status"], name="mm_request_sender_status_idx"),
            models.Index(fields=["recipient", "status"], name="mm_request_recipient_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=~Q(sender=F("recipient")), name="mm_request_not_to_self"),
            models.UniqueConstraint(
                Least("sender", "recipient"),
                Greatest("sender", "recipient"),
                condition=LIVE_REQUEST,
                name="mm_request_one_live_per_pair",
                violation_error_code="pair_taken",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.sender_id} → {self.recipient_id} ({self.status})"


ACTIVE_MEETING = Q(status="active")


class Meeting(models.Model):
    """An accepted request: two participants at a table in a slot."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("有效 · active")
        CANCELLED = "cancelled", _("已取消 · cancelled")

    day = models.ForeignKey(MatchmakingDay, on_delete=models.CASCADE, related_name="meetings")
    request = models.OneToOneField(MeetingRequest, on_delete=models.CASCADE, related_name="meeting")
    enterprise = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="enterprise_meetings")
    partner = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="partner_meetings")
    preference = models.CharField(max_length=8, choices=Preference.choices, default=Preference.NICE)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.ACTIVE)
    slot = models.ForeignKey(MeetingSlot, null=True, blank=True, on_delete=models.RESTRICT, related_name="meetings")
    table = models.ForeignKey(MeetingTable, null=True, blank=True, on_delete=models.RESTRICT, related_name="meetings")
    locked = models.BooleanField(_("锁定时间 · locked"), default=False)
    # iCalendar SEQUENCE of the meeting in agendas: grows whenever it moves.
    sequence = models.PositiveIntegerField(default=0)
    checked_in_at = models.DateTimeField(null=True, blank=True)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    cancel_reason = models.CharField(max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["slot__starts", "table__number", "id"]
        indexes = [models.Index(fields=["day", "status"], name="mm_meeting_day_status_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(slot__isnull=True, table__isnull=True) | Q(slot__isnull=False, table__isnull=False),
                name="mm_meeting_slot_and_table_together",
            ),
            models.CheckConstraint(condition=Q(locked=False) | Q(slot__isnull=False), name="mm_meeting_locked_placed"),
            models.CheckConstraint(condition=~Q(enterprise=F("partner")), name="mm_meeting_two_parties"),
            models.UniqueConstraint(
                fields=["slot", "table"], condition=ACTIVE_MEETING, name="mm_meeting_one_per_table_and_slot"
            ),
            models.UniqueConstraint(
                fields=["enterprise", "slot"], condition=ACTIVE_MEETING, name="mm_meeting_enterprise_once_per_slot"
            ),
            models.UniqueConstraint(
                fields=["partner", "slot"], condition=ACTIVE_MEETING, name="mm_meeting_partner_once_per_slot"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.enterprise_id} × {self.partner_id} ({self.status})"

    def participant_for(self, side: str) -> Participant:
        return self.enterprise if side == Side.ENTERPRISE else self.partner


class Intention(models.TextChoices):
    NONE = "none", _("暂无意向 · no intention yet")
    LOAN = "loan", _("贷款意向 · loan intention")
    INVESTMENT = "investment", _("投资意向 · investment intention")
    COOPERATION = "cooperation", _("合作意向 · cooperation")


class MeetingOutcome(models.Model):
    """What one side says came out of a meeting, right after the day."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="outcomes")
    side = models.CharField(max_length=16, choices=Side.choices)
    follow_up_planned = models.BooleanField(_("计划跟进 · follow-up planned"), default=False)
    intention = models.CharField(max_length=16, choices=Intention.choices, default=Intention.NONE)
    amount = models.DecimalField(_("意向金额 · intended amount"), **MONEY, null=True, blank=True)
    note = models.TextField(blank=True, max_length=2000)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["meeting_id", "side"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "side"], name="mm_outcome_once_per_side"),
            models.CheckConstraint(
                condition=Q(amount__isnull=True) | (Q(amount__gt=0) & Q(amount__lte=MAX_AMOUNT)),
                name="mm_outcome_amount_range",
            ),
            models.CheckConstraint(
                condition=Q(amount__isnull=True) | Q(intention__in=["loan", "investment"]),
                name="mm_outcome_amount_with_intention",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.meeting_id}/{self.side}: {self.intention}"


class FollowUp(models.Model):
    """Asked of each side 3 and 6 months after the day: what came of the meeting."""

    class Result(models.TextChoices):
        OPEN = "", _("未答复 · not answered")
        SIGNED = "signed", _("已签约 · signed")
        INVESTED = "invested", _("已投资 · invested")
        IN_PROGRESS = "in_progress", _("仍在推进 · in progress")
        NOTHING = "nothing", _("无结果 · nothing came of it")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="follow_ups")
    side = models.CharField(max_length=16, choices=Side.choices)
    months = models.PositiveSmallIntegerField()
    due_on = models.DateField()
    asked_at = models.DateTimeField(null=True, blank=True)
    result = models.CharField(max_length=16, choices=Result.choices, default=Result.OPEN, blank=True)
    amount = models.DecimalField(_("金额 · amount"), **MONEY, null=True, blank=True)
    note = models.TextField(blank=True, max_length=2000)
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["due_on", "meeting_id", "side"]
        indexes = [models.Index(fields=["due_on", "asked_at"], name="mm_followup_due_idx")]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "side", "months"], name="mm_followup_once"),
            models.CheckConstraint(condition=Q(months__in=FOLLOW_UP_MONTHS), name="mm_followup_months_3_or_6"),
            models.CheckConstraint(
                condition=Q(amount__isnull=True) | (Q(amount__gt=0) & Q(amount__lte=MAX_AMOUNT)),
                name="mm_followup_amount_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.meeting_id}/{self.side} +{self.months}m"
