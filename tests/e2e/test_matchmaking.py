"""A matchmaking day in the browser: the enterprise requests a bank, the bank accepts,
the organizer sets up the day, runs the scheduler and publishes, the enterprise reads its agenda."""

from __future__ import annotations

import re
import threading
from datetime import timedelta
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from backend.accounts.models import Role
from backend.directory.models import LoanProduct, StartupProfile
from backend.jobs.models import Job
from events.matchmaking.models import Meeting
from events.matchmaking.services import setup
from events.models import Event, EventStatus, EventType
from tests.events.conftest import at

pytestmark = pytest.mark.e2e


def run_worker() -> None:
    """Run the queued jobs in a thread of its own (Playwright's loop occupies this one)."""
    from procrastinate.contrib.django import app

    def work():
        from django.db import connection

        try:
            with app.replace_connector(app.connector.get_worker_connector()):
                app.run_worker(wait=False, install_signal_handlers=False, listen_notify=False)
        finally:
            connection.close()

    thread = threading.Thread(target=work)
    thread.start()
    thread.join(timeout=60)


def switch_to(page, login, user) -> None:
    page.context.clear_cookies()
    login(page, user)


def test_enterprise_requests_bank_organizer_schedules_and_publishes(page, login, make_user, make_org):
    organizer = make_user(Role.ORGANIZER, name="赵组织")
    bureau = make_org(organizer, kind="bureau", name="邢台市科学技术局")
    event = Event.objects.create(
        title="银企对接会：科技金融助力企业成长",
        type=EventType.BANK_MATCHMAKING,
        organisation=bureau,
        starts=at(7, 9),
        ends=at(7, 17),
        capacity=50,
        status=EventStatus.PUBLISHED,
    )
    founder = make_user(Role.STARTUP, name="林创业")
    enterprise = make_org(founder, kind="startup", name="邢台光迹光电科技有限公司")
    StartupProfile.objects.create(organisation=enterprise, stage="startup")
    banker = make_user(Role.BANK, name="王客户经理")
    bank = make_org(banker, kind="bank", name="邢台银行科技支行")
    LoanProduct.objects.create(
        bank=bank,
        name="科创贷",
        stages=["seed", "startup"],
        amount_min=Decimal("100000"),
        amount_max=Decimal("3000000"),
        collateral=["credit"],
        description="初创期科技企业信用贷款",
    )
    setup.participant_join(actor=banker, event=event, organisation=bank, offer="科创贷、知识产权质押贷款")
    day_url = f"/matchmaking/{event.pk}"

    # The enterprise joins, states its need, and asks the recommended bank for a meeting.
    login(page, founder)
    page.goto(day_url)
    expect(page.get_by_test_id("mm-day-title")).to_have_text(event.title)
    page.get_by_test_id("mm-join-submit").click()
    page.get_by_test_id("mm-profile-seek").fill("科技贷款 100 万元，用于扩大产能")
    page.get_by_test_id("mm-profile-amount").fill("100")
    page.get_by_test_id("mm-profile-save").click()
    expect(page.get_by_text("已保存")).to_be_visible()
    page.get_by_role("tab", name="推荐对接方").click()
    card = page.get_by_test_id("mm-rec").filter(has_text="邢台银行科技支行")
    # The first scoring in a fresh server process loads jieba's dictionary and scikit-learn: allow for it.
    expect(card).to_be_visible(timeout=45_000)
    expect(card.get_by_test_id("mm-rec-reasons")).to_contain_text("科创贷")
    expect(card).to_contain_text("适用产品：科创贷")
    card.get_by_test_id("mm-rec-request").click()
    card.get_by_test_id("mm-pref-must").click()
    card.get_by_test_id("mm-rec-message").fill("希望当面沟通贷款方案")
    card.get_by_test_id("mm-rec-send").click()
    expect(card.get_by_test_id("mm-rec-requested")).to_contain_text("待回复")

    # The bank accepts.
    switch_to(page, login, banker)
    page.goto(day_url)
    page.get_by_role("tab", name="会谈请求").click()
    received = page.get_by_test_id("mm-received").filter(has_text="邢台光迹光电科技有限公司")
    expect(received).to_contain_text("必须见")
    expect(received).to_contain_text("希望当面沟通贷款方案")
    received.get_by_test_id("mm-accept").click()
    expect(received.get_by_test_id("mm-request-status")).to_have_text("已接受")
    assert Meeting.objects.filter(day_id=event.pk, status="active").count() == 1

    # The organizer sets slots and tables, runs the scheduler and publishes.
    switch_to(page, login, organizer)
    page.goto(f"{day_url}/organize")
    page.get_by_test_id("mm-slots-save").click()
    expect(page.get_by_test_id("mm-slot-list").locator(".el-tag")).to_have_count(8)
    page.get_by_test_id("mm-tables-save").click()
    expect(page.get_by_test_id("mm-table-list").locator(".el-tag")).to_have_count(4)
    page.get_by_role("tab", name="排程").click()
    page.get_by_test_id("mm-run").click()
    expect(page.get_by_test_id("mm-job")).to_be_visible()
    for _ in range(50):
        if Job.objects.filter(kind="matchmaking.schedule").exists():
            break
        page.wait_for_timeout(100)
    run_worker()
    verdict = page.get_by_test_id("mm-verdict")
    expect(verdict).to_contain_text("已排定 1 场会谈，用时 1 个时段，已证明为最少（下界 1，可用 8）")
    expect(page.get_by_test_id("mm-lower-bound")).to_contain_text("1")
    expect(page.get_by_test_id("mm-grid-cell")).to_have_count(1)
    page.get_by_test_id("mm-publish").click()
    expect(page.get_by_test_id("mm-published")).to_contain_text("已于")

    # The enterprise reads its agenda (and may print it or add it to a calendar).
    switch_to(page, login, founder)
    expect(page.get_by_test_id("home-widget-matchmaking")).to_contain_text(event.title)
    page.goto(f"{day_url}/agenda")
    placed = Meeting.objects.select_related("slot", "table").get(day_id=event.pk)
    assert placed.slot.starts == event.starts  # one meeting: the first slot
    assert placed.slot.ends == event.starts + timedelta(minutes=20)
    item = page.get_by_test_id("mm-agenda-item")
    expect(item).to_have_count(1)
    expect(item).to_contain_text("邢台银行科技支行")
    expect(item).to_contain_text(placed.table.label)
    expect(item).to_contain_text("09:00–09:20")
    expect(page.get_by_test_id("mm-agenda-ics")).to_have_attribute(
        "href", re.compile(rf"/api/events/{event.pk}/matchmaking/agenda/ics$")
    )
