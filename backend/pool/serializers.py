"""Pool API shapes. Views hand ``validated_data`` to services; output never carries
confidential data unless the view passes ``confidential=True`` in the context
(after :func:`backend.pool.selectors.confidential_access` allowed it and the
read was logged)."""

from __future__ import annotations

from decimal import Decimal

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from backend.directory.models import Organisation, OrgKind, Stage
from backend.directory.serializers import money
from backend.engine.serializers import MatchReasonSerializer
from backend.pool.models import (
    TEXT_MAX,
    AccessLog,
    AccessRequest,
    PipelineEntry,
    PipelineStage,
    PipelineStep,
    PoolEntry,
)

VIEWER_ACCESS = (
    ("none", "none"),
    ("pending", "pending"),
    ("granted", "granted"),
    ("member", "member"),
    ("admin", "admin"),
)


class PoolStartupSerializer(serializers.ModelSerializer):
    """The public part of a listed startup."""

    region_name = serializers.CharField(source="region.name", read_only=True)
    industries = serializers.SerializerMethodField()
    stage = serializers.ChoiceField(source="startup.stage", choices=Stage.choices, read_only=True, allow_null=True)
    certifications = serializers.ListField(
        source="startup.certifications", child=serializers.CharField(), read_only=True
    )
    carrier = serializers.IntegerField(source="startup.carrier_id", read_only=True, allow_null=True)
    carrier_name = serializers.CharField(source="startup.carrier.name", read_only=True, allow_null=True, default=None)
    employees = serializers.IntegerField(source="startup.employees", read_only=True, allow_null=True)
    ip_count = serializers.IntegerField(source="startup.ip_count", read_only=True, allow_null=True)

    class Meta:
        model = Organisation
        fields = [
            "id",
            "name",
            "name_en",
            "region",
            "region_name",
            "industries",
            "stage",
            "certifications",
            "carrier",
            "carrier_name",
            "employees",
            "ip_count",
            "description",
            "website",
            "founded",
        ]
        read_only_fields = fields

    class IndustryBrief(serializers.Serializer):
        id = serializers.IntegerField()
        name = serializers.CharField()

    @extend_schema_field(IndustryBrief(many=True))
    def get_industries(self, organisation) -> list[dict]:
        return [{"id": i.pk, "name": i.name} for i in organisation.industries.all()]


class ViewerSerializer(serializers.Serializer):
    """What the viewer's investor organisations hold with this startup."""

    access = serializers.ChoiceField(choices=VIEWER_ACCESS)
    pipeline_stage = serializers.ChoiceField(choices=PipelineStage.choices, allow_null=True)


def _viewer(entry: PoolEntry, access: str | None = None) -> dict:
    if access is None:
        access = "granted" if entry.viewer_granted else "pending" if entry.viewer_pending else "none"
    return {"access": access, "pipeline_stage": entry.viewer_stage}


class PoolEntrySerializer(serializers.ModelSerializer):
    """A pool entry as browsers see it (public part only)."""

    startup = serializers.IntegerField(source="startup_id", read_only=True)
    profile = PoolStartupSerializer(source="startup", read_only=True)
    has_deck = serializers.SerializerMethodField()
    viewer = serializers.SerializerMethodField()

    class Meta:
        model = PoolEntry
        fields = [
            "startup",
            "profile",
            "summary",
            "funding_sought",
            "use_of_funds",
            "listed",
            "listed_at",
            "updated_at",
            "has_deck",
            "viewer",
        ]
        read_only_fields = fields

    def get_has_deck(self, entry) -> bool:
        return bool(entry.deck)

    @extend_schema_field(ViewerSerializer)
    def get_viewer(self, entry) -> dict:
        return _viewer(entry, self.context.get("access"))


class ConfidentialSerializer(serializers.Serializer):
    """The startup's confidential figures and deck (granted investors, members, admins)."""

    revenue = money(source="startup.startup.revenue", allow_null=True, read_only=True)
    net_profit = money(source="startup.startup.net_profit", allow_null=True, read_only=True)
    valuation = money(source="startup.startup.valuation", allow_null=True, read_only=True)
    rd_expense = money(source="startup.startup.rd_expense", allow_null=True, read_only=True)
    cap_table_notes = serializers.CharField(source="startup.startup.cap_table_notes", read_only=True)
    deck_name = serializers.CharField(read_only=True)
    deck_size = serializers.IntegerField(read_only=True)
    deck_uploaded_at = serializers.DateTimeField(read_only=True, allow_null=True)


class PoolEntryDetailSerializer(PoolEntrySerializer):
    """One entry; ``confidential`` is null unless the viewer may see it (and the read was logged)."""

    confidential = serializers.SerializerMethodField()

    class Meta(PoolEntrySerializer.Meta):
        fields = [*PoolEntrySerializer.Meta.fields, "confidential"]
        read_only_fields = fields

    @extend_schema_field(ConfidentialSerializer(allow_null=True))
    def get_confidential(self, entry) -> dict | None:
        if not self.context.get("confidential"):
            return None
        return ConfidentialSerializer(entry).data


