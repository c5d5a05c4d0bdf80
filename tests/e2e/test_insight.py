"""The organizer's dashboard: open it, change the period, download the workbook, open the map."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from backend.accounts.models import Role

pytestmark = pytest.mark.e2e
SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.fixture
def bureau_data(make_user, make_org):
    from django.utils import timezone

    from events.models import Event, EventStatus, EventType, Registration

    organizer = make_user(Role.ORGANIZER, name="邢台统计员")
    bureau = make_org(organizer, kind="bureau", name="邢台市科学技术局")
    this_year = timezone.localdate().year

    def event(title, type_, year, month, people):
        starts = datetime(year, month, 10, 14, tzinfo=SHANGHAI)
        ev = Event.objects.create(
            title=title, type=type_, organisation=bureau, starts=starts, ends=starts + timedelta(hours=2),
            capacity=50, status=EventStatus.FINISHED, online_url="https://meeting.example.com/e2e",
        )  # fmt: skip
        for i in range(people):
            user = make_user(Role.STARTUP, name=f"{title}参与者{i}")
            Registration.objects.create(event=ev, user=user, status="confirmed", queued_at=starts)
        return ev

    # This year: a roadshow and a salon in January (already past); last year: three salons.
    event("一月路演", EventType.ROADSHOW, this_year, 1, 3)
    event("一月沙龙", EventType.SALON, this_year, 1, 2)
    for month in (3, 6, 9):
        event(f"{month}月沙龙", EventType.SALON, this_year - 1, month, 1)
    return organizer, this_year


def test_organizer_changes_the_period_and_downloads_the_workbook(page, login, bureau_data, tmp_path):
    organizer, this_year = bureau_data
    login(page, organizer)
    page.get_by_test_id("nav-insight").click()

    dashboard = page.get_by_test_id("insight-dashboard")
    expect(dashboard).to_be_visible()
    events = page.get_by_test_id("figure-events-events").get_by_test_id("value")
    registrations = page.get_by_test_id("figure-events-registrations").get_by_test_id("value")
    expect(events).to_have_text("2")
    expect(registrations).to_have_text("5")
    expect(page.get_by_test_id("scope-label")).to_contain_text("邢台市")
    expect(page.get_by_test_id("chart-events-by_month").locator("canvas").first).to_be_visible()

    page.get_by_test_id(f"scope-year-{this_year - 1}").click()
    expect(events).to_have_text("3")
    expect(registrations).to_have_text("3")
    last_year = f"date_from={this_year - 1}-01-01&date_to={this_year - 1}-12-31"
    expect(page).to_have_url(re.compile(re.escape(f"/insight?{last_year}")))
    expect(page.get_by_test_id("open-report")).to_have_attribute("href", re.compile(re.escape(last_year)))

    with page.expect_download() as download_info:
        page.get_by_test_id("download-workbook").click()
    download = download_info.value
    assert download.suggested_filename == f"innolink-statistics-{this_year - 1}0101-{this_year - 1}1231.xlsx"
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    book = load_workbook(path)
    assert book.sheetnames[:2] == ["概况 Summary", "活动 Events"]
    sheet = book["活动 Events"]
    figures = {row[0]: row[3] for row in sheet.iter_rows(min_row=5, values_only=True) if row[0]}
    assert figures["events"] == 3 and figures["registrations"] == 3
    summary = [row[1] for row in book["概况 Summary"].iter_rows(values_only=True) if row[0] == "活动"]
    assert summary and "活动3场" in summary[0]

    with page.expect_download() as png_info:
        page.get_by_test_id("png-events-by_month").click()
    assert png_info.value.suggested_filename == "events-by_month.png"


def test_report_and_ecosystem_map_open_from_the_dashboard(page, login, bureau_data):
    organizer, this_year = bureau_data
    login(page, organizer)
    page.goto(f"/insight?date_from={this_year}-01-01&date_to={this_year}-12-31")
    with page.context.expect_page() as report_info:
        page.get_by_test_id("open-report").click()
    report = report_info.value
    expect(report.locator("h2").first).to_have_text("一、基本情况")
    expect(report.get_by_test_id("paragraph-events")).to_contain_text("活动2场")
    report.close()

    page.get_by_test_id("open-ecosystem").click()
    expect(page.get_by_test_id("insight-ecosystem")).to_be_visible()
    expect(page.get_by_test_id("ecosystem-totals")).to_contain_text("0条关系")
    expect(page.get_by_test_id("isolated")).to_be_visible()


def test_people_without_statistics_rights_do_not_see_the_dashboard(page, login, make_user):
    founder = make_user(Role.STARTUP)
    login(page, founder)
    expect(page.get_by_test_id("nav-insight")).to_have_count(0)
    page.goto("/insight")
    expect(page.get_by_test_id("welcome")).to_be_visible()  # the router sends them home
