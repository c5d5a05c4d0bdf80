"""Input validation and output shapes of the events API.

Read serializers are flat and typed for the generated frontend types; write
serializers validate fields only — rules are the services' job.
"""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from backend.accounts.models import Role, User
from backend.directory.models import Carrier, Organisation, Region
from events import rules
from events.models import (
    Award,
    Booking,
    Criterion,
    Event,
    Feedback,
    InvestorInterest,
    Judge,
    PitchSlot,
    Registration,
    Room,
    RoundEntry,
    Score,
    ScoreSheet,
    Series,
)
from events.services.registrations import checkin_token

# --- small shapes ------------------------------------------------------------


class OrgBriefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Organisation
        fields = ["id", "name", "kind"]


class RegionBriefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Region
        fields = ["id", "name", "path"]


class CarrierBriefSerializer(serializers.ModelSerializer):
    region = RegionBriefSerializer(read_only=True)

    class Meta:
        model = Carrier
        fields = ["id", "name", "kind", "address", "region"]


class UserBriefSerializer(serializers.ModelSerializer):
    class Meta:
        model = User
        fields = ["id", "name"]


class RoomSerializer(serializers.ModelSerializer):
    carrier = CarrierBriefSerializer(read_only=True)
    carrier_id = serializers.PrimaryKeyRelatedField(
        source="carrier", queryset=Carrier.objects.all(), write_only=True, label="carrier"
    )

    class Meta:
        model = Room
        fields = ["id", "carrier", "carrier_id", "name", "capacity", "floor"]


# --- events ------------------------------------------------------------------


class EventSerializer(serializers.ModelSerializer):
    organisation = OrgBriefSerializer(read_only=True)
    room = RoomSerializer(read_only=True, allow_null=True)
    type_label = serializers.CharField(source="get_type_display", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    is_pitch_event = serializers.BooleanField(read_only=True)
    confirmed_count = serializers.IntegerField(read_only=True, default=0)
    waiting_count = serializers.IntegerField(read_only=True, default=0)
    slot_count = serializers.IntegerField(read_only=True, default=0)
    my_registration_status = serializers.CharField(read_only=True, allow_null=True, default=None)
    can_manage = serializers.SerializerMethodField()
    can_score = serializers.SerializerMethodField(
        help_text="I may score its pitches: a judge, or an investor with a confirmed seat."
    )
    is_moved = serializers.SerializerMethodField()

    class Meta:
        model = Event
        fields = [
            "id",
            "title",
            "title_en",
            "description",
            "type",
            "type_label",
            "organisation",
            "room",
            "online_url",
            "starts",
            "ends",
            "capacity",
            "registration_opens",
            "registration_closes",
            "allowed_roles",
            "visibility",
            "status",
            "status_label",
            "sequence",
            "series",
            "recurrence_id",
            "is_moved",
            "previous_round",
            "round_name",
            "scoring_closed_at",
            "cancelled_reason",
            "is_pitch_event",
            "confirmed_count",
            "waiting_count",
            "slot_count",
            "my_registration_status",
            "can_manage",
            "can_score",
        ]
        read_only_fields = fields

    def get_can_manage(self, obj: Event) -> bool:
        request = self.context.get("request")
        return bool(request and rules.can_manage_event(request.user, obj))

    def get_can_score(self, obj: Event) -> bool:
        # From event_list's annotations: no query per row (same rule as pitches.can_score).
        request = self.context.get("request")
        if request is None or not request.user.is_authenticated or not obj.is_pitch_event:
            return False
        if getattr(obj, "is_judge", False):
            return True
        confirmed = getattr(obj, "my_registration_status", None) == Registration.Status.CONFIRMED
        return confirmed and request.user.has_role(Role.INVESTOR)

    def get_is_moved(self, obj: Event) -> bool:
        return obj.recurrence_id is not None and obj.recurrence_id != obj.starts


class EventWriteSerializer(serializers.ModelSerializer):
    organisation = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all())
    room = serializers.PrimaryKeyRelatedField(queryset=Room.objects.all(), allow_null=True, required=False)
    previous_round = serializers.PrimaryKeyRelatedField(queryset=Event.objects.all(), allow_null=True, required=False)
    allowed_roles = serializers.ListField(child=serializers.ChoiceField(choices=Role.choices), required=False)

    class Meta:
        model = Event
        fields = [
            "title",
            "title_en",
            "description",
            "type",
            "organisation",
            "room",
            "online_url",
            "starts",
            "ends",
            "capacity",
            "registration_opens",
            "registration_closes",
            "allowed_roles",
            "visibility",
            "previous_round",
            "round_name",
        ]

    def validate_organisation(self, organisation: Organisation) -> Organisation:
        request = self.context["request"]
        if not rules.can_manage_org(request.user, organisation.pk):
            raise serializers.ValidationError(
                _("您不是该机构的组织者 · You are not an organizer of this organisation.")
            )
        return organisation

    def validate(self, attrs):
        if (
            self.instance is not None
            and "organisation" in attrs
            and attrs["organisation"] != self.instance.organisation
        ):
            raise serializers.ValidationError({"organisation": [_("主办机构不可更改 · The organiser cannot change.")]})
        starts = attrs.get("starts", getattr(self.instance, "starts", None))
        ends = attrs.get("ends", getattr(self.instance, "ends", None))
        if starts and ends and ends <= starts:
            raise serializers.ValidationError(
                {"ends": [_("结束时间须晚于开始时间 · The end must be after the start.")]}
            )
        return attrs


