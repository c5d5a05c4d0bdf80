"""Mentoring in the browser: a startup asks, the mentor accepts and logs a session, the startup
reads it; a full mentor is told why an acceptance fails; an organizer runs a programme."""

import pytest
from playwright.sync_api import expect

from backend.accounts.models import Role
from backend.directory.models import MentorProfile, OrgKind, StartupProfile
from backend.mentoring.models import MentoringRequest, MentoringSession, Mentorship

pytestmark = pytest.mark.e2e


@pytest.fixture
def founder(make_user, make_org):
    user = make_user(Role.STARTUP, name="林晓光")
    org = make_org(user, name="长春光迹光电科技有限公司")
    StartupProfile.objects.create(organisation=org, stage="startup")
    user.startup = org
    return user


@pytest.fixture
def mentor(make_user):
    user = make_user(Role.MENTOR, name="周明哲")
    MentorProfile.objects.create(
        user=user, title="研究员", affiliation="长春光机所", expertise=["光电技术", "量产工艺"], capacity=2
    )
    return user


def test_startup_asks_mentor_accepts_logs_a_session_and_the_startup_reads_it(page, login, founder, mentor):
    # The startup finds the mentor and asks.
    login(page, founder)
    expect(page.get_by_test_id("home-widget-mentoring-startup")).to_be_visible()
    page.get_by_test_id("nav-mentoring-startup").click()
    page.get_by_test_id("filter-q").fill("光电")
    page.get_by_test_id("filter-q").press("Enter")
    card = page.get_by_test_id(f"mentor-{mentor.mentor_profile.pk}")
    expect(card.get_by_test_id("mentor-places")).to_contain_text("2")
    card.get_by_test_id("ask").click()
    dialog = page.get_by_test_id("ask-dialog")
    dialog.get_by_test_id("ask-message").fill("我们在做微型光谱仪，想请教量产工艺。")
    dialog.get_by_test_id("ask-needs").fill("量产工艺")
    dialog.get_by_test_id("ask-needs").press("Enter")
    dialog.get_by_test_id("ask-submit").click()
    expect(card.get_by_test_id("asked")).to_be_visible()
    request = MentoringRequest.objects.get(startup=founder.startup)
    assert request.needs == ["量产工艺"] and request.status == "pending"
    page.get_by_test_id("mentoring-tab-requests").click()
    expect(page.get_by_test_id(f"request-{request.pk}").get_by_test_id("status-pending")).to_be_visible()

    # The mentor sees the request on the home page, accepts and logs a session.
    mentor_page = page.context.browser.new_context(
        base_url=page.url.split("/mentoring")[0], locale="zh-CN", timezone_id="Asia/Shanghai"
    ).new_page()
    login(mentor_page, mentor)
    home_card = mentor_page.get_by_test_id("home-widget-mentoring-mentor")
    expect(home_card.get_by_test_id("count-incoming")).to_contain_text("1")
    mentor_page.get_by_test_id("nav-mentoring-mentor").click()
    item = mentor_page.get_by_test_id(f"incoming-{request.pk}")
    expect(item).to_contain_text("想请教量产工艺")
    item.get_by_test_id("accept").click()
    expect(mentor_page.get_by_test_id(f"incoming-{request.pk}")).to_have_count(0)
    mentorship = Mentorship.objects.get(request=request)
    mentor_page.get_by_test_id("mentoring-tab-mentees").click()
    mentor_page.get_by_test_id(f"mentorship-{mentorship.pk}").get_by_test_id("mentorship-link").click()
    expect(mentor_page.get_by_test_id("mentee-profile")).to_contain_text("长春光迹光电科技有限公司")
    expect(mentor_page.get_by_test_id("mentee-contact")).to_contain_text(founder.email)
    form = mentor_page.get_by_test_id("session-form")
    form.get_by_test_id("session-topics").fill("良率")
    form.get_by_test_id("session-topics").press("Enter")
    form.get_by_test_id("session-notes").fill("分析了小批量试产的良率问题。")
    form.get_by_test_id("session-follow-ups").fill("两周内提交工艺改进方案。")
    form.get_by_test_id("session-save").click()
    session_log = mentor_page.get_by_test_id("session-log")
    expect(session_log).to_contain_text("分析了小批量试产的良率问题。")
    assert MentoringSession.objects.get(mentorship=mentorship).duration_minutes == 60
    mentor_page.context.close()

    # The startup reads the session in its mentorship.
    page.get_by_test_id("mentoring-tab-mine").click()
    page.get_by_test_id(f"mentorship-{mentorship.pk}").get_by_test_id("mentorship-link").click()
    expect(page.get_by_test_id("session-log")).to_contain_text("分析了小批量试产的良率问题。")
    expect(page.get_by_test_id("session-log")).to_contain_text("两周内提交工艺改进方案。")
    expect(page.get_by_test_id("mentee-profile")).to_have_count(0)  # the mentor's view only


