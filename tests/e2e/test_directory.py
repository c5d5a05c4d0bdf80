"""The ecosystem directory in the browser: profiles and their editing, the header search, list filters."""

import re
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from backend.accounts.models import Role
from backend.directory.models import Carrier, CarrierEvaluation, Level, StartupProfile
from backend.directory.services import carrier_save

pytestmark = pytest.mark.e2e


@pytest.fixture
def make_startup(make_org):
    def make(user, *, name: str, **profile):
        org = make_org(user, name=name)
        profile.setdefault("stage", "seed")
        StartupProfile.objects.create(organisation=org, **profile)
        return org

    return make


@pytest.fixture
def make_carrier(region):
    def make(name: str, **fields):
        fields.setdefault("kind", Carrier.Kind.INCUBATOR)
        fields.setdefault("level", Level.PROVINCIAL)
        return carrier_save(carrier=Carrier(), data={"name": name, "region": region, **fields})

    return make


def test_member_edits_own_organisation_profile(page, login, make_user, make_startup):
    member = make_user(Role.STARTUP, name="林晓光")
    org = make_startup(member, name="邢台光迹光电科技有限公司", employees=12, revenue=Decimal("4200000"))
    login(page, member)

    page.get_by_test_id("section-startup").get_by_role("link", name="邢台光迹光电科技有限公司").click()
    profile = page.get_by_test_id("organisation-page")
    expect(profile.get_by_test_id("organisation-employees")).to_have_text("12")
    # Members see their confidential figures, in 万元.
    expect(profile.get_by_test_id("organisation-confidential")).to_contain_text("420 万元")

    profile.get_by_test_id("organisation-edit").click()
    expect(page).to_have_url(re.compile(rf"/organisations/{org.pk}/edit$"))
    page.get_by_test_id("edit-description").fill("专注激光雷达光学模组的研发与生产。")
    employees = page.get_by_test_id("field-employees").locator("input")
    employees.fill("25")
    page.get_by_test_id("organisation-save").click()

    expect(page).to_have_url(re.compile(rf"/organisations/{org.pk}$"))
    expect(page.get_by_test_id("organisation-description")).to_have_text("专注激光雷达光学模组的研发与生产。")
    page.reload()
    expect(page.get_by_test_id("organisation-description")).to_have_text("专注激光雷达光学模组的研发与生产。")
    expect(page.get_by_test_id("organisation-employees")).to_have_text("25")
    # Untouched confidential figures stay as they were.
    expect(page.get_by_test_id("organisation-confidential")).to_contain_text("420 万元")

    # A bad value: the API's message shows on the field, and nothing is saved.
    page.get_by_test_id("organisation-edit").click()
    page.get_by_test_id("edit-website").fill("不是网址")
    page.get_by_test_id("organisation-save").click()
    expect(page.get_by_test_id("field-website").locator(".el-form-item__error")).to_be_visible()
    expect(page).to_have_url(re.compile(rf"/organisations/{org.pk}/edit$"))
    org.refresh_from_db()
    assert org.website == ""
    assert org.description == "专注激光雷达光学模组的研发与生产。"


def test_non_member_cannot_edit(page, login, make_user, make_startup):
    owner = make_user(Role.STARTUP)
    org = make_startup(owner, name="淮北别家科技有限公司", revenue=Decimal("9900000"))
    other = make_user(Role.STARTUP, name="路人甲")
    login(page, other)

    page.goto(f"/organisations/{org.pk}")
    profile = page.get_by_test_id("organisation-page")
    expect(profile.get_by_test_id("organisation-name")).to_have_text("淮北别家科技有限公司")
    expect(profile.get_by_test_id("organisation-edit")).to_have_count(0)
    expect(profile.get_by_test_id("organisation-confidential")).to_have_count(0)

    page.goto(f"/organisations/{org.pk}/edit")
    forbidden = page.get_by_test_id("detail-forbidden")
    expect(forbidden).to_contain_text("你不能编辑这家机构")
    expect(page.get_by_test_id("organisation-save")).to_have_count(0)
    forbidden.get_by_test_id("back-to-profile").click()
    expect(page).to_have_url(re.compile(rf"/organisations/{org.pk}$"))


