"""Browser journeys of the events pages (issue 3): register and check in,
book a pitch slot and approve it, score pitches and read the ranking.

Data is made directly with the ORM (fast); two browser contexts stand for two
people at once (attendee and organizer, startup and organizer, judge and organizer).
"""

from __future__ import annotations

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from backend.accounts.models import Role
from events.models import Booking, Criterion, Event, EventStatus, EventType, Judge, PitchSlot, Registration
from tests.e2e.conftest import TIMEOUT_MS

pytestmark = pytest.mark.e2e


@pytest.fixture
def other_page(browser, live_app):
    """A second person's browser (own cookies), beside ``page``."""
    context = browser.new_context(
        base_url=live_app.url, locale="zh-CN", timezone_id="Asia/Shanghai", viewport={"width": 1366, "height": 768}
    )
    context.set_default_timeout(TIMEOUT_MS)
    second = context.new_page()
    uncaught: list[str] = []
    second.on("pageerror", lambda error: uncaught.append(str(error)))
    yield second
    context.close()
    assert uncaught == [], f"uncaught errors in the page: {uncaught}"


@pytest.fixture
def organizer(make_user, make_org):
    user = make_user(Role.ORGANIZER, name="孙组织")
    bureau = make_org(user, kind="bureau", name="邢台市科学技术局")
    return user, bureau


def make_event(organisation, creator, **fields) -> Event:
    starts = (timezone.now() + timedelta(days=5)).replace(hour=6, minute=0, second=0, microsecond=0)  # 14:00 local
    fields.setdefault("type", EventType.SALON)
    fields.setdefault("capacity", 30)
    return Event.objects.create(
        organisation=organisation,
        starts=starts,
        ends=starts + timedelta(hours=3),
        status=EventStatus.PUBLISHED,
        created_by=creator,
        **fields,
    )


def statistic(page, test_id):
    return page.get_by_test_id(test_id).locator(".el-statistic__number")


def test_attendee_registers_sees_qr_and_is_checked_in_by_the_organizer(page, other_page, login, make_user, organizer):
    staff, bureau = organizer
    event = make_event(bureau, staff, title="邢台创业沙龙：光电子专场")
    attendee = make_user(Role.STARTUP, name="赵创业")

    login(page, attendee)
    page.goto(f"/events/{event.pk}")
    expect(page.get_by_test_id("event-title")).to_have_text("邢台创业沙龙：光电子专场")
    page.get_by_test_id("register").click()
    expect(page.get_by_test_id("registration-status")).to_contain_text("已报名")
    expect(page.get_by_test_id("qr-code").locator("svg")).to_be_visible()
    token = page.get_by_test_id("checkin-token").inner_text().strip()
    assert token

    login(other_page, staff)
    other_page.goto(f"/events/{event.pk}/checkin")
    expect(statistic(other_page, "count-registered")).to_have_text("1")
    expect(statistic(other_page, "count-checked-in")).to_have_text("0")
    other_page.get_by_test_id("checkin-input").fill(token)
    other_page.get_by_test_id("checkin-submit").click()
    expect(other_page.get_by_test_id("checkin-result")).to_contain_text("签到成功")
    expect(other_page.get_by_test_id("checkin-result")).to_contain_text("赵创业")
    expect(statistic(other_page, "count-checked-in")).to_have_text("1")
    assert Registration.objects.get(event=event, user=attendee).checked_in_at is not None

    # Scanning the same code again is harmless; a forged one is refused.
    other_page.get_by_test_id("checkin-input").fill(token)
    other_page.get_by_test_id("checkin-submit").click()
    expect(other_page.get_by_test_id("checkin-result")).to_contain_text("已于")
    other_page.get_by_test_id("checkin-input").fill(token[:-2] + "xx")
    other_page.get_by_test_id("checkin-submit").click()
    expect(other_page.get_by_test_id("checkin-result")).to_contain_text("签到码无效")
    expect(statistic(other_page, "count-checked-in")).to_have_text("1")

    page.reload()
    expect(page.get_by_test_id("checked-in")).to_be_visible()


