"""Live rooms in two browsers: the organizer runs the show, the audience follows
without reloading; notifications reach an open page and survive a reload."""

from __future__ import annotations

import json
import re
import urllib.request
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect
from rest_framework.authtoken.models import Token

from backend.accounts.models import Role
from backend.notifications.models import Notification
from events.models import Booking, Event, EventStatus, EventType, PitchSlot

pytestmark = pytest.mark.e2e


@pytest.fixture
def roadshow(make_user, make_org):
    """A published roadshow of a bureau's organizer with three approved pitches and one pending."""
    organizer = make_user(Role.ORGANIZER, name="路演组织者")
    bureau = make_org(organizer, kind="bureau", name="邢台市科学技术局")
    starts = timezone.now().replace(second=0, microsecond=0) + timedelta(hours=1)
    event = Event.objects.create(
        title="邢台市月度项目路演",
        type=EventType.ROADSHOW,
        organisation=bureau,
        starts=starts,
        ends=starts + timedelta(hours=3),
        capacity=100,
        status=EventStatus.PUBLISHED,
    )
    bookings = []
    for n in range(4):
        founder = make_user(Role.STARTUP, name=f"创始人{n + 1}")
        startup = make_org(founder, kind="startup", name=f"路演企业{n + 1}")
        slot = PitchSlot.objects.create(
            event=event, starts=starts + timedelta(minutes=12 * n), ends=starts + timedelta(minutes=12 * (n + 1))
        )
        status = Booking.Status.APPROVED if n < 3 else Booking.Status.PENDING
        bookings.append(
            Booking.objects.create(
                event=event, slot=slot, startup=startup, applicant=founder, status=status, pitch_title=f"项目{n + 1}"
            )
        )
    return event, organizer, bookings


def second_page(browser, live_app):
    context = browser.new_context(base_url=live_app.url, locale="zh-CN", timezone_id="Asia/Shanghai")
    context.set_default_timeout(10_000)
    return context, context.new_page()


def test_the_audience_follows_the_organizer_without_reloading(page, browser, live_app, login, make_user, roadshow):
    event, organizer, _bookings = roadshow
    viewer = make_user(Role.INVESTOR, name="观众投资人")

    login(page, organizer)
    page.goto(f"/live/{event.pk}/console")
    expect(page.get_by_test_id("link-status")).to_have_attribute("data-status", "open")
    expect(page.get_by_test_id("phase")).to_have_attribute("data-phase", "idle")

    context, audience = second_page(browser, live_app)
    errors: list[str] = []
    audience.on("pageerror", lambda error: errors.append(str(error)))
    try:
        login(audience, viewer)
        audience.goto(f"/live/{event.pk}")
        expect(audience.get_by_test_id("link-status")).to_have_attribute("data-status", "open")
        expect(audience.get_by_test_id("current")).to_contain_text("暂无项目在台上")
        audience.evaluate("window.__notReloaded = true")

        page.get_by_test_id("cmd-start").click()
        expect(audience.get_by_test_id("current-startup")).to_have_text("路演企业1", timeout=3000)
        expect(audience.get_by_test_id("next")).to_contain_text("路演企业2")

        page.get_by_test_id("cmd-next").click()
        # Within a second or so, with no reload of the audience's page.
        expect(audience.get_by_test_id("current-startup")).to_have_text("路演企业2", timeout=3000)
        expect(audience.get_by_test_id("countdown")).to_have_text(re.compile(r"^[78]:\d\d$"), timeout=3000)
        page.get_by_test_id("cmd-qa").click()
        expect(audience.get_by_test_id("phase")).to_have_attribute("data-phase", "qa", timeout=3000)
        assert audience.evaluate("window.__notReloaded") is True

        # A question waits for the organizer, then shows for everyone.
        audience.get_by_test_id("question-text").fill("贵公司的核心技术壁垒是什么？")
        audience.get_by_test_id("question-send").click()
        approve = page.get_by_test_id("moderation").locator("[data-test^=approve-]")
        expect(approve).to_have_count(1)
        expect(audience.get_by_test_id("questions")).to_have_count(0)
        approve.click()
        expect(audience.get_by_test_id("questions")).to_contain_text("贵公司的核心技术壁垒是什么？")

        # The investor marks interest in the pitch on stage; the console counts it.
        audience.get_by_test_id("interest").click()
        startup_id = Booking.objects.get(event=event, pitch_title="项目2").startup_id
        expect(page.get_by_test_id(f"interest-{startup_id}")).to_have_text("1")

        # The audience reloads (or reconnects): the stored state comes back at once.
        audience.reload()
        expect(audience.get_by_test_id("current-startup")).to_have_text("路演企业2")
        expect(audience.get_by_test_id("phase")).to_have_attribute("data-phase", "qa")
    finally:
        context.close()
    assert errors == []


def test_the_console_is_refused_to_the_audience(page, login, make_user, roadshow):
    event, _organizer, _bookings = roadshow
    login(page, make_user(Role.ORGANIZER, name="外单位组织者"))
    page.goto(f"/live/{event.pk}/console")
    expect(page.get_by_test_id("link-refused")).to_contain_text("仅本活动的组织者可进入控制台")
    expect(page.get_by_test_id("link-status")).to_have_attribute("data-status", "refused")


def test_a_notification_arrives_live_and_is_still_there_after_a_reload(page, live_app, login, roadshow):
    event, organizer, bookings = roadshow
    pending = bookings[3]
    login(page, pending.applicant)
    expect(page.get_by_test_id("unread-count")).to_have_attribute("data-count", "0")

    # The organizer approves through the API (another client of the same server).
    token = Token.objects.create(user=organizer).key
    request = urllib.request.Request(
        f"{live_app.url}/api/events/{event.pk}/bookings/{pending.pk}/approve",
        data=json.dumps({}).encode(),
        headers={"Authorization": f"Token {token}", "Content-Type": "application/json"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.status == 200

    expect(page.get_by_test_id("unread-count")).to_have_attribute("data-count", "1", timeout=3000)
    page.reload()
    expect(page.get_by_test_id("unread-count")).to_have_attribute("data-count", "1")

    page.get_by_test_id("notification-bell").click()
    notification = Notification.objects.get(user=pending.applicant, kind="booking_approved")
    expect(page.get_by_test_id(f"notification-{notification.pk}")).to_contain_text("路演申请已通过")
    page.get_by_test_id(f"read-{notification.pk}").click()
    expect(page.get_by_test_id("unread-count")).to_have_attribute("data-count", "0")