def test_header_search_finds_the_optoelectronics_incubator(page, login, make_user, make_carrier):
    make_carrier("吉林省光电子产业孵化器", description="依托长春光机所，打造光电信息产业集群。")
    make_carrier("邢台新材料众创空间", kind=Carrier.Kind.MAKER_SPACE)
    login(page, make_user(Role.INVESTOR))

    page.get_by_test_id("global-search").fill("光电")

    panel = page.get_by_test_id("search-panel")
    carriers = panel.get_by_test_id("search-group-carriers")
    expect(carriers).to_contain_text("吉林省光电子产业孵化器")
    expect(panel).not_to_contain_text("邢台新材料众创空间")
    carriers.get_by_test_id("search-hit").first.click()
    expect(page.get_by_test_id("carrier-name")).to_have_text("吉林省光电子产业孵化器")
    expect(page.get_by_test_id("search-panel")).to_have_count(0)

    # Enter without picking a hit: the full results page.
    page.get_by_test_id("global-search").fill("光电")
    expect(page.get_by_test_id("search-panel")).to_contain_text("吉林省光电子产业孵化器")
    page.get_by_test_id("global-search").press("Enter")
    expect(page).to_have_url(re.compile(r"/directory/search\?q="))
    expect(page.get_by_test_id("search-page").get_by_test_id("search-group-carriers")).to_contain_text(
        "吉林省光电子产业孵化器"
    )


def test_filter_narrows_the_carrier_list(page, login, make_user, make_carrier):
    national = make_carrier("长春国家级光电孵化器", level=Level.NATIONAL, workstations=300)
    make_carrier("邢台市级众创空间", kind=Carrier.Kind.MAKER_SPACE, level=Level.MUNICIPAL)
    CarrierEvaluation.objects.create(carrier=national, year=2024, grade="A")
    login(page, make_user(Role.BANK))

    page.get_by_test_id("nav-directory").click()
    page.get_by_test_id("directory-tab-carriers").click()
    titles = page.get_by_test_id("carrier-list").get_by_test_id("result-title")
    expect(titles).to_have_count(2)

    page.get_by_test_id("filter-bar").locator(".el-form-item", has_text="级别").locator(".el-select").click()
    page.locator(".el-select-dropdown__item:visible", has_text="国家级").click()

    expect(titles).to_have_count(1)
    expect(titles).to_have_text(["长春国家级光电孵化器"])
    expect(page).to_have_url(re.compile(r"level=national"))
    expect(page.get_by_test_id("carrier-grade")).to_have_text("A 优秀")
    # The filter lives in the URL: a reload shows the same narrowed list.
    page.reload()
    expect(titles).to_have_text(["长春国家级光电孵化器"])

    page.get_by_test_id("filter-reset").click()
    expect(titles).to_have_count(2)


def test_demo_startup_sees_its_profile_and_finds_the_incubator(page, login, live_app):
    from backend.demo.loader import load_demo
    from backend.demo.logins import DEMO_PASSWORD, LOGIN_BY_ROLE, STARTUP_CARRIER, STARTUP_NAME

    load_demo()
    login(page, LOGIN_BY_ROLE["startup"].email, password=DEMO_PASSWORD)

    page.get_by_test_id("section-startup").get_by_role("link", name=STARTUP_NAME).click()
    profile = page.get_by_test_id("organisation-page")
    expect(profile.get_by_test_id("organisation-name")).to_have_text(STARTUP_NAME)
    expect(profile.get_by_test_id("organisation-edit")).to_be_visible()
    expect(profile.get_by_test_id("organisation-confidential")).to_be_visible()
    expect(profile).to_contain_text(STARTUP_CARRIER)

    page.get_by_test_id("global-search").fill("光电")
    carriers = page.get_by_test_id("search-panel").get_by_test_id("search-group-carriers")
    expect(carriers.get_by_test_id("search-hit").first).to_contain_text(STARTUP_CARRIER)
    # Startups whose descriptions speak of 光电子 are found too.
    expect(page.get_by_test_id("search-group-startups").get_by_test_id("search-hit")).not_to_have_count(0)