def test_startup_books_a_pitch_slot_and_the_organizer_approves(page, other_page, login, make_user, make_org, organizer):
    staff, bureau = organizer
    roadshow = make_event(bureau, staff, title="月度项目路演（十一月）", type=EventType.ROADSHOW)
    slots = [
        PitchSlot.objects.create(
            event=roadshow,
            starts=roadshow.starts + timedelta(minutes=12 * i),
            ends=roadshow.starts + timedelta(minutes=12 * (i + 1)),
            label=f"#{i + 1}",
        )
        for i in range(3)
    ]
    founder = make_user(Role.STARTUP, name="钱创始")
    startup = make_org(founder, kind="startup", name="邢台光芯科技有限公司")

    login(page, founder)
    page.goto(f"/events/{roadshow.pk}")
    page.get_by_test_id(f"apply-slot-{slots[1].pk}").click()
    page.get_by_test_id("apply-title").fill("光芯片封装检测")
    page.get_by_test_id("apply-submit").click()
    expect(page.get_by_test_id("my-booking-pending")).to_be_visible()
    booking = Booking.objects.get(event=roadshow)
    assert (booking.slot_id, booking.startup_id, booking.status) == (slots[1].pk, startup.pk, "pending")

    login(other_page, staff)
    other_page.goto(f"/events/{roadshow.pk}/manage?tab=programme")
    expect(other_page.get_by_test_id("bookings-table")).to_contain_text("邢台光芯科技有限公司")
    other_page.get_by_test_id(f"approve-{booking.pk}").click()
    expect(other_page.get_by_test_id(f"booking-status-{booking.pk}")).to_have_text("已通过")

    page.reload()
    expect(page.get_by_test_id("my-booking-approved")).to_be_visible()
    expect(page.get_by_test_id("slot-startup")).to_have_text("邢台光芯科技有限公司")
    booking.refresh_from_db()
    assert booking.status == "approved"


def test_judge_scores_and_the_organizer_sees_the_ranking(page, other_page, login, make_user, make_org, organizer):
    staff, bureau = organizer
    roadshow = make_event(bureau, staff, title="科技金融路演", type=EventType.ROADSHOW)
    bookings = []
    for index, name in enumerate(["甲光电科技", "乙智能装备"]):
        founder = make_user(Role.STARTUP)
        slot = PitchSlot.objects.create(
            event=roadshow,
            starts=roadshow.starts + timedelta(minutes=15 * index),
            ends=roadshow.starts + timedelta(minutes=15 * (index + 1)),
        )
        bookings.append(
            Booking.objects.create(
                event=roadshow,
                slot=slot,
                startup=make_org(founder, kind="startup", name=name),
                applicant=founder,
                status="approved",
            )
        )
    tech = Criterion.objects.create(event=roadshow, name="技术创新性", weight=Decimal("3"), order=0)
    market = Criterion.objects.create(event=roadshow, name="市场前景", weight=Decimal("1"), order=1)
    judge = make_user(Role.MENTOR, name="周评委")
    Judge.objects.create(event=roadshow, user=judge)

    login(page, judge)
    page.goto(f"/events/{roadshow.pk}/score")
    scores = {bookings[0]: (6, 7), bookings[1]: (9, 8)}
    for booking, (t, m) in scores.items():
        page.get_by_test_id(f"score-{booking.pk}-{tech.pk}").locator("input").fill(str(t))
        page.get_by_test_id(f"score-{booking.pk}-{market.pk}").locator("input").fill(str(m))
        page.get_by_test_id(f"score-{booking.pk}-{market.pk}").locator("input").press("Tab")
        page.get_by_test_id(f"sheet-submit-{booking.pk}").click()
        expect(page.get_by_test_id(f"sheet-{booking.pk}").get_by_test_id("sheet-saved")).to_be_visible()

    login(other_page, staff)
    other_page.goto(f"/events/{roadshow.pk}/manage?tab=scoring")
    ranking = other_page.get_by_test_id("ranking")
    expect(ranking.get_by_test_id("rank-1")).to_have_text("乙智能装备")
    expect(ranking.get_by_test_id("rank-score-1")).to_have_text("8.750")
    expect(ranking.get_by_test_id("rank-2")).to_have_text("甲光电科技")
    expect(ranking.get_by_test_id("rank-score-2")).to_have_text("6.250")

    # Closing scoring makes the judge's sheets read-only.
    other_page.get_by_test_id("scoring-toggle").click()
    expect(other_page.get_by_test_id("scoring-state")).to_have_text("评分已关闭")
    page.reload()
    expect(page.get_by_test_id("scoring-closed")).to_be_visible()
    expect(page).to_have_url(re.compile(rf"/events/{roadshow.pk}/score$"))
