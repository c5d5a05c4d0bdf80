"""Financing: publishing needs, eligible products with reasons, banks' matching needs and answers."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from backend.directory.models import FinancingNeed
from backend.finance.models import BankResponse
from backend.notifications.models import Notification

pytestmark = pytest.mark.django_db

NEEDS = "/api/finance/needs"
RESPONSES = "/api/finance/responses"


def test_startup_publishes_a_need_and_fitting_banks_are_told(client_for, finance, django_capture_on_commit_callbacks):
    body = {
        "startup": finance.startup.pk,
        "amount": "1500000.00",
        "kind": "debt",
        "purpose": "研发中心建设",
        "term_months": 12,
        "collateral_offered": ["patent_pledge"],
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(finance.owner).post(NEEDS, body, format="json")
    assert response.status_code == 201, response.data
    assert response.data["status"] == "open" and response.data["responses_count"] == 0
    assert Notification.objects.filter(user=finance.bank_user, kind="finance_need_published").count() == 1
    assert not Notification.objects.filter(user=finance.other_bank_user).exists()
    assert client_for(finance.owner).get(NEEDS).data["count"] == 2


def test_eligible_products_are_ranked_with_reasons(client_for, finance):
    response = client_for(finance.owner).get(f"{NEEDS}/{finance.need.pk}/products")
    assert response.status_code == 200, response.data
    names = [row["product"]["name"] for row in response.data]
    # 成长通 (growth only), 生物医药贷 (another industry) and 创客贷 (seed only) do not fit.
    assert sorted(names) == ["初创贷", "知识产权质押贷"]
    assert names[0] == "初创贷"  # unsecured beats a pledge for the same need
    for row in response.data:
        assert {"stage", "amount"} <= {r["code"] for r in row["reasons"]}
        assert row["product"]["bank_name"] == "吉林银行"
    scores = [row["score"] for row in response.data]
    assert scores == sorted(scores, reverse=True)


def test_equity_needs_have_no_loan_products(client_for, finance):
    need = FinancingNeed.objects.create(
        startup=finance.startup, amount=Decimal("5000000"), kind="equity", purpose="A轮"
    )
    assert client_for(finance.owner).get(f"{NEEDS}/{need.pk}/products").data == []


def test_bank_sees_fitting_needs_expresses_intent_approves_disburses(
    client_for, finance, django_capture_on_commit_callbacks
):
    bank = client_for(finance.bank_user)
    listed = bank.get("/api/finance/bank/needs")
    assert listed.status_code == 200, listed.data
    assert [row["need"]["id"] for row in listed.data["results"]] == [finance.need.pk]
    row = listed.data["results"][0]
    assert row["product"]["name"] == "初创贷" and row["response"] is None and row["reasons"]
    # 邢台银行 has only a seed-stage product: nothing fits.
    assert client_for(finance.other_bank_user).get("/api/finance/bank/needs").data["count"] == 0

    with django_capture_on_commit_callbacks(execute=True):
        intent = bank.post(
            RESPONSES,
            {
                "need": finance.need.pk,
                "product": finance.chuangye.pk,
                "intended_amount": "800000",
                "note": "请提交材料",
            },
            format="json",
        )
    assert intent.status_code == 201, intent.data
    assert intent.data["status"] == "intent" and intent.data["bank_name"] == "吉林银行"
    finance.need.refresh_from_db()
    assert finance.need.status == "matched"
    assert Notification.objects.filter(user=finance.owner, kind="finance_bank_intent").count() == 1
    assert bank.get("/api/finance/bank/needs").data["results"][0]["response"]["id"] == intent.data["id"]

    url = f"{RESPONSES}/{intent.data['id']}"
    assert bank.post(f"{url}/approve", {"approved_amount": "900000"}).status_code == 400  # above the intent
    approved = bank.post(f"{url}/approve", {"approved_amount": "700000"})
    assert approved.status_code == 200 and approved.data["status"] == "approved"
    assert bank.post(f"{url}/approve", {"approved_amount": "700000"}).status_code == 409
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    assert bank.post(f"{url}/disburse", {"disbursed_amount": "700000", "disbursed_on": tomorrow}).status_code == 400
    assert bank.post(f"{url}/disburse", {"disbursed_amount": "700001", "disbursed_on": "2026-01-05"}).status_code == 400
    today = timezone.localdate().isoformat()
    with django_capture_on_commit_callbacks(execute=True):
        disbursed = bank.post(f"{url}/disburse", {"disbursed_amount": "700000", "disbursed_on": today})
    assert disbursed.status_code == 200 and disbursed.data["disbursed_amount"] == "700000.00"
    assert Notification.objects.filter(user=finance.owner, kind="finance_bank_disbursed").count() == 1
    assert bank.post(f"{url}/decline", {"note": "x"}).status_code == 409

    # The startup sees every bank's answer.
    answers = client_for(finance.owner).get(f"{NEEDS}/{finance.need.pk}/responses").data
    assert [(a["bank_name"], a["status"], a["approved_amount"], a["disbursed_on"]) for a in answers] == [
        ("吉林银行", "disbursed", "700000.00", today)
    ]


def test_one_answer_per_bank_and_need(client_for, finance):
    bank = client_for(finance.bank_user)
    body = {"need": finance.need.pk, "intended_amount": "500000"}
    assert bank.post(RESPONSES, body, format="json").status_code == 201
    second = bank.post(RESPONSES, body, format="json")
    assert second.status_code == 409 and second.data["code"] == "already_answered"
    # Another bank may answer the same need.
    assert client_for(finance.other_bank_user).post(RESPONSES, body, format="json").status_code == 201
    answers = client_for(finance.owner).get(f"{NEEDS}/{finance.need.pk}/responses").data
    assert sorted(a["bank_name"] for a in answers) == ["吉林银行", "邢台银行"]
    assert client_for(finance.owner).get(NEEDS).data["results"][0]["responses_count"] == 2


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"intended_amount": "0"}, "intended_amount"),
        ({"intended_amount": "-1"}, "intended_amount"),
        ({"intended_amount": "100000000000.01"}, "intended_amount"),
        ({"intended_amount": "900000"}, "intended_amount"),  # above the need
        ({"intended_amount": "1", "need": 999999}, "need"),
        ({"intended_amount": "1", "product": 999999}, "product"),
        ({"intended_amount": "1", "product": "seed_loan"}, "product"),  # another bank's product
        ({"intended_amount": "1", "bank": "other_bank"}, None),  # not our bank: 403
    ],
)
def test_bad_intents(client_for, finance, body, field):
    body = {"need": finance.need.pk, **body}
    if body.get("product") == "seed_loan":
        body["product"] = finance.seed_loan.pk
    if body.get("bank") == "other_bank":
        body["bank"] = finance.other_bank.pk
    response = client_for(finance.bank_user).post(RESPONSES, body, format="json")
    if field is None:
        assert response.status_code == 403
    else:
        assert response.status_code == 400, response.data
        assert field in response.data["errors"]
    assert not BankResponse.objects.exists()


def test_closed_and_equity_needs_cannot_be_answered(client_for, finance):
    equity = FinancingNeed.objects.create(
        startup=finance.startup, amount=Decimal("5000000"), kind="equity", purpose="A轮"
    )
    bank = client_for(finance.bank_user)
    assert bank.post(RESPONSES, {"need": equity.pk, "intended_amount": "100"}).status_code == 400
    assert client_for(finance.owner).post(f"{NEEDS}/{finance.need.pk}/withdraw").status_code == 200
    closed = bank.post(RESPONSES, {"need": finance.need.pk, "intended_amount": "100"})
    assert closed.status_code == 409 and closed.data["code"] == "need_closed"
    assert bank.get("/api/finance/bank/needs").data["count"] == 0


def test_withdrawal_tells_the_banks_that_answered(client_for, finance, django_capture_on_commit_callbacks):
    client_for(finance.bank_user).post(RESPONSES, {"need": finance.need.pk, "intended_amount": "100000"})
    with django_capture_on_commit_callbacks(execute=True):
        assert client_for(finance.owner).post(f"{NEEDS}/{finance.need.pk}/withdraw").data["status"] == "withdrawn"
    assert Notification.objects.filter(user=finance.bank_user, kind="finance_need_withdrawn").count() == 1


def test_edit_need_and_intent(client_for, finance):
    owner = client_for(finance.owner)
    edited = owner.patch(f"{NEEDS}/{finance.need.pk}", {"amount": "900000"}, format="json")
    assert edited.status_code == 200 and edited.data["amount"] == "900000.00"
    assert owner.patch(f"{NEEDS}/{finance.need.pk}", {"amount": "0"}, format="json").status_code == 400
    bank = client_for(finance.bank_user)
    created = bank.post(RESPONSES, {"need": finance.need.pk, "intended_amount": "100000"}).data
    changed = bank.patch(f"{RESPONSES}/{created['id']}", {"intended_amount": "850000", "product": finance.chuangye.pk})
    assert changed.status_code == 200 and changed.data["product_name"] == "初创贷"
    assert bank.patch(f"{RESPONSES}/{created['id']}", {"intended_amount": "950000"}).status_code == 400


def test_decline_keeps_no_approved_amount(client_for, finance):
    bank = client_for(finance.bank_user)
    created = bank.post(RESPONSES, {"need": finance.need.pk, "intended_amount": "100000"}).data
    bank.post(f"{RESPONSES}/{created['id']}/approve", {"approved_amount": "100000"})
    declined = bank.post(f"{RESPONSES}/{created['id']}/decline", {"note": "抵押物不足"})
    assert declined.data["status"] == "declined" and declined.data["approved_amount"] is None
    assert declined.data["note"] == "抵押物不足"


def test_database_refuses_inconsistent_amounts(finance):
    from django.db import IntegrityError, transaction

    base = {"need": finance.need, "bank": finance.bank, "intended_amount": Decimal("100")}
    for bad in (
        {"intended_amount": Decimal("0")},
        {"status": "approved", "approved_amount": Decimal("200")},
        {"status": "approved"},
        {"status": "disbursed", "approved_amount": Decimal("100"), "disbursed_amount": Decimal("50")},
        {
            "status": "disbursed",
            "approved_amount": Decimal("100"),
            "disbursed_amount": Decimal("150"),
            "disbursed_on": timezone.localdate(),
        },
    ):
        with pytest.raises(IntegrityError), transaction.atomic():
            BankResponse.objects.create(**{**base, **bad})
