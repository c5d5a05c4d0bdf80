"""Input validation and output shapes of the matchmaking API (typed for the generated frontend client)."""

from __future__ import annotations

from decimal import Decimal

from rest_framework import serializers

from backend.directory.models import MAX_AMOUNT, Organisation
from events.matchmaking import selectors
from events.matchmaking.models import (
    FollowUp,
    Intention,
    MatchmakingDay,
    Meeting,
    MeetingOutcome,
    MeetingRequest,
    MeetingSlot,
    MeetingTable,
    Participant,
    Preference,
    Side,
)


def amount_field(**kwargs) -> serializers.DecimalField:
    return serializers.DecimalField(
        max_digits=16, decimal_places=2, min_value=Decimal("0.01"), max_value=MAX_AMOUNT, **kwargs
    )


# --- small shapes ------------------------------------------------------------


class MmOrgBriefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Organisation
        fields = ["id", "name", "kind"]


class MmParticipantBriefSerializer(serializers.ModelSerializer):
    organisation = MmOrgBriefSerializer(read_only=True)

    class Meta:
        model = Participant
        fields = ["id", "side", "organisation"]


class MmSlotSerializer(serializers.ModelSerializer):
    class Meta:
        model = MeetingSlot
        fields = ["id", "starts", "ends", "label"]


class MmTableSerializer(serializers.ModelSerializer):
    class Meta:
        model = MeetingTable
        fields = ["id", "number", "label"]


class MmScheduleInfoSerializer(serializers.Serializer):
    """The last run's figures: slots used vs the proven lower bound vs slots available."""

    feasible = serializers.BooleanField()
    too_short = serializers.BooleanField()
    slots_used = serializers.IntegerField(allow_null=True)
    lower_bound = serializers.IntegerField()
    slots_available = serializers.IntegerField()
    tables = serializers.IntegerField()
    optimal = serializers.BooleanField()
    gap = serializers.IntegerField(allow_null=True)
    method = serializers.CharField()
    meetings = serializers.IntegerField()
    must = serializers.IntegerField()
    nice = serializers.IntegerField()
    locked = serializers.IntegerField()
    message_zh = serializers.CharField()
    message_en = serializers.CharField()
    reason = serializers.CharField(allow_blank=True)
    ran_at = serializers.DateTimeField()


# --- the day -----------------------------------------------------------------


class MmDaySerializer(serializers.ModelSerializer):
    event = serializers.IntegerField(source="event_id", read_only=True)
    title = serializers.CharField(source="event.title", read_only=True)
    event_type = serializers.CharField(source="event.type", read_only=True)
    event_status = serializers.CharField(source="event.status", read_only=True)
    starts = serializers.DateTimeField(source="event.starts", read_only=True)
    ends = serializers.DateTimeField(source="event.ends", read_only=True)
    schedule_info = serializers.SerializerMethodField()
    can_manage = serializers.BooleanField(read_only=True, default=False)
    mine = MmParticipantBriefSerializer(many=True, read_only=True, default=list)
    deadline_passed = serializers.SerializerMethodField()
    participant_count = serializers.IntegerField(read_only=True, default=0)
    slot_count = serializers.IntegerField(read_only=True, default=0)
    table_count = serializers.IntegerField(read_only=True, default=0)

    class Meta:
        model = MatchmakingDay
        fields = [
            "event",
            "title",
            "event_type",
            "event_status",
            "starts",
            "ends",
            "request_cap",
            "request_deadline",
            "reminder_hours",
            "deadline_passed",
            "published_at",
            "changed_since_publish",
            "scheduled_at",
            "schedule_info",
            "can_manage",
            "mine",
            "participant_count",
            "slot_count",
            "table_count",
        ]
        read_only_fields = fields

    def get_schedule_info(self, obj) -> MmScheduleInfoSerializer(allow_null=True):  # type: ignore[valid-type]
        return obj.schedule_info or None

    def get_deadline_passed(self, obj) -> bool:
        from django.utils import timezone

        return obj.request_deadline is not None and obj.request_deadline <= timezone.now()


class MmDayWriteSerializer(serializers.Serializer):
    request_cap = serializers.IntegerField(min_value=1, max_value=200, required=False)
    request_deadline = serializers.DateTimeField(required=False, allow_null=True)
    reminder_hours = serializers.IntegerField(min_value=1, max_value=720, required=False)


# --- participants ------------------------------------------------------------


class MmParticipantSerializer(serializers.ModelSerializer):
    organisation = MmOrgBriefSerializer(read_only=True)
    region = serializers.CharField(source="organisation.region.name", read_only=True)
    industries = serializers.SerializerMethodField()
    unavailable = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    requests_sent = serializers.IntegerField(read_only=True, default=0)
    meetings_count = serializers.IntegerField(read_only=True, default=0)

    class Meta:
        model = Participant
        fields = [
            "id",
            "side",
            "organisation",
            "region",
            "industries",
            "offer",
            "seek",
            "amount",
            "unavailable",
            "requests_sent",
            "meetings_count",
            "joined_at",
        ]
        read_only_fields = fields

    def get_industries(self, obj) -> list[str]:
        return [i.name for i in obj.organisation.industries.all()]


