"""Query-string filters of the directory lists (django-filter).

Tree filters take a node id and match the node's whole subtree (a path
prefix, see ``backend.core.trees``). Filters through many-to-many relations
select ids in a subquery, so rows never repeat and no ``DISTINCT`` is needed.
Unknown ids and choices answer 400 with a field message (django-filter's
form validation), never 500.
"""

from __future__ import annotations

from decimal import Decimal

import django_filters as filters
from django.db.models import F, Q, QuerySet
from django_filters.constants import EMPTY_VALUES
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from backend.core.search import search
from backend.core.trees import subtree_q
from backend.directory.models import (
    MAX_AMOUNT,
    Carrier,
    CarrierEvaluation,
    Certification,
    Collateral,
    FinancingNeed,
    Industry,
    InvestorProfile,
    Level,
    LoanProduct,
    MentorProfile,
    Organisation,
    OrgKind,
    Region,
    Stage,
)

AMOUNT_HELP = "金额（元）· amount in CNY that must lie within the range"


def in_subtree(queryset: QuerySet, relation: str, node) -> QuerySet:
    """Rows whose *relation* (FK or M2M to a tree) lies in *node*'s subtree."""
    matching = queryset.model.objects.filter(subtree_q(relation, [node])).values("pk")
    return queryset.filter(pk__in=matching)


def covering(queryset: QuerySet, relation: str, node) -> QuerySet:
    """Rows whose *relation* reaches *node*: the node, an ancestor or a descendant, or nothing at all.

    For scopes such as a loan product's industries or an investor's regions,
    where an empty set means "no restriction" and a province covers its cities.
    """
    ancestors = [int(part) for part in node.path.strip("/").split("/") if part]
    model = queryset.model
    reaching = model.objects.filter(subtree_q(relation, [node]) | Q(**{f"{relation}__in": ancestors}))
    restricted = model.objects.filter(**{f"{relation}__isnull": False})
    return queryset.filter(Q(pk__in=reaching.values("pk")) | ~Q(pk__in=restricted.values("pk")))


@extend_schema_field(OpenApiTypes.INT)
class NodeFilter(filters.ModelChoiceFilter):
    """A region or industry by id, applied by the FilterSet's method (usually to a whole subtree)."""


class StableOrderingFilter(filters.OrderingFilter):
    """Orders with NULLs last and the primary key as tie-breaker, so pages never overlap."""

    def filter(self, qs, value):
        if value in EMPTY_VALUES:
            return qs
        ordering = []
        for param in value:
            name = self.get_ordering_value(param)
            expression = F(name.removeprefix("-"))
            ordering.append(
                expression.desc(nulls_last=True) if name.startswith("-") else expression.asc(nulls_last=True)
            )
        return qs.order_by(*ordering, "pk")


def _search(queryset, name, value):
    return search(queryset, value) if value else queryset


def _query() -> filters.CharFilter:
    return filters.CharFilter(method=_search, label="搜索 · search (Chinese words or prefixes)")


def _amount(**kwargs) -> filters.NumberFilter:
    return filters.NumberFilter(
        min_value=Decimal("0.01"), max_value=MAX_AMOUNT, max_digits=16, decimal_places=2, **kwargs
    )


class RegionFilter(filters.FilterSet):
    level = filters.MultipleChoiceFilter(choices=Region.Level.choices)
    parent = filters.ModelChoiceFilter(queryset=Region.objects.all())
    within = NodeFilter(
        queryset=Region.objects.all(), method="filter_within", label="该地区及其下级 · this region and below"
    )

    class Meta:
        model = Region
        fields = ["level", "parent", "within"]

    def filter_within(self, queryset, name, value):
        return queryset.filter(path__startswith=value.path)


class IndustryFilter(filters.FilterSet):
    group = filters.MultipleChoiceFilter(choices=Industry.Group.choices)
    parent = filters.ModelChoiceFilter(queryset=Industry.objects.all())
    within = NodeFilter(
        queryset=Industry.objects.all(), method="filter_within", label="该产业及其细分 · this industry and below"
    )

    class Meta:
        model = Industry
        fields = ["group", "parent", "within"]

    def filter_within(self, queryset, name, value):
        return queryset.filter(path__startswith=value.path)


