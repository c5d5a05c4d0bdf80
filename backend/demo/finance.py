"""Demo bank answers to financing needs (银企对接).

Matched debt needs get an answer from a bank whose product fits (intent or
approved), and some are disbursed; the demo startup's debt need is answered
by 吉林银行 (the demo bank login) with an intent, so both sides see an answer,
and 吉林银行 still has open needs to answer. The plan names needs by
(startup, kind); the fitting product is looked up at write time with the same
rules the API uses. Keyed by (need, bank): a second load writes nothing.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from backend.demo.context import ANCHOR_DATE, DemoContext, days_before
from backend.demo.logins import LOGIN_BY_ROLE, STARTUP_NAME

DEMO_BANK = LOGIN_BY_ROLE["bank"].organisation


def plan(ctx: DemoContext) -> None:
    rng = ctx.rng("finance")
    answers = []
    for need in ctx.plans["directory"]["financing_needs"]:
        if need["kind"] != "debt":
            continue
        if need["startup"] == STARTUP_NAME:
            answers.append(
                {"startup": need["startup"], "bank": DEMO_BANK, "outcome": "intent", "share": 1.0, "days": 6}
            )
        elif need["status"] == "matched":
            outcome = rng.choice(["intent", "approved", "approved", "disbursed", "disbursed", "declined"])
            answers.append(
                {
                    "startup": need["startup"],
                    "bank": None,  # the first bank (by name) with a fitting product
                    "outcome": outcome,
                    "share": rng.choice([0.6, 0.8, 1.0]),
                    "days": rng.randint(5, 60),
                }
            )
    ctx.plans["finance"] = {"answers": answers}


NOTES = {
    "intent": "可提供纯信用贷款，请准备近两年财务报表与知识产权证书。",
    "approved": "已通过审批，待签订借款合同。",
    "disbursed": "贷款已发放。",
    "declined": "抵押担保条件暂不满足，欢迎补充材料后再联系。",
}


def write(ctx: DemoContext) -> None:
    from backend.directory.models import FinancingNeed, Membership, Organisation
    from backend.finance.models import BankResponse
    from backend.finance.selectors import products_for_need

    p: dict[str, Any] = ctx.plans["finance"]
    org = ctx.organisations or {o.name: o for o in Organisation.objects.all()}
    answered = set(BankResponse.objects.values_list("need_id", flat=True))
    needs: dict[str, FinancingNeed] = {}
    startups = [org[a["startup"]].pk for a in p["answers"]]
    for need in (
        FinancingNeed.objects.select_related("startup__startup")
        .filter(startup__in=startups, kind="debt")
        .order_by("-created_at", "-pk")
    ):
        needs[need.startup.name] = need  # one debt need per startup (the directory keys needs so)
    rows, days = [], []
    for answer in p["answers"]:
        need = needs.get(answer["startup"])
        if need is None or need.pk in answered:
            continue
        answered.add(need.pk)
        products = list(products_for_need(need).order_by("bank__name", "amount_min", "pk"))
        if answer["bank"]:
            products = [product for product in products if product.bank.name == answer["bank"]] or [None]
        if not products:
            continue
        product = products[0]
        bank_id = product.bank_id if product else org[answer["bank"]].pk
        staff = Membership.objects.filter(organisation=bank_id).order_by("created_at", "pk").first()
        intended = (need.amount * Decimal(str(answer["share"]))).quantize(Decimal("1000"))
        outcome = answer["outcome"]
        approved = intended if outcome in ("approved", "disbursed") else None
        rows.append(
            BankResponse(
                need=need,
                bank_id=bank_id,
                product=product,
                status=outcome,
                intended_amount=intended,
                approved_amount=approved,
                disbursed_amount=approved if outcome == "disbursed" else None,
                disbursed_on=ANCHOR_DATE if outcome == "disbursed" else None,
                note=NOTES[outcome],
                responded_by_id=staff.user_id if staff else None,
                approved_at=days_before(answer["days"] - 2) if approved else None,
            )
        )
        days.append(answer["days"])
    if not rows:
        return
    created = BankResponse.objects.bulk_create(rows)
    for row, answered in zip(created, days, strict=True):
        stamp = days_before(answered)
        BankResponse.objects.filter(pk=row.pk).update(created_at=stamp, updated_at=stamp)
    ctx.stats["BankResponse created"] += len(created)
