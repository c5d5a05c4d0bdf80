"""The investors' project pool in the browser: an investor asks to see a startup's
figures, the startup grants it, the investor reads them and follows the deal, and
the startup sees the read in its access log."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from backend.accounts.models import Role
from backend.directory.models import InvestorProfile, StartupProfile
from backend.pool.models import AccessLog, AccessRequest, PipelineEntry, PoolEntry

pytestmark = pytest.mark.e2e


@pytest.fixture
def pool_world(make_user, make_org):
    founder = make_user(Role.STARTUP, name="林晓光")
    startup = make_org(founder, name="邢台光迹光电科技有限公司")
    startup.description = "微型光谱仪与激光测距模组研发"
    startup.save()
    StartupProfile.objects.create(
        organisation=startup,
        stage="startup",
        revenue=Decimal("4200000"),
        valuation=Decimal("60000000"),
        cap_table_notes="创始团队持股72%",
    )
    PoolEntry.objects.create(
        startup=startup,
        summary="面向工业检测的微型光谱仪",
        funding_sought=Decimal("8000000"),
        use_of_funds="量产线建设",
        listed_at="2026-01-01T09:00:00+08:00",
    )
    investor_user = make_user(Role.INVESTOR, name="陈思远")
    investor = make_org(investor_user, kind="investor", name="深圳湾科创")
    InvestorProfile.objects.create(
        organisation=investor, stages=["startup"], ticket_min=Decimal("1000000"), ticket_max=Decimal("20000000")
    )
    return founder, startup, investor_user, investor


def switch_user(page, login, user):
    page.context.clear_cookies()
    login(page, user)


def test_request_grant_read_and_log(page, login, pool_world):
    founder, startup, investor_user, investor = pool_world

    # The investor finds the startup in the pool and asks for its figures.
    login(page, investor_user)
    page.get_by_test_id("nav-pool").click()
    entry = page.get_by_test_id("pool-entry").filter(has_text="邢台光迹光电科技有限公司")
    expect(entry).to_contain_text("800 万元", timeout=30_000)
    entry.get_by_role("link", name="邢台光迹光电科技有限公司").click()
    expect(page).to_have_url(re.compile(rf"/pool/startups/{startup.pk}$"))
    expect(page.get_by_test_id("confidential-hidden")).to_be_visible()
    expect(page.get_by_test_id("revenue")).to_have_count(0)
    page.get_by_test_id("request-access").click()
    page.get_by_test_id("request-message").fill("希望了解财务数据")
    page.get_by_test_id("request-submit").click()
    expect(page.get_by_test_id("request-pending")).to_be_visible()
    assert AccessRequest.objects.get().status == "pending"

    # The startup grants it.
    switch_user(page, login, founder)
    page.get_by_test_id("nav-pool-mine").click()
    request_row = page.get_by_test_id("access-requests").locator("tr", has_text="深圳湾科创")
    expect(request_row).to_contain_text("希望了解财务数据")
    request_row.get_by_test_id("request-grant").click()
    expect(request_row.get_by_test_id("request-status")).to_have_text("已授权")

    # The investor now reads the figures and adds the startup to the pipeline.
    switch_user(page, login, investor_user)
    page.goto(f"/pool/startups/{startup.pk}")
    expect(page.get_by_test_id("access-status")).to_have_text("已授权")
    expect(page.get_by_test_id("revenue")).to_have_text("420 万元")
    expect(page.get_by_test_id("valuation")).to_have_text("6,000 万元")
    expect(page.get_by_test_id("confidential")).to_contain_text("创始团队持股72%")
    page.get_by_test_id("follow").click()
    expect(page.get_by_test_id("pipeline-stage")).to_contain_text("有意向")
    assert AccessLog.objects.filter(investor=investor, startup=startup, what="figures").exists()

    # The deal moves on in the pipeline.
    page.get_by_test_id("nav-pool-pipeline").click()
    row = page.get_by_test_id("pipeline-table").locator("tr", has_text="邢台光迹光电科技有限公司").first
    expect(row.get_by_test_id("deal-stage")).to_have_text("有意向")
    row.get_by_test_id("deal-move").click()
    page.get_by_test_id("move-note").fill("约了创始人见面")
    page.get_by_test_id("move-submit").click()
    expect(row.get_by_test_id("deal-stage")).to_have_text("已联系")
    assert PipelineEntry.objects.get().steps.count() == 2

    # The startup sees who read its figures, and who is interested (not the notes).
    switch_user(page, login, founder)
    page.get_by_test_id("nav-pool-mine").click()
    log = page.get_by_test_id("access-log")
    expect(log.get_by_test_id("log-investor").first).to_have_text("深圳湾科创")
    expect(log).to_contain_text("查看保密数据")
    expect(page.get_by_test_id("interested")).to_contain_text("深圳湾科创")
    expect(page.get_by_test_id("interested")).not_to_contain_text("约了创始人见面")


def test_startup_lists_itself_and_a_non_pdf_deck_is_refused(page, login, make_user, make_org, tmp_path):
    founder = make_user(Role.STARTUP, name="王创业")
    startup = make_org(founder, name="邢台新材料科技有限公司")
    StartupProfile.objects.create(organisation=startup, stage="seed")

    login(page, founder)
    page.get_by_test_id("nav-pool-mine").click()
    page.wait_for_load_state("networkidle")  # the form is filled from the loaded entry
    expect(page.get_by_test_id("listed-status")).to_have_text("未在库")
    page.get_by_test_id("pitch-summary").fill("石墨烯导热膜")
    page.get_by_test_id("pitch-amount").fill("0")
    page.get_by_test_id("pitch-save").click()
    expect(page.get_by_test_id("pitch")).to_contain_text("请确保该值大于或者等于 0.01")
    page.get_by_test_id("pitch-amount").fill("300")
    page.get_by_test_id("pitch-save").click()
    expect(page.get_by_test_id("listed-status")).to_have_text("已在库")
    assert PoolEntry.objects.get(pk=startup.pk).funding_sought == Decimal("3000000")

    fake = tmp_path / "deck.pdf"
    fake.write_bytes(b"<html>not a pdf</html>")
    page.get_by_test_id("deck-file").set_input_files(str(fake))
    page.get_by_test_id("deck-upload").click()
    expect(page.get_by_test_id("deck-error")).to_contain_text("请上传 PDF 文件")
    real = tmp_path / "real.pdf"
    real.write_bytes(b"%PDF-1.4\n%%EOF\n")
    page.get_by_test_id("deck-file").set_input_files(str(real))
    page.get_by_test_id("deck-upload").click()
    expect(page.get_by_test_id("deck-name")).to_contain_text("real.pdf")

    page.get_by_test_id("opt-out").click()
    expect(page.get_by_test_id("listed-status")).to_have_text("未在库")
    assert not PoolEntry.objects.get(pk=startup.pk).listed