class TransitionSerializer(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, max_length=255)


class SeriesSerializer(serializers.ModelSerializer):
    organisation = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all())
    room = serializers.PrimaryKeyRelatedField(queryset=Room.objects.all(), allow_null=True, required=False)
    allowed_roles = serializers.ListField(child=serializers.ChoiceField(choices=Role.choices), required=False)
    occurrence_count = serializers.IntegerField(read_only=True, default=0)

    class Meta:
        model = Series
        fields = [
            "id",
            "title",
            "title_en",
            "description",
            "type",
            "organisation",
            "room",
            "online_url",
            "capacity",
            "allowed_roles",
            "visibility",
            "rrule",
            "dtstart",
            "duration_minutes",
            "registration_opens_days",
            "auto_publish",
            "occurrence_count",
            "created_at",
        ]
        read_only_fields = ["id", "created_at", "occurrence_count"]

    def validate_organisation(self, organisation: Organisation) -> Organisation:
        if not rules.can_manage_org(self.context["request"].user, organisation.pk):
            raise serializers.ValidationError(
                _("您不是该机构的组织者 · You are not an organizer of this organisation.")
            )
        if self.instance is not None and organisation != self.instance.organisation:
            raise serializers.ValidationError(_("主办机构不可更改 · The organiser cannot change."))
        return organisation


class InvitationInputSerializer(serializers.Serializer):
    users = serializers.PrimaryKeyRelatedField(queryset=User.objects.all(), many=True)


class SeriesPreviewSerializer(serializers.Serializer):
    rrule = serializers.CharField(max_length=500)
    dtstart = serializers.DateTimeField()
    duration_minutes = serializers.IntegerField(min_value=5, max_value=7 * 24 * 60)


class OccurrenceSerializer(serializers.Serializer):
    starts = serializers.DateTimeField()
    ends = serializers.DateTimeField()


class PeopleQuerySerializer(serializers.Serializer):
    q = serializers.CharField(min_length=1, max_length=100, trim_whitespace=True)


class PersonSerializer(serializers.ModelSerializer):
    """Enough to tell people apart when inviting them; no contact details."""

    roles = serializers.ListField(child=serializers.ChoiceField(choices=Role.choices), read_only=True)
    organisations = serializers.SerializerMethodField()

    class Meta:
        model = User
        fields = ["id", "name", "roles", "organisations"]

    def get_organisations(self, obj: User) -> list[str]:
        return [m.organisation.name for m in obj.memberships.all()]


class InvitationSerializer(serializers.Serializer):
    user = UserBriefSerializer()
    created_at = serializers.DateTimeField()


# --- registrations -----------------------------------------------------------


