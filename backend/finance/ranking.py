"""Loan products for a need and needs for a bank, from the matching engine (``backend.engine.recommend``).

The database filters by the hard rules first (:mod:`backend.finance.selectors`,
which also knows the products' longest term); the engine applies its rules
again, ranks what is left and gives reasons.
"""

from __future__ import annotations

from backend.directory.models import FinancingNeed, LoanProduct, Organisation
from backend.engine import recommend
from backend.finance import selectors
from backend.pool.ranking import Ranked

MAX_BANK_CANDIDATES = 2000


def loan_products_for_need(need: FinancingNeed) -> list[Ranked]:
    """The loan products *need* is eligible for, best first, with the engine's reasons."""
    products = {p.pk: p for p in selectors.products_for_need(need)}
    if not products:
        return []
    ranked = recommend.loan_products_for_need(need, candidates=list(products))
    return [Ranked(products[row.id], row.score, row.reasons) for row in ranked if row.id in products]


def needs_for_bank(bank: Organisation) -> list[Ranked]:
    """Live needs that fit *bank*'s active products, best first; each as (need, best product) with reasons."""
    candidates = list(selectors.needs_for_bank(bank).order_by("-created_at").values_list("pk", flat=True))
    candidates = candidates[:MAX_BANK_CANDIDATES]
    if not candidates:
        return []
    ranked = recommend.needs_for_bank(bank, len(candidates), candidates=candidates)
    needs = FinancingNeed.objects.select_related("startup__startup").in_bulk([row.id for row in ranked])
    products = LoanProduct.objects.select_related("bank").in_bulk([row.detail["product_id"] for row in ranked])
    return [
        Ranked((needs[row.id], products[row.detail["product_id"]]), row.score, row.reasons)
        for row in ranked
        if row.id in needs
    ]
