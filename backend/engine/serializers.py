from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from backend.engine.models import AssignmentItem, AssignmentRun

FOR_CHOICES = ["mentors", "investors", "loan-products", "startups", "needs"]
RECOMMENDATION_KINDS = ["mentor", "investor", "loan_product", "startup", "need"]


class MatchReasonSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="industry, stage, amount, region, text, certification, collateral, graph.*")
    zh = serializers.CharField()
    en = serializers.CharField()
    contribution = serializers.FloatField(help_text="Share of the score this reason adds; they sum to the score.")
    data = serializers.JSONField(required=False, help_text="The concrete data behind the label (ids, names, amounts).")


class RecommendedItemSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=RECOMMENDATION_KINDS)
    id = serializers.IntegerField()
    name = serializers.CharField()
    score = serializers.FloatField(min_value=0, max_value=1)
    reasons = MatchReasonSerializer(many=True)
    detail = serializers.DictField(child=serializers.JSONField(), help_text="Public facts for the card.")


class RecommendationSubjectSerializer(serializers.Serializer):
    type = serializers.ChoiceField(choices=["startup", "need", "investor", "mentor", "bank"])
    id = serializers.IntegerField()
    name = serializers.CharField()


class RecommendationListSerializer(serializers.Serializer):
    for_ = serializers.ChoiceField(choices=FOR_CHOICES)
    subject = RecommendationSubjectSerializer(
        allow_null=True, help_text="Whom the list is for; null: you have no such party yet."
    )
    items = RecommendedItemSerializer(many=True)

    def get_fields(self):
        fields = super().get_fields()
        fields["for"] = fields.pop("for_")
        return fields


class RecommendedQuerySerializer(serializers.Serializer):
    for_ = serializers.ChoiceField(choices=FOR_CHOICES, help_text="What to recommend.")
    k = serializers.IntegerField(min_value=1, max_value=50, default=5)
    organisation = serializers.IntegerField(
        required=False, min_value=1, help_text="Which of your organisations (default: your first of the kind)."
    )
    need = serializers.IntegerField(required=False, min_value=1, help_text="loan-products: one of your needs.")
    as_ = serializers.ChoiceField(
        choices=["investor", "mentor"], required=False, help_text="startups: as investor or as mentor."
    )

    def get_fields(self):
        fields = super().get_fields()
        fields["for"] = fields.pop("for_")
        fields["as"] = fields.pop("as_")
        return fields


# --- assignment runs ----------------------------------------------------------------


class AssignmentItemSerializer(serializers.ModelSerializer):
    reasons = MatchReasonSerializer(many=True, read_only=True)

    class Meta:
        model = AssignmentItem
        fields = ["id", "left_id", "left_name", "right_id", "right_name", "score", "reasons", "locked", "edited"]
        read_only_fields = fields


class AssignmentItemUpdateSerializer(serializers.Serializer):
    right_id = serializers.IntegerField(required=False, min_value=1, help_text="Another counterpart (locks the item).")
    locked = serializers.BooleanField(required=False)

    def validate(self, attrs):
        if not attrs:
            raise serializers.ValidationError("请给出 right_id 或 locked · Give right_id or locked.")
        return attrs


class AssignmentConflictSerializer(MatchReasonSerializer):
    left_id = serializers.IntegerField()
    right_id = serializers.IntegerField()


class AssignmentStatsSerializer(serializers.Serializer):
    lefts = serializers.IntegerField()
    rights = serializers.IntegerField()
    candidates = serializers.IntegerField()
    forbidden = serializers.IntegerField()
    conflicts = AssignmentConflictSerializer(many=True)
    assigned = serializers.IntegerField()
    locked = serializers.IntegerField()
    seconds = serializers.DictField(child=serializers.FloatField())


class AssignmentRunSerializer(serializers.ModelSerializer):
    stats = serializers.SerializerMethodField()
    left_ids = serializers.ListField(child=serializers.IntegerField(), read_only=True)
    right_ids = serializers.ListField(child=serializers.IntegerField(), read_only=True)
    unassigned = serializers.ListField(
        child=serializers.IntegerField(), read_only=True, help_text="Left parties that got no counterpart."
    )
    items_count = serializers.IntegerField(read_only=True)
    locked_count = serializers.IntegerField(read_only=True)
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)
    event_title = serializers.CharField(source="event.title", read_only=True, allow_null=True, default=None)

    class Meta:
        model = AssignmentRun
        fields = [
            "id",
            "kind",
            "title",
            "organisation",
            "organisation_name",
            "event",
            "event_title",
            "context_type",
            "context_id",
            "left_ids",
            "right_ids",
            "left_demand",
            "right_capacity",
            "min_score",
            "status",
            "job",
            "error",
            "optimum_score",
            "total_score",
            "optimal",
            "unassigned",
            "stats",
            "items_count",
            "locked_count",
            "created_at",
            "solved_at",
            "published_at",
        ]
        read_only_fields = fields

    @extend_schema_field(AssignmentStatsSerializer(allow_null=True))
    def get_stats(self, run: AssignmentRun) -> dict | None:
        return run.stats or None  # empty until solved


class AssignmentRunCreateSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=AssignmentRun.Kind.choices)
    title = serializers.CharField(max_length=200)
    organisation = serializers.IntegerField(min_value=1, help_text="The organizing organisation (yours).")
    event = serializers.IntegerField(required=False, min_value=1, help_text="judge_pitch: the event.")
    left_ids = serializers.ListField(
        child=serializers.IntegerField(min_value=1),
        required=False,
        max_length=50_000,
        help_text="startup_mentor: startup organisation ids (required); judge_pitch: pitching startups (default all).",
    )
    right_ids = serializers.ListField(
        child=serializers.IntegerField(min_value=1),
        required=False,
        max_length=10_000,
        help_text="Mentor profile ids (default every active mentor) or judges' user ids (default all judges).",
    )
    left_demand = serializers.IntegerField(min_value=1, max_value=20, default=1)
    right_capacity = serializers.IntegerField(min_value=1, max_value=1000, required=False, allow_null=True)
    min_score = serializers.FloatField(min_value=0, max_value=1, default=0)
    background = serializers.BooleanField(
        required=False, allow_null=True, default=None, help_text="Force the job queue (default: only for large runs)."
    )


class AssignmentCounterpartSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    capacity = serializers.IntegerField()
    used = serializers.IntegerField()