class MmParticipantJoinSerializer(serializers.Serializer):
    organisation = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all())
    offer = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")
    seek = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")
    amount = amount_field(required=False, allow_null=True, default=None)


class MmParticipantUpdateSerializer(serializers.Serializer):
    offer = serializers.CharField(max_length=2000, required=False, allow_blank=True)
    seek = serializers.CharField(max_length=2000, required=False, allow_blank=True)
    amount = amount_field(required=False, allow_null=True)


class MmUnavailableInputSerializer(serializers.Serializer):
    slots = serializers.ListField(child=serializers.IntegerField(min_value=1), max_length=500)


class MmReasonSerializer(serializers.Serializer):
    code = serializers.CharField()
    zh = serializers.CharField()
    en = serializers.CharField()
    contribution = serializers.FloatField()


class MmRecommendationSerializer(serializers.Serializer):
    participant = MmParticipantBriefSerializer()
    score = serializers.FloatField()
    via = serializers.CharField(allow_blank=True)
    reasons = MmReasonSerializer(many=True)
    request_status = serializers.CharField(allow_null=True)
    request_id = serializers.IntegerField(allow_null=True)


# --- requests ----------------------------------------------------------------


class MmRequestSerializer(serializers.ModelSerializer):
    sender = MmParticipantBriefSerializer(read_only=True)
    recipient = MmParticipantBriefSerializer(read_only=True)
    offered_slot = MmSlotSerializer(read_only=True, allow_null=True)
    direction = serializers.SerializerMethodField()

    class Meta:
        model = MeetingRequest
        fields = [
            "id",
            "sender",
            "recipient",
            "direction",
            "preference",
            "message",
            "status",
            "reason",
            "offered_slot",
            "created_at",
            "answered_at",
        ]
        read_only_fields = fields

    def get_direction(self, obj) -> str:
        """``sent`` or ``received`` from the requester's side; empty for organizers looking on."""
        mine = self.context.get("my_participant_ids", set())
        if obj.sender_id in mine:
            return "sent"
        if obj.recipient_id in mine:
            return "received"
        return ""


class MmRequestCreateSerializer(serializers.Serializer):
    recipient = serializers.IntegerField(min_value=1)
    sender = serializers.IntegerField(
        min_value=1, required=False, help_text="Needed only when you act for two participants."
    )
    preference = serializers.ChoiceField(choices=Preference.choices, default=Preference.NICE)
    message = serializers.CharField(max_length=1000, required=False, allow_blank=True, default="")


class MmReasonInputSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=255, required=False, allow_blank=True, default="")


# --- slots, tables, schedule ---------------------------------------------------


class MmSlotGenerateSerializer(serializers.Serializer):
    first_starts = serializers.DateTimeField()
    minutes = serializers.IntegerField(min_value=5, max_value=240)
    count = serializers.IntegerField(min_value=1, max_value=60)
    gap_minutes = serializers.IntegerField(min_value=0, max_value=120, default=0)


class MmTablesInputSerializer(serializers.Serializer):
    count = serializers.IntegerField(min_value=1, max_value=200)
    labels = serializers.ListField(
        child=serializers.CharField(max_length=32, allow_blank=True), required=False, max_length=200, default=list
    )


class MmOutcomeSerializer(serializers.ModelSerializer):
    class Meta:
        model = MeetingOutcome
        fields = ["side", "follow_up_planned", "intention", "amount", "note", "recorded_at"]
        read_only_fields = fields


class MmMeetingSerializer(serializers.ModelSerializer):
    enterprise = MmParticipantBriefSerializer(read_only=True)
    partner = MmParticipantBriefSerializer(read_only=True)
    slot = MmSlotSerializer(read_only=True, allow_null=True)
    table = MmTableSerializer(read_only=True, allow_null=True)
    attendance = serializers.SerializerMethodField()
    outcomes = serializers.SerializerMethodField()

    class Meta:
        model = Meeting
        fields = [
            "id",
            "enterprise",
            "partner",
            "preference",
            "status",
            "slot",
            "table",
            "locked",
            "attendance",
            "checked_in_at",
            "cancelled_at",
            "cancel_reason",
            "outcomes",
        ]
        read_only_fields = fields

    def get_attendance(self, obj) -> str:
        return selectors.attendance(obj)

    def get_outcomes(self, obj) -> MmOutcomeSerializer(many=True):  # type: ignore[valid-type]
        """Organizers see both sides' outcomes; a participant only its own."""
        sides = self.context.get("outcome_sides")
        rows = [o for o in obj.outcomes.all() if sides is None or (obj.pk, o.side) in sides]
        return MmOutcomeSerializer(rows, many=True).data


class MmLockInputSerializer(serializers.Serializer):
    slot = serializers.IntegerField(min_value=1, required=False, allow_null=True, default=None)
    table = serializers.IntegerField(min_value=1, required=False, allow_null=True, default=None)


