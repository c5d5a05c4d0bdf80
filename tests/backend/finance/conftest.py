"""The pool's world (every role) plus loan products and a published debt need of 光迹."""

from __future__ import annotations

from decimal import Decimal

import pytest

from backend.directory.models import FinancingNeed
from tests.backend.pool.conftest import *  # noqa: F403 - world, media root, directory factories


@pytest.fixture
def finance(world, make_product, industries):
    """吉林银行 has 初创贷 (fits), 成长通 (growth only) and a biomedicine-only loan; 邢台银行 a seed loan."""
    world.chuangye = make_product(
        bank=world.bank,
        name="初创贷",
        stages=["startup"],
        amount_min=Decimal("500000"),
        amount_max=Decimal("3000000"),
        collateral=["credit"],
        term_months_max=24,
    )
    world.patent = make_product(
        bank=world.bank,
        name="知识产权质押贷",
        stages=["startup", "growth"],
        amount_min=Decimal("300000"),
        amount_max=Decimal("5000000"),
        collateral=["patent_pledge"],
        industries=[industries.electronics],
    )
    world.growth = make_product(
        bank=world.bank, name="成长通", stages=["growth"], amount_min=Decimal("1000000"), amount_max=Decimal("10000000")
    )
    world.biomed = make_product(
        bank=world.bank, name="生物医药贷", stages=["startup"], collateral=["credit"], industries=[industries.biomed]
    )
    world.seed_loan = make_product(bank=world.other_bank, name="创客贷", stages=["seed"])
    world.need = FinancingNeed.objects.create(
        startup=world.startup,
        amount=Decimal("800000"),
        kind="debt",
        purpose="微型光谱仪量产线建设",
        term_months=24,
        collateral_offered=["credit", "patent_pledge"],
    )
    return world
