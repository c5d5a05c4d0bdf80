"""Filters of the pool browser: the directory's tree filters and search, on pool entries.

Unknown ids and choices answer 400 with a field message (django-filter's form
validation), never 500.
"""

from __future__ import annotations

import django_filters as filters

from backend.core.search import search
from backend.core.trees import subtree_q
from backend.directory.filters import NodeFilter, StableOrderingFilter, _amount, in_subtree
from backend.directory.models import Carrier, Certification, Industry, Organisation, OrgKind, Region, Stage
from backend.pool.models import AccessLog, AccessRequest, PipelineEntry, PipelineStage, PoolEntry


def _search(queryset, name, value):
    return search(queryset, value) if value else queryset


class PoolEntryFilter(filters.FilterSet):
    industry = NodeFilter(
        queryset=Industry.objects.all(), method="filter_industry", label="产业（含细分）· industry incl. sub-industries"
    )
    region = NodeFilter(
        queryset=Region.objects.all(), method="filter_region", label="地区（含下级）· region incl. sub-regions"
    )
    stage = filters.MultipleChoiceFilter(field_name="startup__startup__stage", choices=Stage.choices)
    certification = filters.MultipleChoiceFilter(
        choices=Certification.choices, method="filter_certification", label="资质（全部满足）· certifications (all of)"
    )
    carrier = filters.ModelChoiceFilter(field_name="startup__startup__carrier", queryset=Carrier.objects.all())
    min_amount = _amount(
        field_name="funding_sought", lookup_expr="gte", label="拟融资金额下限（元）· funding sought from"
    )
    max_amount = _amount(
        field_name="funding_sought", lookup_expr="lte", label="拟融资金额上限（元）· funding sought up to"
    )
    q = filters.CharFilter(method=_search, label="搜索 · search (Chinese words or prefixes)")
    ordering = StableOrderingFilter(
        fields=(
            ("listed_at", "listed_at"),
            ("updated_at", "updated_at"),
            ("funding_sought", "funding_sought"),
            ("startup__name", "name"),
            ("startup__founded", "founded"),
        )
    )

    class Meta:
        model = PoolEntry
        fields = ["industry", "region", "stage", "certification", "carrier", "min_amount", "max_amount", "q"]

    def filter_industry(self, queryset, name, value):
        return in_subtree(queryset, "startup__industries", value)

    def filter_region(self, queryset, name, value):
        return queryset.filter(subtree_q("startup__region", [value]))

    def filter_certification(self, queryset, name, value):
        return queryset.filter(startup__startup__certifications__contains=list(value)) if value else queryset


class AccessRequestFilter(filters.FilterSet):
    status = filters.MultipleChoiceFilter(choices=AccessRequest.Status.choices)
    startup = filters.ModelChoiceFilter(queryset=Organisation.objects.filter(kind=OrgKind.STARTUP))
    investor = filters.ModelChoiceFilter(queryset=Organisation.objects.filter(kind=OrgKind.INVESTOR))

    class Meta:
        model = AccessRequest
        fields = ["status", "startup", "investor"]


class AccessLogFilter(filters.FilterSet):
    startup = filters.ModelChoiceFilter(queryset=Organisation.objects.filter(kind=OrgKind.STARTUP))
    what = filters.MultipleChoiceFilter(choices=AccessLog.What.choices)

    class Meta:
        model = AccessLog
        fields = ["startup", "what"]


class PipelineFilter(filters.FilterSet):
    stage = filters.MultipleChoiceFilter(choices=PipelineStage.choices)
    investor = filters.ModelChoiceFilter(queryset=Organisation.objects.filter(kind=OrgKind.INVESTOR))
    startup = filters.ModelChoiceFilter(queryset=Organisation.objects.filter(kind=OrgKind.STARTUP))
    ordering = StableOrderingFilter(
        fields=(("updated_at", "updated_at"), ("stage_date", "stage_date"), ("startup__name", "name"))
    )

    class Meta:
        model = PipelineEntry
        fields = ["stage", "investor", "startup"]
