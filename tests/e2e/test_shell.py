"""The app shell: role sections, language, history-mode deep links."""

import re

import pytest
from playwright.sync_api import expect

from backend.accounts.models import Role

pytestmark = pytest.mark.e2e

SECTIONS = ["startup", "mentor", "investor", "bank", "organizer", "admin"]


@pytest.mark.parametrize(
    ("roles", "is_staff"),
    [((Role.MENTOR, Role.INVESTOR), False), ((Role.BANK, Role.ORGANIZER, Role.ADMIN), True)],
)
def test_home_shows_one_section_per_role(page, login, make_user, roles, is_staff):
    user = make_user(*roles, is_staff=is_staff)

    login(page, user)

    for section in SECTIONS:
        expected = 1 if section in roles else 0
        expect(page.get_by_test_id(f"section-{section}")).to_have_count(expected)
    if Role.MENTOR in roles:
        # No mentor profile yet: the empty state calls to create it.
        expect(page.get_by_test_id("section-mentor").get_by_test_id("mentor-create")).to_be_visible()
        expect(page.get_by_test_id("nav-mentor-profile")).to_be_visible()
    if Role.ADMIN in roles:
        expect(page.get_by_test_id("admin-site")).to_have_attribute("href", "/admin/")
        expect(page.get_by_test_id("nav-admin-site")).to_be_visible()
    else:
        expect(page.get_by_test_id("nav-admin-site")).to_have_count(0)


def test_switch_language_to_english_is_remembered(page, login, make_user, make_org):
    user = make_user(Role.STARTUP, name="孙语言")
    make_org(user, name="石家庄语言科技有限公司")
    login(page, user)
    expect(page.get_by_test_id("nav-home")).to_have_text("首页")

    page.get_by_test_id("locale-switch").click()
    page.get_by_test_id("locale-en").click()

    expect(page.get_by_test_id("nav-home")).to_have_text("Home")
    expect(page.get_by_test_id("welcome")).to_have_text("Welcome, 孙语言")
    expect(page.get_by_test_id("section-startup")).to_contain_text("My companies")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.reload()
    expect(page.get_by_test_id("section-startup")).to_contain_text("My companies")
    # Domain data stays as written.
    expect(page.get_by_test_id("section-startup")).to_contain_text("石家庄语言科技有限公司")


def test_deep_link_reload_serves_the_app(page, login, make_user, make_org):
    user = make_user(Role.STARTUP)
    org = make_org(user, name="淮北深链科技有限公司")

    # Logged out: the deep link goes through the login page and back.
    page.goto(f"/organisations/{org.pk}")
    expect(page).to_have_url(re.compile(rf"/login\?next=/organisations/{org.pk}$"))
    page.locator("input[name=login]").fill(user.email)
    page.locator("input[name=password]").fill("correct-horse-battery-staple")
    page.get_by_test_id("login-submit").click()
    expect(page.get_by_test_id("organisation-page")).to_contain_text("淮北深链科技有限公司")

    response = page.reload()
    assert response is not None and response.status == 200
    expect(page.get_by_test_id("organisation-page")).to_contain_text("淮北深链科技有限公司")

    response = page.goto("/some/route/that/does/not/exist")
    assert response is not None and response.status == 200
    expect(page.get_by_test_id("not-found")).to_be_visible()
    expect(page.get_by_test_id("brand")).to_have_text(re.compile("创联 Innolink"))