class PoolEntryWriteSerializer(serializers.Serializer):
    """Opt in (create or relist) with a pitch; ``startup`` is one of your startups."""

    startup = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.filter(kind=OrgKind.STARTUP))
    summary = serializers.CharField(max_length=TEXT_MAX)
    funding_sought = money(min_value=Decimal("0.01"), help_text="元 · CNY")
    use_of_funds = serializers.CharField(max_length=TEXT_MAX, allow_blank=True, required=False)


class PoolEntryUpdateSerializer(serializers.Serializer):
    summary = serializers.CharField(max_length=TEXT_MAX, required=False)
    funding_sought = money(min_value=Decimal("0.01"), required=False)
    use_of_funds = serializers.CharField(max_length=TEXT_MAX, allow_blank=True, required=False)


class DeckUploadSerializer(serializers.Serializer):
    deck = serializers.FileField(help_text="PDF，不超过 10 MB · PDF, at most 10 MB", allow_empty_file=False)


class PoolRecommendationSerializer(serializers.Serializer):
    """A pool entry recommended by the matching engine, with its score and reasons."""

    entry = PoolEntrySerializer()
    score = serializers.FloatField()
    reasons = MatchReasonSerializer(many=True)


class PoolRecommendationQuerySerializer(serializers.Serializer):
    investor = serializers.IntegerField(required=False, help_text="代表的投资机构 · acting investor organisation")
    k = serializers.IntegerField(min_value=1, max_value=50, default=10)


class InterestedInvestorSerializer(serializers.ModelSerializer):
    """An investor following the startup: who, how far, since when (never their notes)."""

    investor = serializers.IntegerField(source="investor_id", read_only=True)
    investor_name = serializers.CharField(source="investor.name", read_only=True)

    class Meta:
        model = PipelineEntry
        fields = ["investor", "investor_name", "stage", "stage_date", "created_at"]
        read_only_fields = fields


# --- access requests and the log -----------------------------------------------------------------


class AccessRequestSerializer(serializers.ModelSerializer):
    startup_name = serializers.CharField(source="startup.name", read_only=True)
    investor_name = serializers.CharField(source="investor.name", read_only=True)
    requested_by_name = serializers.CharField(source="requested_by.name", read_only=True, allow_null=True, default=None)

    class Meta:
        model = AccessRequest
        fields = [
            "id",
            "startup",
            "startup_name",
            "investor",
            "investor_name",
            "requested_by_name",
            "message",
            "status",
            "decided_at",
            "revoked_at",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class AccessRequestCreateSerializer(serializers.Serializer):
    startup = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.filter(kind=OrgKind.STARTUP))
    investor = serializers.IntegerField(
        required=False,
        help_text="代表的投资机构，默认为您的第一个 · acting investor organisation (default: your first)",
    )
    message = serializers.CharField(max_length=1000, allow_blank=True, required=False, default="")


class AccessLogSerializer(serializers.ModelSerializer):
    startup_name = serializers.CharField(source="startup.name", read_only=True)
    investor_name = serializers.CharField(source="investor.name", read_only=True, allow_null=True, default=None)
    user_name = serializers.CharField(source="user.name", read_only=True, allow_null=True, default=None)

    class Meta:
        model = AccessLog
        fields = ["id", "startup", "startup_name", "investor", "investor_name", "user_name", "what", "created_at"]
        read_only_fields = fields


# --- pipelines -----------------------------------------------------------------------------------


class PipelineStepSerializer(serializers.ModelSerializer):
    by_name = serializers.CharField(source="by.name", read_only=True, allow_null=True, default=None)
    event_title = serializers.CharField(source="event.title", read_only=True, allow_null=True, default=None)

    class Meta:
        model = PipelineStep
        fields = ["id", "stage", "date", "note", "by_name", "event", "event_title", "created_at"]
        read_only_fields = fields


class PipelineEntrySerializer(serializers.ModelSerializer):
    """A deal in the investor's pipeline, with its stage history; private to the investor."""

    investor_name = serializers.CharField(source="investor.name", read_only=True)
    startup_name = serializers.CharField(source="startup.name", read_only=True)
    startup_stage = serializers.CharField(source="startup.startup.stage", read_only=True, allow_null=True, default=None)
    in_pool = serializers.BooleanField(read_only=True)
    steps = PipelineStepSerializer(many=True, read_only=True)

    class Meta:
        model = PipelineEntry
        fields = [
            "id",
            "investor",
            "investor_name",
            "startup",
            "startup_name",
            "startup_stage",
            "in_pool",
            "stage",
            "stage_date",
            "notes",
            "steps",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class PipelineCreateSerializer(serializers.Serializer):
    startup = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.filter(kind=OrgKind.STARTUP))
    investor = serializers.IntegerField(required=False)
    stage = serializers.ChoiceField(choices=PipelineStage.choices, default=PipelineStage.INTERESTED)
    date = serializers.DateField(required=False, allow_null=True)
    note = serializers.CharField(max_length=2000, allow_blank=True, required=False, default="")
    notes = serializers.CharField(max_length=10000, allow_blank=True, required=False, default="")


class PipelineUpdateSerializer(serializers.Serializer):
    notes = serializers.CharField(max_length=10000, allow_blank=True)


class PipelineMoveSerializer(serializers.Serializer):
    stage = serializers.ChoiceField(choices=PipelineStage.choices)
    date = serializers.DateField(required=False, allow_null=True)
    note = serializers.CharField(max_length=2000, allow_blank=True, required=False, default="")