def test_a_full_mentor_is_told_why_accepting_fails(page, login, make_user, make_org, mentor):
    profile = mentor.mentor_profile
    profile.capacity = 1
    profile.save()
    first_owner = make_user(Role.STARTUP)
    Mentorship.objects.create(startup=make_org(first_owner, name="已在辅导科技有限公司"), mentor=profile)
    owner = make_user(Role.STARTUP)
    waiting = MentoringRequest.objects.create(
        startup=make_org(owner, name="等待辅导科技有限公司"), mentor=profile, requested_by=owner, message="请指导"
    )

    login(page, mentor)
    page.goto("/mentoring/incoming")
    page.get_by_test_id(f"incoming-{waiting.pk}").get_by_test_id("accept").click()

    notice = page.get_by_test_id("capacity-full")
    expect(notice).to_contain_text("名额已满")
    expect(notice).to_contain_text("1/1")
    expect(page.get_by_test_id(f"incoming-{waiting.pk}")).to_be_visible()
    # Declining needs a reason; the startup will read it.
    page.get_by_test_id(f"incoming-{waiting.pk}").get_by_test_id("decline").click()
    page.get_by_test_id("decline-reason").fill("名额已满，建议联系其他光电方向导师。")
    page.get_by_test_id("decline-submit").click()
    expect(page.get_by_test_id(f"incoming-{waiting.pk}")).to_have_count(0)
    waiting.refresh_from_db()
    assert waiting.status == "declined" and waiting.decline_reason.startswith("名额已满")


def test_organizer_runs_a_programme_and_the_mentor_confirms(page, login, make_user, make_org, founder, mentor):
    organizer = make_user(Role.ORGANIZER, name="赵立新")
    make_org(organizer, kind=OrgKind.BUREAU, name="吉林省科学技术厅")

    login(page, organizer)
    page.get_by_test_id("nav-mentoring-organizer").click()
    page.get_by_test_id("programme-create").click()
    page.get_by_test_id("programme-name").fill("光电子导师辅导计划")
    page.get_by_test_id("programme-save").click()
    expect(page.get_by_test_id("programme-title")).to_have_text("光电子导师辅导计划")

    page.get_by_test_id("pick-startup").click()
    page.keyboard.type("光迹")
    page.get_by_role("option", name="长春光迹光电科技有限公司").click()
    page.get_by_test_id("add-startup").click()
    expect(page.get_by_test_id(f"programme-startup-{founder.startup.pk}")).to_be_visible()
    page.get_by_test_id("pick-mentor").click()
    page.keyboard.type("周明哲")
    page.get_by_role("option", name="周明哲 · 研究员 · 长春光机所").click()
    page.get_by_test_id("add-mentor").click()
    expect(page.get_by_test_id(f"programme-mentor-{mentor.mentor_profile.pk}")).to_be_visible()

    page.get_by_test_id("propose").click()
    # The first run of a server process also loads the tokenizer and builds the ecosystem graph.
    expect(page.get_by_test_id("propose-result")).to_contain_text("新增 1 条", timeout=60_000)
    table = page.get_by_test_id("proposal-table")
    expect(table).to_contain_text("长春光迹光电科技有限公司")
    expect(table.get_by_test_id("status-proposed")).to_be_visible()

    mentor_page = page.context.browser.new_context(
        base_url=page.url.split("/mentoring")[0], locale="zh-CN", timezone_id="Asia/Shanghai"
    ).new_page()
    login(mentor_page, mentor)
    mentor_page.goto("/mentoring/incoming")
    mentor_page.get_by_test_id("proposals").get_by_test_id("confirm").click()
    expect(mentor_page.get_by_test_id("proposals")).to_contain_text("暂无需要确认的推荐")
    mentor_page.context.close()

    page.reload()
    expect(page.get_by_test_id("proposal-table").get_by_test_id("status-confirmed")).to_be_visible()
    expect(page.get_by_test_id("programme-counts")).to_contain_text("1")
    assert Mentorship.objects.filter(startup=founder.startup, mentor=mentor.mentor_profile, status="active").exists()
