"""Logging in, out and registering through the browser app."""

import re

import pytest
from playwright.sync_api import expect

from backend.accounts.models import Role, User
from tests.conftest import PASSWORD

pytestmark = pytest.mark.e2e


def test_login_startup_member_sees_own_organisation(page, login, make_user, make_org):
    member = make_user(Role.STARTUP, name="赵创业")
    own = make_org(member, name="邢台光电子科技有限公司")
    make_org(make_user(Role.STARTUP), name="别人家的科技公司")

    login(page, member)

    expect(page.get_by_test_id("welcome")).to_have_text("欢迎，赵创业")
    section = page.get_by_test_id("section-startup")
    expect(section.get_by_test_id("organisation")).to_have_count(1)
    expect(section).to_contain_text("邢台光电子科技有限公司")
    expect(section).not_to_contain_text("别人家的科技公司")
    section.get_by_role("link", name="邢台光电子科技有限公司").click()
    expect(page).to_have_url(re.compile(rf"/organisations/{own.pk}$"))
    expect(page.get_by_test_id("organisation-page")).to_contain_text("负责人")


def test_login_with_wrong_password_shows_the_error(page, make_user):
    make_user(Role.STARTUP, email="wrong@example.com")

    page.goto("/login")
    page.locator("input[name=login]").fill("wrong@example.com")
    page.locator("input[name=password]").fill("not-the-password")
    page.get_by_test_id("login-submit").click()

    expect(page.get_by_test_id("login-error")).to_contain_text("账号或密码错误")
    expect(page).to_have_url(re.compile(r"/login$"))
    expect(page.get_by_test_id("welcome")).to_have_count(0)


def test_register_new_account_lands_on_home(page):
    page.goto("/register")
    page.locator("input[name=name]").fill("王小明")
    page.locator("input[name=email]").fill("Wang.XM@example.com")
    page.locator("input[name=password]").fill(PASSWORD)
    page.get_by_test_id("role-startup").click()
    page.get_by_test_id("role-mentor").click()
    page.get_by_test_id("register-submit").click()

    expect(page.get_by_test_id("welcome")).to_have_text("欢迎，王小明")
    expect(page).to_have_url(re.compile(r"/$"))
    expect(page.get_by_test_id("section-startup")).to_be_visible()
    expect(page.get_by_test_id("section-mentor")).to_be_visible()
    user = User.objects.get(email="wang.xm@example.com")
    assert user.roles == ["mentor", "startup"]
    # Logged in by an HttpOnly session cookie only: no credential in browser storage.
    session = next(c for c in page.context.cookies() if c["name"] == "sessionid")
    assert session["httpOnly"] is True
    assert page.evaluate("document.cookie").find(session["value"]) == -1
    stored = page.evaluate("JSON.stringify([Object.entries(localStorage), Object.entries(sessionStorage)])")
    assert session["value"] not in stored
    assert "token" not in stored.lower()


def test_register_shows_api_field_errors_on_their_fields(page, make_user):
    make_user(email="taken@example.com")

    page.goto("/register")
    page.locator("input[name=name]").fill("李重复")
    page.locator("input[name=email]").fill("taken@example.com")
    page.locator("input[name=phone]").fill("12345")
    page.locator("input[name=password]").fill(PASSWORD)
    page.get_by_test_id("register-submit").click()

    # The phone is malformed (400 before any conflict check): its item shows the message.
    expect(page.get_by_test_id("item-phone")).to_contain_text("请输入有效的手机号")
    expect(page.get_by_test_id("item-email")).not_to_contain_text("请输入有效的手机号")
    page.locator("input[name=phone]").fill("")
    page.get_by_test_id("register-submit").click()
    expect(page.get_by_test_id("item-email")).to_contain_text("该邮箱已注册")
    expect(page.get_by_test_id("item-phone")).not_to_contain_text("请输入有效的手机号")
    assert User.objects.filter(name="李重复").count() == 0


def test_logout_returns_to_login_and_protects_pages(page, login, make_user):
    user = make_user(Role.INVESTOR, name="钱投资")
    login(page, user)

    page.get_by_test_id("user-menu").click()
    page.get_by_test_id("logout").click()

    expect(page).to_have_url(re.compile(r"/login$"))
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/login$"))
    expect(page.get_by_test_id("welcome")).to_have_count(0)