class RegistrationSerializer(serializers.ModelSerializer):
    user = UserBriefSerializer(read_only=True)
    waiting_position = serializers.SerializerMethodField()
    token = serializers.SerializerMethodField(help_text="Check-in token (own confirmed registration only).")

    class Meta:
        model = Registration
        fields = ["id", "event", "user", "status", "waiting_position", "queued_at", "checked_in_at", "token"]
        read_only_fields = fields

    def get_waiting_position(self, obj: Registration) -> int | None:
        if obj.status != Registration.Status.WAITING:
            return None
        ahead = getattr(obj, "ahead", None)
        if ahead is None:
            from events.services.registrations import waiting_position

            return waiting_position(obj)
        return ahead + 1

    def get_token(self, obj: Registration) -> str | None:
        request = self.context.get("request")
        if request is None or obj.user_id != request.user.pk or obj.status != Registration.Status.CONFIRMED:
            return None
        return checkin_token(obj)


class CheckinInputSerializer(serializers.Serializer):
    token = serializers.CharField(max_length=200, help_text="Scanned or typed check-in token.")


class CheckinResultSerializer(serializers.Serializer):
    registration = RegistrationSerializer()
    already_checked_in = serializers.BooleanField()
    message = serializers.CharField()


class CountsSerializer(serializers.Serializer):
    registered = serializers.IntegerField()
    waiting = serializers.IntegerField()
    checked_in = serializers.IntegerField()
    capacity = serializers.IntegerField()


class FeedbackSerializer(serializers.ModelSerializer):
    user = UserBriefSerializer(read_only=True)
    rating = serializers.IntegerField(min_value=1, max_value=5)

    class Meta:
        model = Feedback
        fields = ["id", "user", "rating", "comment", "created_at", "updated_at"]
        read_only_fields = ["id", "user", "created_at", "updated_at"]


class FeedbackSummarySerializer(serializers.Serializer):
    count = serializers.IntegerField()
    average = serializers.FloatField(allow_null=True)
    distribution = serializers.DictField(child=serializers.IntegerField())


# --- slots and bookings ------------------------------------------------------


class SlotSerializer(serializers.ModelSerializer):
    is_taken = serializers.BooleanField(read_only=True, default=False)
    approved_startup_id = serializers.IntegerField(read_only=True, allow_null=True, default=None)
    approved_startup_name = serializers.CharField(read_only=True, allow_null=True, default=None)

    class Meta:
        model = PitchSlot
        fields = ["id", "event", "starts", "ends", "label", "is_taken", "approved_startup_id", "approved_startup_name"]
        read_only_fields = ["id", "event"]


class SlotGenerateSerializer(serializers.Serializer):
    start = serializers.DateTimeField()
    count = serializers.IntegerField(min_value=1, max_value=100)
    minutes = serializers.IntegerField(min_value=1, max_value=600)
    gap_minutes = serializers.IntegerField(min_value=0, max_value=600, default=0)
    label_prefix = serializers.CharField(max_length=32, required=False, allow_blank=True, default="")


class BookingSerializer(serializers.ModelSerializer):
    slot = SlotSerializer(read_only=True)
    startup = OrgBriefSerializer(read_only=True)
    applicant = UserBriefSerializer(read_only=True)

    class Meta:
        model = Booking
        fields = [
            "id",
            "event",
            "slot",
            "startup",
            "applicant",
            "status",
            "pitch_title",
            "note",
            "decided_at",
            "decision_note",
            "created_at",
        ]
        read_only_fields = fields


class BookingInputSerializer(serializers.Serializer):
    slot = serializers.IntegerField()
    startup = serializers.IntegerField(required=False, allow_null=True, help_text="Needed if you belong to several.")
    pitch_title = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


class DecisionSerializer(serializers.Serializer):
    note = serializers.CharField(max_length=255, required=False, allow_blank=True, default="")


# --- rubric, judges, scores, ranking -----------------------------------------


class CriterionSerializer(serializers.ModelSerializer):
    weight = serializers.DecimalField(max_digits=6, decimal_places=2, min_value=Decimal("0.01"))

    class Meta:
        model = Criterion
        fields = ["id", "name", "name_en", "weight", "order"]
        read_only_fields = ["id", "order"]


