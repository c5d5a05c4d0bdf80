"""Reads for the directory: querysets with their joins, scoped to the viewer.

Every list selector loads a page in a constant number of queries
(select_related for foreign keys, prefetch_related for many-to-many).
"""

from __future__ import annotations

from django.db.models import Case, Count, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery, Value, When
from django.db.models.functions import Coalesce

from backend.accounts.models import Role
from backend.core.permissions import has_any_role, is_platform_admin
from backend.core.search import search
from backend.directory.models import (
    BankProfile,
    Carrier,
    CarrierEvaluation,
    FinancingNeed,
    Industry,
    Level,
    LoanProduct,
    Membership,
    MentorProfile,
    Organisation,
    OrgKind,
    Region,
    StartupProfile,
)
from backend.directory.visibility import annotate_viewer


def region_list() -> QuerySet[Region]:
    return Region.objects.order_by("path")


def industry_list() -> QuerySet[Industry]:
    return Industry.objects.order_by("path")


def user_organisation_ids(user, *, kind: str | None = None) -> QuerySet:
    """Ids of the organisations *user* is a member of (a subquery, not evaluated)."""
    memberships = Membership.objects.filter(user=user.pk)
    if kind is not None:
        memberships = memberships.filter(organisation__kind=kind)
    return memberships.values("organisation_id")


def is_member(user, organisation_id: int | None, *, role: str | None = None) -> bool:
    if organisation_id is None or user is None or not user.is_authenticated:
        return False
    memberships = Membership.objects.filter(user=user.pk, organisation=organisation_id)
    if role is not None:
        memberships = memberships.filter(role=role)
    return memberships.exists()


def _count(queryset: QuerySet, column: str) -> Coalesce:
    """A correlated COUNT subquery: no join on the outer query, so no duplicate rows."""
    counted = queryset.order_by().values(column).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def carrier_list() -> QuerySet[Carrier]:
    latest = CarrierEvaluation.objects.filter(carrier=OuterRef("pk")).order_by("-year").values("grade")[:1]
    startups = StartupProfile.objects.filter(carrier=OuterRef("pk"))
    return (
        Carrier.objects.select_related("region", "operator")
        .prefetch_related(Prefetch("focus_industries", queryset=Industry.objects.order_by("path")))
        .annotate(
            latest_grade=Subquery(latest),
            # Levels sort by rank (national first), not alphabetically.
            level_rank=Case(*(When(level=level, then=Value(rank)) for rank, level in enumerate(Level.values))),
            startups_count=_count(startups.filter(graduated=False), "carrier"),
            graduated_count=_count(startups.filter(graduated=True), "carrier"),
        )
    )


def carrier_detail() -> QuerySet[Carrier]:
    return carrier_list().prefetch_related(
        Prefetch("evaluations", queryset=CarrierEvaluation.objects.order_by("-year"))
    )


def _organisations(kind: str) -> QuerySet[Organisation]:
    return (
        Organisation.objects.filter(kind=kind)
        .select_related("region")
        .prefetch_related(Prefetch("industries", queryset=Industry.objects.order_by("path")))
    )


def startup_list(*, user) -> QuerySet[Organisation]:
    queryset = _organisations(OrgKind.STARTUP).filter(startup__isnull=False).select_related("startup__carrier")
    return annotate_viewer(queryset, user)


def investor_list() -> QuerySet[Organisation]:
    return (
        _organisations(OrgKind.INVESTOR)
        .filter(investor__isnull=False)
        .select_related("investor")
        .prefetch_related(Prefetch("investor__regions", queryset=Region.objects.order_by("path")))
    )


def bank_list() -> QuerySet[Organisation]:
    return (
        _organisations(OrgKind.BANK)
        .filter(bank__isnull=False)
        .select_related("bank__parent_bank")
        .prefetch_related(
            Prefetch(
                "branches",
                queryset=BankProfile.objects.select_related("organisation").order_by("organisation__name"),
            ),
            Prefetch("loan_products", queryset=LoanProduct.objects.order_by("amount_min", "name")),
        )
    )


def loan_product_list() -> QuerySet[LoanProduct]:
    return LoanProduct.objects.select_related("bank").prefetch_related(
        Prefetch("industries", queryset=Industry.objects.order_by("path"))
    )


def mentor_list(*, user) -> QuerySet[MentorProfile]:
    """Active mentors for everyone; a mentor also sees their own inactive profile, admins see all."""
    queryset = MentorProfile.objects.select_related("user", "region").prefetch_related(
        Prefetch("industries", queryset=Industry.objects.order_by("path"))
    )
    if is_platform_admin(user):
        return queryset
    if user is not None and user.is_authenticated:
        return queryset.filter(Q(active=True) | Q(user=user.pk))
    return queryset.filter(active=True)


def organisation_list() -> QuerySet[Organisation]:
    return Organisation.objects.select_related("region").prefetch_related(
        Prefetch("industries", queryset=Industry.objects.order_by("path"))
    )


def member_list(*, organisation: Organisation) -> QuerySet[Membership]:
    return Membership.objects.filter(organisation=organisation).select_related("user").order_by("created_at", "pk")


def financing_need_list(*, user) -> QuerySet[FinancingNeed]:
    """Needs of the user's own startups; banks, organizers and admins also see every open need."""
    scope = Q(startup__in=user_organisation_ids(user, kind=OrgKind.STARTUP))
    if has_any_role(user, Role.BANK, Role.ORGANIZER):  # admins hold every role
        scope |= Q(status=FinancingNeed.Status.OPEN)
    return FinancingNeed.objects.filter(scope).select_related("startup")


SEARCH_TYPES = ("carriers", "startups", "investors", "banks", "loan_products", "mentors")


def search_everything(*, text: str, limit: int) -> dict[str, list]:
    """Top *limit* matches per type, best first; one query per type."""
    organisations = Organisation.objects.only("id", "name", "kind", "description")
    return {
        "carriers": list(search(Carrier.objects.only("id", "name", "description"), text)[:limit]),
        "startups": list(search(organisations.filter(kind=OrgKind.STARTUP), text)[:limit]),
        "investors": list(search(organisations.filter(kind=OrgKind.INVESTOR), text)[:limit]),
        "banks": list(search(organisations.filter(kind=OrgKind.BANK), text)[:limit]),
        "loan_products": list(search(LoanProduct.objects.filter(active=True).select_related("bank"), text)[:limit]),
        "mentors": list(search(MentorProfile.objects.filter(active=True).select_related("user"), text)[:limit]),
    }
