"""Statistics API shapes: the query (region, carrier, period) and the sections' figures."""

from __future__ import annotations

from datetime import date

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from backend.directory.models import Carrier, Region

PERIOD_INVERTED = _("结束日期不能早于开始日期 · The end date must not be before the start date.")
PERIOD_TOO_LONG = _("统计期间最长10年 · A period spans at most 10 years.")
MAX_PERIOD_DAYS = 366 * 10


def this_year() -> tuple[date, date]:
    today = timezone.localdate()
    return date(today.year, 1, 1), date(today.year, 12, 31)


class ScopeQuerySerializer(serializers.Serializer):
    """Region (with its sub-regions), carrier and period (both dates included; default: this calendar year)."""

    region = serializers.PrimaryKeyRelatedField(queryset=Region.objects.all(), required=False, allow_null=True)
    carrier = serializers.PrimaryKeyRelatedField(
        queryset=Carrier.objects.select_related("region"), required=False, allow_null=True
    )
    date_from = serializers.DateField(required=False)
    date_to = serializers.DateField(required=False)

    def validate(self, attrs):
        if "date_from" not in attrs and "date_to" not in attrs:
            attrs["date_from"], attrs["date_to"] = this_year()
        elif "date_from" not in attrs:
            attrs["date_from"] = attrs["date_to"].replace(month=1, day=1)
        elif "date_to" not in attrs:
            attrs["date_to"] = attrs["date_from"].replace(month=12, day=31)
        if attrs["date_to"] < attrs["date_from"]:
            raise serializers.ValidationError({"date_to": [PERIOD_INVERTED]})
        if (attrs["date_to"] - attrs["date_from"]).days > MAX_PERIOD_DAYS:
            raise serializers.ValidationError({"date_to": [PERIOD_TOO_LONG]})
        return attrs


class FigureSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    label_en = serializers.CharField()
    value = serializers.FloatField(allow_null=True, help_text="null when suppressed")
    unit = serializers.CharField(help_text="count, percent, yuan, score, hours, m2")
    confidential = serializers.BooleanField(help_text="An aggregate of confidential company figures")
    suppressed = serializers.BooleanField(help_text="Withheld: fewer than 3 companies behind it")
    note = serializers.CharField(help_text='"suppressed, fewer than 3" when suppressed')


class ColumnSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    label_en = serializers.CharField()
    unit = serializers.CharField()
    confidential = serializers.BooleanField()
    plotted = serializers.BooleanField(help_text="Drawn in the chart; else shown in the table only")


class RowSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    label_en = serializers.CharField()
    values = serializers.DictField(child=serializers.FloatField(allow_null=True))
    suppressed = serializers.ListField(child=serializers.CharField(), help_text="Columns withheld in this row")


class BreakdownSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    label_en = serializers.CharField()
    chart = serializers.ChoiceField(choices=["bar", "stacked", "line", "pie", "funnel"])
    columns = ColumnSerializer(many=True)
    rows = RowSerializer(many=True)


class SectionSerializer(serializers.Serializer):
    key = serializers.CharField()
    title = serializers.CharField()
    title_en = serializers.CharField()
    figures = FigureSerializer(many=True)
    breakdowns = BreakdownSerializer(many=True)
    paragraph = serializers.CharField(help_text="The section's sentences in the Chinese report")


class NamedSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class ScopeSerializer(serializers.Serializer):
    date_from = serializers.DateField()
    date_to = serializers.DateField()
    label = serializers.CharField()
    regions = NamedSerializer(many=True)
    carriers = NamedSerializer(many=True, allow_null=True)


class StatisticsSerializer(serializers.Serializer):
    scope = ScopeSerializer()
    sections = SectionSerializer(many=True)
    min_group = serializers.IntegerField(help_text="Confidential aggregates need at least this many companies")


class RemitRegionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    name_en = serializers.CharField()
    parent = serializers.IntegerField(allow_null=True)
    depth = serializers.IntegerField()


class RemitCarrierSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    region = serializers.IntegerField(source="region_id")
    kind = serializers.CharField()


class RemitSerializer(serializers.Serializer):
    """What the viewer may choose on the dashboard."""

    everything = serializers.BooleanField()
    regions = RemitRegionSerializer(many=True)
    carriers = RemitCarrierSerializer(many=True)
    default_region = serializers.IntegerField(allow_null=True)
    default_carrier = serializers.IntegerField(allow_null=True)


class GraphNodeSerializer(serializers.Serializer):
    id = serializers.CharField(help_text='"<type>:<id>", e.g. "startup:12"')
    name = serializers.CharField()
    type = serializers.ChoiceField(choices=["startup", "mentor", "investor", "bank", "carrier", "event"])
    links = serializers.IntegerField(help_text="Number of neighbours")
    degree = serializers.FloatField(help_text="Degree centrality (normalised)")
    betweenness = serializers.FloatField(help_text="Betweenness centrality (normalised)")
    community = serializers.IntegerField(allow_null=True)


class GraphEdgeSerializer(serializers.Serializer):
    source = serializers.CharField()
    target = serializers.CharField()
    types = serializers.ListField(child=serializers.CharField())
    weight = serializers.IntegerField()


class CommunitySerializer(serializers.Serializer):
    index = serializers.IntegerField()
    size = serializers.IntegerField()
    types = serializers.DictField(child=serializers.IntegerField())
    leaders = serializers.ListField(child=serializers.CharField(), help_text="Best connected members")


class IsolatedStartupSerializer(serializers.Serializer):
    id = serializers.CharField()
    organisation = serializers.IntegerField()
    name = serializers.CharField()
    stage = serializers.CharField()
    carrier = serializers.CharField()
    links = serializers.IntegerField()


class GraphTotalsSerializer(serializers.Serializer):
    nodes = serializers.IntegerField()
    edges = serializers.IntegerField()
    startups = serializers.IntegerField()
    isolated = serializers.IntegerField()
    communities = serializers.IntegerField()
    shown_nodes = serializers.IntegerField()


class EcosystemSerializer(serializers.Serializer):
    """The ecosystem map: nodes and edges for the graph, central actors, communities, unreached startups."""

    nodes = GraphNodeSerializer(many=True)
    edges = GraphEdgeSerializer(many=True)
    central_by_degree = GraphNodeSerializer(many=True)
    central_by_betweenness = GraphNodeSerializer(many=True)
    communities = CommunitySerializer(many=True)
    isolated = IsolatedStartupSerializer(many=True)
    totals = GraphTotalsSerializer()