class MmLockResultSerializer(serializers.Serializer):
    meeting = MmMeetingSerializer()
    unplaced = serializers.ListField(child=serializers.IntegerField())


class MmCheckinInputSerializer(serializers.Serializer):
    undo = serializers.BooleanField(default=False)


class MmCheckinResultSerializer(serializers.Serializer):
    meeting = MmMeetingSerializer()
    already = serializers.BooleanField()


class MmCancelResultSerializer(serializers.Serializer):
    meeting = MmMeetingSerializer()
    offered = MmRequestSerializer(many=True)


class MmScheduleRunInputSerializer(serializers.Serializer):
    time_limit = serializers.FloatField(min_value=0, max_value=60, default=10.0)


class MmScheduleRunResultSerializer(serializers.Serializer):
    job = serializers.IntegerField(help_text="Follow it at /api/jobs/{job}.")
    status = serializers.CharField()


class MmJobRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    status = serializers.CharField()
    progress = serializers.IntegerField()


class MmScheduleSerializer(serializers.Serializer):
    """The organizer's grid: slots × tables with the meetings, the bound and what is wrong."""

    info = MmScheduleInfoSerializer(allow_null=True)
    slots = MmSlotSerializer(many=True)
    tables = MmTableSerializer(many=True)
    meetings = MmMeetingSerializer(many=True)
    unplaced = serializers.IntegerField()
    problems = serializers.ListField(child=serializers.CharField())
    lower_bound = serializers.IntegerField(help_text="The bound for the meetings as they are now.")
    published_at = serializers.DateTimeField(allow_null=True)
    changed_since_publish = serializers.BooleanField()
    job = MmJobRefSerializer(allow_null=True)


class MmRepairResultSerializer(serializers.Serializer):
    moved = serializers.ListField(child=serializers.IntegerField())
    placed = serializers.ListField(child=serializers.IntegerField())
    minimal = serializers.BooleanField()
    schedule = MmScheduleInfoSerializer()


# --- agenda, outcomes, follow-ups ----------------------------------------------


class MmAgendaItemSerializer(serializers.Serializer):
    meeting = serializers.IntegerField()
    slot = MmSlotSerializer()
    table = MmTableSerializer()
    counterpart = MmParticipantBriefSerializer()
    preference = serializers.ChoiceField(choices=Preference.choices)
    status = serializers.ChoiceField(choices=Meeting.Status.choices)
    attendance = serializers.CharField()


class MmAgendaSerializer(serializers.Serializer):
    participant = MmParticipantBriefSerializer()
    title = serializers.CharField()
    starts = serializers.DateTimeField()
    ends = serializers.DateTimeField()
    location = serializers.CharField(allow_blank=True)
    published = serializers.BooleanField()
    items = MmAgendaItemSerializer(many=True)


class MmOutcomeInputSerializer(serializers.Serializer):
    side = serializers.ChoiceField(choices=Side.choices, required=False)
    follow_up_planned = serializers.BooleanField(default=False)
    intention = serializers.ChoiceField(choices=Intention.choices, default=Intention.NONE)
    amount = amount_field(required=False, allow_null=True, default=None)
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


class MmFollowUpSerializer(serializers.ModelSerializer):
    counterpart = serializers.SerializerMethodField()

    class Meta:
        model = FollowUp
        fields = [
            "id",
            "meeting",
            "side",
            "counterpart",
            "months",
            "due_on",
            "asked_at",
            "result",
            "amount",
            "note",
            "answered_at",
        ]
        read_only_fields = fields

    def get_counterpart(self, obj) -> MmParticipantBriefSerializer:  # type: ignore[valid-type]
        other = obj.meeting.partner if obj.side == Side.ENTERPRISE else obj.meeting.enterprise
        return MmParticipantBriefSerializer(other).data


class MmFollowUpAnswerSerializer(serializers.Serializer):
    result = serializers.ChoiceField(choices=[c for c in FollowUp.Result.choices if c[0]])
    amount = amount_field(required=False, allow_null=True, default=None)
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


class MmIntentionRowSerializer(serializers.Serializer):
    side = serializers.ChoiceField(choices=Side.choices)
    intention = serializers.ChoiceField(choices=Intention.choices)
    count = serializers.IntegerField()
    amount = serializers.DecimalField(max_digits=18, decimal_places=2)


class MmFollowUpRowSerializer(serializers.Serializer):
    months = serializers.IntegerField()
    result = serializers.CharField(allow_blank=True)
    count = serializers.IntegerField()
    amount = serializers.DecimalField(max_digits=18, decimal_places=2)


class MmOutcomesOverviewSerializer(serializers.Serializer):
    meetings = serializers.IntegerField()
    checked_in = serializers.IntegerField()
    no_show = serializers.IntegerField()
    cancelled = serializers.IntegerField()
    upcoming = serializers.IntegerField()
    unplaced = serializers.IntegerField()
    follow_up_planned = serializers.IntegerField()
    intentions = MmIntentionRowSerializer(many=True)
    follow_ups = MmFollowUpRowSerializer(many=True)
    meeting_list = MmMeetingSerializer(many=True)
