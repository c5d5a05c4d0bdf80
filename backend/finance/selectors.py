"""Reads for financing: which loan products fit a need, which needs fit a bank, who sees answers.

Eligibility is the hard part of the matching engine's rules, as SQL, so that
both directions filter in the database before the engine ranks:

* the need is debt, and open or matched;
* the startup's stage is one the product serves;
* the amount lies within the product's range;
* the product is unsecured (纯信用, accepts every need) or accepts one of the
  offered collateral kinds;
* the product serves every industry, or one of the startup's industries lies
  in the subtree of one of the product's;
* the term, when both say one, is within the product's longest term.
"""

from __future__ import annotations

from django.db.models import Count, Prefetch, Q, QuerySet

from backend.core.permissions import is_platform_admin
from backend.directory.models import (
    Collateral,
    FinancingNeed,
    Industry,
    LoanProduct,
    Membership,
    Organisation,
    OrgKind,
)
from backend.finance.models import BankResponse

LIVE_NEED = (FinancingNeed.Status.OPEN, FinancingNeed.Status.MATCHED)


def member_org_ids(user, kind: str) -> QuerySet:
    if user is None or not user.is_authenticated:
        return Organisation.objects.none().values("pk")
    return Membership.objects.filter(user=user.pk, organisation__kind=kind).values("organisation_id")


def bank_orgs(user) -> QuerySet[Organisation]:
    return Organisation.objects.filter(pk__in=member_org_ids(user, OrgKind.BANK)).order_by("name", "pk")


def is_member(user, organisation_id: int) -> bool:
    if user is None or not user.is_authenticated:
        return False
    return Membership.objects.filter(user=user.pk, organisation=organisation_id).exists()


def is_bank_staff(user) -> bool:
    return bank_orgs(user).exists()


def _industry_ancestor_ids(need: FinancingNeed) -> set[int]:
    """The startup's industries and all their ancestors (a product on any of them serves it)."""
    ids: set[int] = set()
    for path in need.startup.industries.values_list("path", flat=True):
        ids.update(int(part) for part in path.strip("/").split("/") if part)
    return ids


def products_for_need(need: FinancingNeed) -> QuerySet[LoanProduct]:
    """Active loan products whose hard rules the need meets."""
    if need.kind != FinancingNeed.Kind.DEBT:
        return LoanProduct.objects.none()
    profile = getattr(need.startup, "startup", None)
    if profile is None:
        return LoanProduct.objects.none()
    restricted = LoanProduct.industries.through.objects.values("loanproduct_id")
    covering = LoanProduct.industries.through.objects.filter(industry_id__in=_industry_ancestor_ids(need)).values(
        "loanproduct_id"
    )
    queryset = LoanProduct.objects.filter(
        active=True,
        stages__contains=[profile.stage],
        amount_min__lte=need.amount,
        amount_max__gte=need.amount,
    ).filter(Q(collateral__contains=[Collateral.CREDIT]) | Q(collateral__overlap=list(need.collateral_offered) or [""]))
    queryset = queryset.filter(~Q(pk__in=restricted) | Q(pk__in=covering))
    if need.term_months:
        queryset = queryset.filter(Q(term_months_max__isnull=True) | Q(term_months_max__gte=need.term_months))
    return queryset.select_related("bank").prefetch_related(
        Prefetch("industries", queryset=Industry.objects.order_by("path"))
    )


def _fits_product_q(product: LoanProduct) -> Q:
    """Needs that meet *product*'s hard rules (the mirror of :func:`products_for_need`)."""
    q = Q(
        kind=FinancingNeed.Kind.DEBT,
        startup__startup__stage__in=product.stages,
        amount__gte=product.amount_min,
        amount__lte=product.amount_max,
    )
    if Collateral.CREDIT not in product.collateral:
        q &= Q(collateral_offered__overlap=product.collateral)
    if product.term_months_max:
        q &= Q(term_months__isnull=True) | Q(term_months__lte=product.term_months_max)
    paths = [industry.path for industry in product.industries.all()]
    if paths:
        industry_q = Q(pk__in=[])
        for path in paths:
            industry_q |= Q(industries__path__startswith=path)
        q &= Q(startup__in=Organisation.objects.filter(industry_q).values("pk"))
    return q


def needs_for_bank(bank: Organisation) -> QuerySet[FinancingNeed]:
    """Live needs that fit at least one of *bank*'s active products."""
    products = list(LoanProduct.objects.filter(bank=bank, active=True).prefetch_related("industries"))
    if not products:
        return FinancingNeed.objects.none()
    fits = Q(pk__in=[])
    for product in products:
        fits |= _fits_product_q(product)
    return FinancingNeed.objects.filter(fits, status__in=LIVE_NEED)


def need_list(*, user) -> QuerySet[FinancingNeed]:
    """The needs of the user's startups (admins: all), with how many banks answered."""
    queryset = (
        FinancingNeed.objects.select_related("startup__startup")
        .annotate(
            responses_count=Count("bank_responses", filter=~Q(bank_responses__status=BankResponse.Status.DECLINED))
        )
        .order_by("-created_at", "-pk")
    )
    if is_platform_admin(user):
        return queryset
    return queryset.filter(startup__in=member_org_ids(user, OrgKind.STARTUP))


def responses(*, user) -> QuerySet[BankResponse]:
    """Answers the user may see: their banks' and those to their startups' needs (admins: all)."""
    queryset = BankResponse.objects.select_related("need__startup", "bank", "product", "responded_by")
    if is_platform_admin(user):
        return queryset
    return queryset.filter(
        Q(bank__in=member_org_ids(user, OrgKind.BANK)) | Q(need__startup__in=member_org_ids(user, OrgKind.STARTUP))
    )


def bank_notification_targets(need: FinancingNeed) -> list[int]:
    """Staff of banks with a product that fits *need* (told when it is published)."""
    banks = products_for_need(need).values("bank_id")
    return list(Membership.objects.filter(organisation__in=banks).values_list("user_id", flat=True).distinct())


def responded_bank_staff(need: FinancingNeed) -> list[int]:
    banks = BankResponse.objects.filter(need=need).exclude(status=BankResponse.Status.DECLINED).values("bank_id")
    return list(Membership.objects.filter(organisation__in=banks).values_list("user_id", flat=True).distinct())
