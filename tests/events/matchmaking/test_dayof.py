"""On the day and after: check-in, cancellation with backfill, no-shows, outcomes, 3- and 6-month follow-ups."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db.models import F
from django.utils import timezone

from backend.core.errors import ApplicationError, Conflict
from backend.notifications.models import Notification
from events.matchmaking import selectors
from events.matchmaking.models import FollowUp, Meeting, MeetingRequest, MeetingSlot
from events.matchmaking.services import dayof, schedule, setup
from events.matchmaking.services import requests as request_services
from events.models import Event


def _today(day) -> None:
    """The event began five minutes ago and runs all day; slots start in ten minutes."""
    now = timezone.now().replace(second=0, microsecond=0)
    Event.objects.filter(pk=day.event.pk).update(starts=now - timedelta(minutes=5), ends=now + timedelta(hours=8))
    day.event.refresh_from_db()
    setup.slots_generate(
        actor=day.organizer, event=day.event, first_starts=now + timedelta(minutes=10), minutes=20, count=5
    )
    day.tables(2)


def _shift_into_the_past(day, days: int = 30) -> None:
    """Time passes: the day (its slots with it) is *days* ago."""
    delta = timedelta(days=days)
    Event.objects.filter(pk=day.event.pk).update(starts=F("starts") - delta, ends=F("ends") - delta)
    MeetingSlot.objects.filter(day_id=day.event.pk).update(starts=F("starts") - delta, ends=F("ends") - delta)
    FollowUp.objects.filter(meeting__day_id=day.event.pk).update(due_on=F("due_on") - delta)
    day.event.refresh_from_db()


@pytest.fixture
def published(day):
    """Meetings e0–b0, e1–b0, e0–b1 scheduled and published on a day that is happening now."""
    _today(day)
    e, b = day.enterprises, day.banks
    meetings = [day.meet(e[0], b[0]), day.meet(e[1], b[0]), day.meet(e[0], b[1])]
    schedule.schedule_compute(event_id=day.event.pk)
    schedule.schedule_publish(actor=day.organizer, event=day.event)
    return [Meeting.objects.get(pk=m.pk) for m in meetings]


def test_checkin_only_from_the_day_of_the_event(day):
    day.slots(3)
    day.tables(1)
    meeting = day.meet(day.enterprises[0], day.banks[0])
    schedule.schedule_compute(event_id=day.event.pk)
    with pytest.raises(Conflict) as exc:
        dayof.meeting_checkin(actor=day.organizer, meeting=meeting)
    assert exc.value.code == "not_today"


def test_checkin_twice_says_already_and_undo_clears(published, day):
    meeting = published[0]
    checked, already = dayof.meeting_checkin(actor=day.organizer, meeting=meeting)
    assert checked.checked_in_at is not None and not already
    assert checked.checked_in_by == day.organizer
    _again, already = dayof.meeting_checkin(actor=day.organizer, meeting=meeting)
    assert already
    undone, _ = dayof.meeting_checkin(actor=day.organizer, meeting=meeting, undo=True)
    assert undone.checked_in_at is None


def test_cancellation_frees_the_slot_and_offers_it_to_a_waiting_request(
    published, day, django_capture_on_commit_callbacks
):
    e, b = day.enterprises, day.banks
    cancelled = published[1]  # e1 with b0; e0 meets b1 in the same slot (b0's other slot holds e0–b0)
    freed_slot, freed_table = cancelled.slot, cancelled.table
    assert Meeting.objects.filter(partner=b[1].participant, slot=freed_slot, status="active").exists()
    waiting = day.ask(e[2], b[0], "nice")  # both free in the freed slot once it is cancelled
    busy = day.ask(e[1], b[1], "must")  # b1 sits with e0 then: not offered

    with django_capture_on_commit_callbacks(execute=True):
        meeting, offered = dayof.meeting_cancel(actor=e[1].user, meeting=cancelled, reason="临时有事")

    assert meeting.status == Meeting.Status.CANCELLED and meeting.cancel_reason == "临时有事"
    assert MeetingRequest.objects.get(pk=cancelled.request_id).status == MeetingRequest.Status.CANCELLED
    assert not FollowUp.objects.filter(meeting=cancelled).exists()
    assert [r.pk for r in offered] == [waiting.pk]
    assert {n.user_id for n in Notification.objects.filter(kind="mm_cancelled")} == {e[1].user.pk, b[0].user.pk}
    waiting.refresh_from_db()
    busy.refresh_from_db()
    assert (waiting.offered_slot, busy.offered_slot) == (freed_slot, None)
    offer = Notification.objects.get(kind="mm_backfill", user=b[0].user)
    assert "接受 长春智造装备有限公司 的会谈请求即可在该时段会谈" in offer.title_zh

    request_services.request_accept(actor=b[0].user, request=waiting)

    late = Meeting.objects.get(request=waiting)
    assert (late.slot, late.table) == (freed_slot, freed_table)


def test_backfill_reopens_a_request_that_expired_unanswered(published, day):
    e, b = day.enterprises, day.banks
    setup.day_update(actor=day.organizer, event=day.event, request_deadline=timezone.now() + timedelta(minutes=1))
    waiting = day.ask(e[2], b[0])
    assert request_services.requests_expire(now=timezone.now() + timedelta(minutes=2)) == 1
    cancelled = next(m for m in published if m.partner_id == b[0].participant.pk)

    _meeting, offered = dayof.meeting_cancel(actor=day.organizer, meeting=cancelled)

    assert [r.pk for r in offered] == [waiting.pk]
    waiting.refresh_from_db()
    assert waiting.status == MeetingRequest.Status.PENDING and waiting.offered_slot_id == cancelled.slot_id
    # The offer keeps it open past the deadline until the slot starts.
    request_services.request_accept(actor=b[0].user, request=waiting)
    assert Meeting.objects.get(request=waiting).slot_id == cancelled.slot_id


def test_cancelling_twice_is_409(published, day):
    dayof.meeting_cancel(actor=day.organizer, meeting=published[0])
    with pytest.raises(Conflict):
        dayof.meeting_cancel(actor=day.organizer, meeting=published[0])


def test_outcomes_need_a_checked_in_meeting_and_match_the_intention(published, day):
    meeting = published[0]
    with pytest.raises(Conflict) as exc:
        dayof.outcome_record(actor=day.enterprises[0].user, meeting=meeting, side="enterprise")
    assert exc.value.code == "no_show"
    dayof.meeting_checkin(actor=day.organizer, meeting=meeting)
    meeting.refresh_from_db()
    with pytest.raises(ApplicationError) as exc:
        dayof.outcome_record(
            actor=day.enterprises[0].user, meeting=meeting, side="enterprise", intention="none", amount=Decimal("5")
        )
    assert "amount" in exc.value.errors

    dayof.outcome_record(
        actor=day.enterprises[0].user,
        meeting=meeting,
        side="enterprise",
        follow_up_planned=True,
        intention="loan",
        amount=Decimal("1000000"),
        note="约定下周提交材料",
    )
    dayof.outcome_record(
        actor=day.banks[0].user, meeting=meeting, side="partner", intention="loan", amount=Decimal("800000")
    )
    # Recording again replaces that side's account.
    dayof.outcome_record(
        actor=day.banks[0].user, meeting=meeting, side="partner", intention="loan", amount=Decimal("900000")
    )
    assert meeting.outcomes.count() == 2

    _shift_into_the_past(day, days=1)
    overview = selectors.outcomes_overview(day.event.pk)
    assert (overview["meetings"], overview["checked_in"], overview["no_show"]) == (3, 1, 2)
    assert overview["follow_up_planned"] == 1
    loans = {(row["side"], row["intention"]): row["amount"] for row in overview["intentions"]}
    assert loans == {("enterprise", "loan"): Decimal("1000000.00"), ("partner", "loan"): Decimal("900000.00")}
    assert selectors.attendance(Meeting.objects.select_related("slot").get(pk=published[1].pk)) == "no_show"


def test_follow_ups_are_asked_when_due_for_meetings_that_took_place(published, day, django_capture_on_commit_callbacks):
    took_place = published[0]
    dayof.meeting_checkin(actor=day.organizer, meeting=took_place)
    assert dayof.followups_ask() == 0  # nothing due yet
    with pytest.raises(Conflict) as exc:
        dayof.followup_answer(
            actor=day.enterprises[0].user,
            follow_up=FollowUp.objects.get(meeting=took_place, side="enterprise", months=3),
            result="signed",
        )
    assert exc.value.code == "not_due"

    _shift_into_the_past(day, days=100)  # three months later, not yet six
    with django_capture_on_commit_callbacks(execute=True):
        assert dayof.followups_ask() == 2  # both sides of the one meeting that took place, at 3 months
    assert dayof.followups_ask() == 0
    asks = Notification.objects.filter(kind="mm_followup")
    assert {n.user_id for n in asks} == {day.enterprises[0].user.pk, day.banks[0].user.pk}
    assert "3 个月前与 吉林银行长春科技支行 的会谈" in asks.get(user=day.enterprises[0].user).title_zh

    follow_up = FollowUp.objects.get(meeting=took_place, side="enterprise", months=3)
    with pytest.raises(ApplicationError) as exc:
        dayof.followup_answer(actor=day.enterprises[0].user, follow_up=follow_up, result="nothing", amount=Decimal(1))
    assert "amount" in exc.value.errors
    answered = dayof.followup_answer(
        actor=day.enterprises[0].user, follow_up=follow_up, result="signed", amount=Decimal("1000000")
    )
    assert (answered.result, answered.answered_by) == ("signed", day.enterprises[0].user)

    _shift_into_the_past(day, days=100)
    assert dayof.followups_ask() == 2  # the six-month questions
