"""List endpoints of financing cost the same number of queries for one row and for three."""

from __future__ import annotations

from decimal import Decimal

import pytest

from backend.directory.models import FinancingNeed
from backend.finance import services

pytestmark = pytest.mark.django_db


def test_needs_and_answers_cost_constant_queries(client_for, finance, queries_for):
    services.response_intent(user=finance.bank_user, need=finance.need, intended_amount=Decimal("1000"))
    owner, bank = client_for(finance.owner), client_for(finance.bank_user)
    urls = {"/api/finance/needs": owner, "/api/finance/responses": bank}
    one = {url: queries_for(client, url) for url, client in urls.items()}
    for amount in ("600000", "700000"):
        need = FinancingNeed.objects.create(
            startup=finance.startup,
            amount=Decimal(amount),
            kind="debt",
            purpose="流动资金",
            collateral_offered=["credit"],
        )
        services.response_intent(user=finance.bank_user, need=need, intended_amount=Decimal("1000"))
    assert {url: queries_for(client, url) for url, client in urls.items()} == one