class RubricInputSerializer(serializers.Serializer):
    criteria = CriterionSerializer(many=True, allow_empty=False)


class JudgeSerializer(serializers.ModelSerializer):
    user = UserBriefSerializer(read_only=True)
    user_id = serializers.PrimaryKeyRelatedField(source="user", queryset=User.objects.all(), write_only=True)

    class Meta:
        model = Judge
        fields = ["id", "user", "user_id", "kind"]


class ScoreValueSerializer(serializers.ModelSerializer):
    criterion = serializers.PrimaryKeyRelatedField(queryset=Criterion.objects.all())
    value = serializers.IntegerField(min_value=1, max_value=10)

    class Meta:
        model = Score
        fields = ["criterion", "value"]


class ScoreSheetSerializer(serializers.ModelSerializer):
    judge = UserBriefSerializer(read_only=True)
    scores = ScoreValueSerializer(many=True, read_only=True)
    startup = OrgBriefSerializer(source="booking.startup", read_only=True)

    class Meta:
        model = ScoreSheet
        fields = ["id", "booking", "startup", "judge", "scores", "comment", "updated_at"]
        read_only_fields = fields


class ScoreInputSerializer(serializers.Serializer):
    booking = serializers.IntegerField()
    scores = serializers.ListField(
        child=serializers.DictField(), allow_empty=False, help_text='[{"criterion": id, "value": 1-10}, …]'
    )
    comment = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")

    def validate_scores(self, value):
        out: dict[int, int] = {}
        errors = []
        for item in value:
            criterion, score = item.get("criterion"), item.get("value")
            if not isinstance(criterion, int) or not isinstance(score, int) or isinstance(score, bool):
                errors.append(_("每项须含整数 criterion 与 value · Each item needs integer criterion and value."))
                continue
            if not 1 <= score <= 10:
                errors.append(_("分值须在 1–10 之间 · Scores are 1–10.") + f" ({score})")
                continue
            if criterion in out:
                errors.append(_("评分项重复 · Duplicate criterion.") + f" ({criterion})")
            out[criterion] = score
        if errors:
            raise serializers.ValidationError(errors)
        return out


class RankingRowSerializer(serializers.Serializer):
    rank = serializers.IntegerField()
    booking = serializers.IntegerField(source="pk")
    startup = OrgBriefSerializer()
    pitch_title = serializers.CharField()
    slot_starts = serializers.DateTimeField(source="slot.starts")
    weighted_score = serializers.DecimalField(max_digits=8, decimal_places=3, allow_null=True)
    sheet_count = serializers.IntegerField()


class AdvanceInputSerializer(serializers.Serializer):
    top_n = serializers.IntegerField(min_value=1, max_value=1000)
    next_event = serializers.IntegerField(required=False, allow_null=True)


class RoundEntrySerializer(serializers.ModelSerializer):
    startup = OrgBriefSerializer(read_only=True)

    class Meta:
        model = RoundEntry
        fields = ["id", "event", "startup", "from_rank", "score", "created_at"]
        read_only_fields = fields


class AwardSerializer(serializers.ModelSerializer):
    startup = OrgBriefSerializer(read_only=True)
    startup_id = serializers.IntegerField(write_only=True)

    class Meta:
        model = Award
        fields = ["id", "event", "startup", "startup_id", "title", "rank", "created_at"]
        read_only_fields = ["id", "event", "created_at"]


class InterestSerializer(serializers.ModelSerializer):
    startup = OrgBriefSerializer(read_only=True)
    startup_id = serializers.IntegerField(write_only=True)

    class Meta:
        model = InvestorInterest
        fields = ["id", "event", "startup", "startup_id", "note", "created_at"]
        read_only_fields = ["id", "event", "created_at"]


class CalendarFeedSerializer(serializers.Serializer):
    url = serializers.CharField(help_text="Private webcal feed URL (keep it secret; rotate to revoke).")
    webcal_url = serializers.CharField()
