"""Loan products for a need and needs for a bank, ranked by the matching engine with reasons.

Like ``backend.pool.ranking`` this feeds :mod:`matching` directly until the
shared engine adapter (``backend/engine``: ``loan_products_for_need(need)``)
is on ``main``. The database filters by the hard rules first
(:mod:`backend.finance.selectors`); the engine applies the same rules again
and ranks what is left.
"""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

import matching as m
from backend.directory.models import FinancingNeed, Industry, LoanProduct, Organisation
from backend.finance import selectors
from backend.pool.ranking import Ranked, RegionNames, industry_tree, startup_party


def product_party(product: LoanProduct, regions: RegionNames) -> m.LoanProduct:
    return m.LoanProduct(
        str(product.pk),
        product.name,
        bank_id=str(product.bank_id),
        bank_name=product.bank.name,
        stages=product.stages,
        amount_min=product.amount_min,
        amount_max=product.amount_max,
        collateral=product.collateral,
        industries=[str(i.pk) for i in product.industries.all()],
        region=regions.path(product.bank.region_id),
        description=product.description,
        active=product.active,
    )


def need_party(need: FinancingNeed, regions: RegionNames) -> m.FinancingNeed:
    return m.FinancingNeed(
        str(need.pk),
        startup_party(need.startup, regions),
        amount=need.amount,
        kind=need.kind,
        collateral_offered=need.collateral_offered,
        purpose=need.purpose,
        term_months=need.term_months,
    )


def _needs(queryset: QuerySet[FinancingNeed]) -> QuerySet[FinancingNeed]:
    return queryset.select_related("startup__startup").prefetch_related(
        Prefetch("startup__industries", queryset=Industry.objects.only("pk"))
    )


def loan_products_for_need(need: FinancingNeed) -> list[Ranked]:
    """The loan products *need* is eligible for, best first, with the engine's reasons."""
    products = {str(p.pk): p for p in selectors.products_for_need(need).select_related("bank")}
    if not products:
        return []
    need = _needs(FinancingNeed.objects.filter(pk=need.pk)).get()
    regions = RegionNames()
    matches = m.score_all(
        m.PairKind.NEED_PRODUCT,
        [need_party(need, regions)],
        [product_party(p, regions) for p in products.values()],
        industries=industry_tree(),
    )
    return [Ranked(products[match.right], match.score, match.reasons) for match in matches]


MAX_BANK_CANDIDATES = 2000


def needs_for_bank(bank: Organisation) -> list[Ranked]:
    """Live needs that fit *bank*'s active products, best first; each with its best product and reasons."""
    needs = {str(n.pk): n for n in _needs(selectors.needs_for_bank(bank).order_by("-created_at"))[:MAX_BANK_CANDIDATES]}
    if not needs:
        return []
    products = list(
        LoanProduct.objects.filter(bank=bank, active=True).select_related("bank").prefetch_related("industries")
    )
    by_id = {str(p.pk): p for p in products}
    regions = RegionNames()
    matches = m.score_all(
        m.PairKind.NEED_PRODUCT,
        [need_party(n, regions) for n in needs.values()],
        [product_party(p, regions) for p in products],
        industries=industry_tree(),
    )
    best: dict[str, m.Match] = {}
    for match in matches:  # best first, so the first per need is its best product
        best.setdefault(match.left, match)
    ranked = sorted(best.values(), key=lambda x: (-x.score, -int(x.left)))
    return [Ranked((needs[x.left], by_id[x.right]), x.score, x.reasons) for x in ranked]
