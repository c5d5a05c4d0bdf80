"""Recommendations on the home page and an organizer's assignment run, in the browser."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from backend.accounts.models import Role
from backend.directory.models import Industry, MentorProfile, StartupProfile

pytestmark = pytest.mark.e2e
COLD_START_MS = 45_000


@pytest.fixture
def optoelectronics(transactional_db):
    industry, _ = Industry.objects.get_or_create(slug="optoelectronics", defaults={"name": "光电子"})
    return industry


@pytest.fixture
def textiles(transactional_db):
    industry, _ = Industry.objects.get_or_create(slug="e2e-textiles", defaults={"name": "羊绒纺织"})
    return industry


@pytest.fixture
def make_startup(make_org):
    def make(user, name: str, industry, description: str):
        org = make_org(user, name=name)
        org.description = description
        org.save()
        org.industries.set([industry])
        StartupProfile.objects.create(organisation=org, stage="startup")
        return org

    return make


@pytest.fixture
def make_mentor(make_user, region):
    def make(name: str, industry, bio: str, capacity: int = 2):
        mentor = MentorProfile.objects.create(
            user=make_user(Role.MENTOR, name=name), bio=bio, region=region, capacity=capacity, title="研究员"
        )
        mentor.industries.set([industry])
        return mentor

    return make


def test_startup_sees_a_recommended_mentor_with_the_reason(
    page, login, make_user, make_startup, make_mentor, optoelectronics, textiles
):
    founder = make_user(Role.STARTUP, name="林晓光")
    make_startup(founder, "邢台光迹光电科技有限公司", optoelectronics, "激光雷达与光电子器件研发")
    make_mentor("周明哲", optoelectronics, "激光与光电子器件专家")
    make_mentor("王纺织", textiles, "羊绒纺织工艺")
    login(page, founder)

    card = page.get_by_test_id("home-widget-recommended-mentors")
    first = card.get_by_test_id("recommendation").first
    # The first recommendation of a server process loads jieba's dictionary and scikit-learn:
    # about 1.5 s on an idle machine, several times that on a busy one.
    expect(first).to_contain_text("周明哲", timeout=COLD_START_MS)
    expect(first.get_by_test_id("score")).to_contain_text("匹配度")
    expect(first.locator("[data-code=industry]")).to_have_text("产业：光电子")
    # No debt financing need yet: the loan products card says what to do.
    expect(page.get_by_test_id("home-widget-recommended-loan-products")).to_contain_text("还没有债权融资需求")


def test_organizer_runs_an_assignment_and_publishes_it(
    page, login, make_user, make_org, make_startup, make_mentor, optoelectronics, textiles
):
    organizer = make_user(Role.ORGANIZER, name="赵立新")
    make_org(organizer, kind="bureau", name="邢台市科学技术局")
    owner = make_user(Role.STARTUP)
    make_startup(owner, "邢台光迹光电科技有限公司", optoelectronics, "激光雷达与光电子器件研发")
    make_startup(owner, "邢台羊绒制品有限公司", textiles, "羊绒纺织")
    make_mentor("周明哲", optoelectronics, "激光与光电子器件专家", capacity=1)
    make_mentor("王纺织", textiles, "羊绒纺织工艺", capacity=1)
    login(page, organizer)

    page.get_by_test_id("home-widget-assignments").get_by_test_id("assignments-link").click()
    expect(page).to_have_url(re.compile(r"/assignments$"))
    page.get_by_test_id("run-title").fill("春季导师配对")
    startups = page.get_by_test_id("run-startups")
    for name in ("光迹", "羊绒"):
        startups.locator("input").fill(name)
        option = page.locator(".el-select-dropdown__item:visible", has_text=name)
        option.click()
    page.get_by_test_id("run-start").click()

    expect(page).to_have_url(re.compile(r"/assignments/\d+$"))
    expect(page.get_by_test_id("run-status")).to_have_text("已求解", timeout=COLD_START_MS)
    expect(page.get_by_test_id("run-optimal")).to_be_visible()
    rows = page.get_by_test_id("run-items").locator("tbody tr")
    expect(rows).to_have_count(2)
    optics = rows.filter(has_text="邢台光迹光电科技有限公司")
    expect(optics.get_by_test_id("item-right")).to_have_text("周明哲")
    expect(optics.locator("[data-code=industry]")).to_have_text("产业：光电子")

    optics.get_by_test_id("item-lock").click()
    expect(optics.locator(".el-switch.is-checked")).to_be_visible()
    page.get_by_test_id("run-publish").click()
    page.locator(".el-message-box").get_by_role("button", name=re.compile("确定|OK")).click()
    expect(page.get_by_test_id("run-published")).to_be_visible()
    expect(page.get_by_test_id("run-status")).to_have_text("已发布")