class CarrierFilter(filters.FilterSet):
    kind = filters.MultipleChoiceFilter(choices=Carrier.Kind.choices)
    level = filters.MultipleChoiceFilter(choices=Level.choices)
    region = NodeFilter(
        queryset=Region.objects.all(), method="filter_region", label="地区（含下级）· region incl. sub-regions"
    )
    industry = NodeFilter(
        queryset=Industry.objects.all(), method="filter_industry", label="产业（含细分）· industry incl. sub-industries"
    )
    grade = filters.MultipleChoiceFilter(
        field_name="latest_grade",
        choices=CarrierEvaluation.Grade.choices,
        label="最近一次评价等级 · latest evaluation grade",
    )
    operator = filters.ModelChoiceFilter(queryset=Organisation.objects.all())
    q = _query()
    ordering = StableOrderingFilter(
        fields=(("name", "name"), ("level_rank", "level"), ("workstations", "workstations"), ("area_m2", "area_m2"))
    )

    class Meta:
        model = Carrier
        fields = ["kind", "level", "region", "industry", "grade", "operator", "q"]

    def filter_region(self, queryset, name, value):
        return queryset.filter(subtree_q("region", [value]))

    def filter_industry(self, queryset, name, value):
        return in_subtree(queryset, "focus_industries", value)


class _OrganisationFilter(filters.FilterSet):
    region = NodeFilter(
        queryset=Region.objects.all(), method="filter_region", label="地区（含下级）· region incl. sub-regions"
    )
    industry = NodeFilter(
        queryset=Industry.objects.all(), method="filter_industry", label="产业（含细分）· industry incl. sub-industries"
    )

    def filter_region(self, queryset, name, value):
        return queryset.filter(subtree_q("region", [value]))

    def filter_industry(self, queryset, name, value):
        return in_subtree(queryset, "industries", value)


class OrganisationFilter(_OrganisationFilter):
    kind = filters.MultipleChoiceFilter(choices=OrgKind.choices)
    q = _query()
    ordering = StableOrderingFilter(fields=(("name", "name"), ("founded", "founded")))

    class Meta:
        model = Organisation
        fields = ["kind", "region", "industry", "q"]


class StartupFilter(_OrganisationFilter):
    stage = filters.MultipleChoiceFilter(field_name="startup__stage", choices=Stage.choices)
    certification = filters.MultipleChoiceFilter(
        choices=Certification.choices, method="filter_certification", label="资质（全部满足）· certifications (all of)"
    )
    carrier = filters.ModelChoiceFilter(field_name="startup__carrier", queryset=Carrier.objects.all())
    graduated = filters.BooleanFilter(field_name="startup__graduated")
    q = _query()
    ordering = StableOrderingFilter(
        fields=(
            ("name", "name"),
            ("founded", "founded"),
            ("startup__employees", "employees"),
            ("startup__ip_count", "ip_count"),
        )
    )

    class Meta:
        model = Organisation
        fields = ["region", "industry", "stage", "certification", "carrier", "graduated", "q"]

    def filter_certification(self, queryset, name, value):
        return queryset.filter(startup__certifications__contains=list(value)) if value else queryset


class InvestorFilter(_OrganisationFilter):
    investor_type = filters.MultipleChoiceFilter(
        field_name="investor__investor_type", choices=InvestorProfile.InvestorType.choices
    )
    stage = filters.MultipleChoiceFilter(
        choices=Stage.choices, method="filter_stage", label="投资阶段（任一）· invests in any of these stages"
    )
    region = NodeFilter(
        queryset=Region.objects.all(),
        method="filter_region",
        label="投资地域覆盖该地区 · target regions cover this region (no regions = anywhere)",
    )
    amount = _amount(method="filter_amount", label=AMOUNT_HELP)
    q = _query()
    ordering = StableOrderingFilter(
        fields=(("name", "name"), ("investor__ticket_min", "ticket_min"), ("investor__ticket_max", "ticket_max"))
    )

    class Meta:
        model = Organisation
        fields = ["investor_type", "industry", "stage", "region", "amount", "q"]

    def filter_stage(self, queryset, name, value):
        return queryset.filter(investor__stages__overlap=list(value)) if value else queryset

    def filter_region(self, queryset, name, value):
        return covering(queryset, "investor__regions", value)

    def filter_amount(self, queryset, name, value):
        return queryset.filter(investor__ticket_min__lte=value, investor__ticket_max__gte=value)


