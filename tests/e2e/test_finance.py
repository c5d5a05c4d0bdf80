"""Financing with banks in the browser: a startup publishes a need and sees the
loan products it fits; the bank expresses intent and records the approval; the
startup sees the bank's answer."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from backend.accounts.models import Role
from backend.directory.models import BankProfile, FinancingNeed, LoanProduct, StartupProfile
from backend.finance.models import BankResponse
from backend.notifications.models import Notification

pytestmark = pytest.mark.e2e


def test_publish_need_bank_answers_startup_sees_it(page, login, make_user, make_org):
    founder = make_user(Role.STARTUP, name="林晓光")
    startup = make_org(founder, name="邢台光迹光电科技有限公司")
    StartupProfile.objects.create(organisation=startup, stage="startup")
    banker = make_user(Role.BANK, name="王海燕")
    bank = make_org(banker, kind="bank", name="邢台银行")
    BankProfile.objects.create(organisation=bank)
    LoanProduct.objects.create(
        bank=bank,
        name="初创贷",
        stages=["startup"],
        amount_min=Decimal("500000"),
        amount_max=Decimal("3000000"),
        collateral=["credit"],
        term_months_max=24,
    )
    LoanProduct.objects.create(
        bank=bank,
        name="成长通",
        stages=["growth"],
        amount_min=Decimal("1000000"),
        amount_max=Decimal("10000000"),
        collateral=["credit"],
    )

    # The startup publishes a need and sees the product it is eligible for, with reasons.
    login(page, founder)
    page.get_by_test_id("nav-finance-needs").click()
    page.get_by_test_id("need-new").click()
    page.get_by_test_id("need-amount").fill("80")
    page.get_by_test_id("need-purpose").fill("微型光谱仪量产线建设")
    page.get_by_test_id("need-term").fill("12")
    page.get_by_test_id("need-publish").click()
    expect(page).to_have_url(re.compile(r"/finance/needs/\d+$"))
    need = FinancingNeed.objects.get()
    assert need.amount == Decimal("800000")
    products = page.get_by_test_id("eligible-product")
    # The engine's first run in this server loads its text model: give it time on a busy machine.
    expect(products).to_have_count(1, timeout=60_000)
    expect(products.first).to_contain_text("初创贷")
    expect(products.first.get_by_test_id("reason").first).to_be_visible()
    assert Notification.objects.filter(user=banker, kind="finance_need_published").exists()

    # The bank sees the need, expresses intent and records the approval.
    page.context.clear_cookies()
    login(page, banker)
    page.get_by_test_id("nav-finance-bank").click()
    row = page.get_by_test_id("bank-need").filter(has_text="邢台光迹光电科技有限公司")
    expect(row).to_contain_text("初创贷", timeout=60_000)
    row.get_by_test_id("bank-intent").click()
    expect(page.get_by_test_id("bank-amount")).to_have_value("80")
    page.get_by_test_id("bank-note").fill("请准备近两年财务报表")
    page.get_by_test_id("bank-submit").click()
    expect(row.get_by_test_id("bank-answer-status")).to_have_text("有意向")
    row.get_by_test_id("bank-approve").click()
    page.get_by_test_id("bank-amount").fill("90")
    page.get_by_test_id("bank-submit").click()
    expect(page.get_by_test_id("bank-error")).to_contain_text("审批金额不能超过意向金额")
    page.get_by_test_id("bank-amount").fill("70")
    page.get_by_test_id("bank-submit").click()
    expect(row.get_by_test_id("bank-answer-status")).to_have_text("已审批")
    answer = BankResponse.objects.get()
    assert (answer.status, answer.approved_amount) == ("approved", Decimal("700000"))

    # The startup sees the bank's answer.
    page.context.clear_cookies()
    login(page, founder)
    page.goto(f"/finance/needs/{need.pk}")
    answers = page.get_by_test_id("bank-answers")
    expect(answers.get_by_test_id("answer-bank")).to_have_text("邢台银行")
    expect(answers.get_by_test_id("answer-status")).to_have_text("已审批")
    expect(answers.get_by_test_id("answer-approved")).to_have_text("70 万元")
    expect(page.get_by_test_id("need-status")).to_have_text("已对接")