class BankFilter(_OrganisationFilter):
    is_tech_branch = filters.BooleanFilter(field_name="bank__is_tech_branch")
    parent_bank = filters.ModelChoiceFilter(
        field_name="bank__parent_bank", queryset=Organisation.objects.filter(kind=OrgKind.BANK)
    )
    q = _query()
    ordering = StableOrderingFilter(fields=(("name", "name"),))

    class Meta:
        model = Organisation
        fields = ["region", "industry", "is_tech_branch", "parent_bank", "q"]


class LoanProductFilter(filters.FilterSet):
    bank = filters.ModelChoiceFilter(queryset=Organisation.objects.filter(kind=OrgKind.BANK))
    stage = filters.MultipleChoiceFilter(
        choices=Stage.choices, method="filter_stage", label="服务阶段（任一）· serves any of these stages"
    )
    collateral = filters.MultipleChoiceFilter(
        choices=Collateral.choices, method="filter_collateral", label="接受的担保方式（任一）· accepts any of these"
    )
    industry = NodeFilter(
        queryset=Industry.objects.all(),
        method="filter_industry",
        label="适用产业 · serves this industry (products without industries serve all)",
    )
    amount = _amount(method="filter_amount", label=AMOUNT_HELP)
    active = filters.BooleanFilter()
    q = _query()
    ordering = StableOrderingFilter(
        fields=(
            ("name", "name"),
            ("amount_min", "amount_min"),
            ("amount_max", "amount_max"),
            ("term_months_max", "term_months_max"),
        )
    )

    class Meta:
        model = LoanProduct
        fields = ["bank", "stage", "collateral", "industry", "amount", "active", "q"]

    def filter_stage(self, queryset, name, value):
        return queryset.filter(stages__overlap=list(value)) if value else queryset

    def filter_collateral(self, queryset, name, value):
        return queryset.filter(collateral__overlap=list(value)) if value else queryset

    def filter_industry(self, queryset, name, value):
        return covering(queryset, "industries", value)

    def filter_amount(self, queryset, name, value):
        return queryset.filter(amount_min__lte=value, amount_max__gte=value)


class MentorFilter(filters.FilterSet):
    region = NodeFilter(
        queryset=Region.objects.all(), method="filter_region", label="地区（含下级）· region incl. sub-regions"
    )
    industry = NodeFilter(
        queryset=Industry.objects.all(), method="filter_industry", label="产业（含细分）· industry incl. sub-industries"
    )
    expertise = filters.CharFilter(method="filter_expertise", label="专长标签 · expertise tag (exact)")
    active = filters.BooleanFilter()
    q = _query()
    ordering = StableOrderingFilter(
        fields=(("user__name", "name"), ("appointed_year", "appointed_year"), ("capacity", "capacity"))
    )

    class Meta:
        model = MentorProfile
        fields = ["region", "industry", "expertise", "active", "q"]

    def filter_region(self, queryset, name, value):
        return queryset.filter(subtree_q("region", [value]))

    def filter_industry(self, queryset, name, value):
        return in_subtree(queryset, "industries", value)

    def filter_expertise(self, queryset, name, value):
        return queryset.filter(expertise__contains=[value.strip()]) if value.strip() else queryset


class FinancingNeedFilter(filters.FilterSet):
    status = filters.MultipleChoiceFilter(choices=FinancingNeed.Status.choices)
    kind = filters.MultipleChoiceFilter(choices=FinancingNeed.Kind.choices)
    startup = filters.ModelChoiceFilter(queryset=Organisation.objects.filter(kind=OrgKind.STARTUP))
    min_amount = _amount(field_name="amount", lookup_expr="gte")
    max_amount = _amount(field_name="amount", lookup_expr="lte")
    ordering = StableOrderingFilter(
        fields=(("created_at", "created_at"), ("amount", "amount"), ("deadline", "deadline"))
    )

    class Meta:
        model = FinancingNeed
        fields = ["status", "kind", "startup", "min_amount", "max_amount"]
