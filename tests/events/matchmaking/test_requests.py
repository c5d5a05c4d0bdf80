"""Meeting requests: the other side only, one live request per pair, the cap, answers, expiry and reminders."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction

from backend.core.errors import ApplicationError, Conflict
from backend.notifications.models import Notification
from events.matchmaking.models import Meeting, MeetingRequest
from events.matchmaking.services import requests as services
from events.matchmaking.services import setup
from tests.events.matchmaking.conftest import later

Status = MeetingRequest.Status


def test_enterprise_requests_bank_and_bank_accepts_creates_the_meeting(day, django_capture_on_commit_callbacks):
    ent, bank = day.enterprises[0], day.banks[0]
    with django_capture_on_commit_callbacks(execute=True):
        request = day.ask(ent, bank, "must")
    assert request.status == Status.PENDING
    told = Notification.objects.get(user=bank.user)
    assert told.title_zh == "长春光启科技有限公司 希望与您会谈（必须见）"

    with django_capture_on_commit_callbacks(execute=True):
        services.request_accept(actor=bank.user, request=request)
    request.refresh_from_db()
    assert request.status == Status.ACCEPTED
    assert request.answered_by == bank.user
    meeting = Meeting.objects.get(request=request)
    assert (meeting.enterprise, meeting.partner, meeting.preference) == (ent.participant, bank.participant, "must")
    assert meeting.slot is None  # placed by the scheduler later
    assert Notification.objects.filter(user=ent.user, kind="mm_accepted").count() == 1


def test_bank_may_request_an_enterprise_too(day):
    request = day.ask(day.banks[0], day.enterprises[1])
    services.request_accept(actor=day.enterprises[1].user, request=request)
    meeting = Meeting.objects.get(request=request)
    assert meeting.enterprise == day.enterprises[1].participant
    assert meeting.partner == day.banks[0].participant


def test_request_to_own_side_is_refused(day):
    with pytest.raises(ApplicationError) as exc:
        day.ask(day.enterprises[0], day.enterprises[1])
    assert exc.value.status_code == 400
    assert exc.value.message == services.MSG_SAME_SIDE


def test_request_to_oneself_is_refused(day):
    ent = day.enterprises[0]
    with pytest.raises(ApplicationError) as exc:
        services.request_send(actor=ent.user, sender=ent.participant, recipient=ent.participant)
    assert exc.value.message == services.MSG_SELF


def test_second_live_request_for_the_same_pair_is_409_in_either_direction(day):
    ent, bank = day.enterprises[0], day.banks[0]
    day.ask(ent, bank)
    with pytest.raises(Conflict) as exc:
        day.ask(ent, bank)
    assert exc.value.code == "pair_taken"
    with pytest.raises(Conflict):
        day.ask(bank, ent)


def test_after_a_decline_the_pair_may_ask_again(day):
    ent, bank = day.enterprises[0], day.banks[0]
    first = day.ask(ent, bank)
    services.request_decline(actor=bank.user, request=first, reason="额度已满")
    second = day.ask(ent, bank)
    assert second.status == Status.PENDING
    first.refresh_from_db()
    assert (first.status, first.reason) == (Status.DECLINED, "额度已满")


def test_database_refuses_a_second_live_request_for_a_pair(day):
    ent, bank = day.enterprises[0], day.banks[0]
    day.ask(ent, bank)
    with pytest.raises(IntegrityError), transaction.atomic():
        MeetingRequest.objects.create(day_id=day.event.pk, sender=bank.participant, recipient=ent.participant)


def test_request_cap_counts_live_requests_only(day):
    setup.day_update(actor=day.organizer, event=day.event, request_cap=1)
    ent = day.enterprises[0]
    first = day.ask(ent, day.banks[0])
    with pytest.raises(Conflict) as exc:
        day.ask(ent, day.banks[1])
    assert exc.value.code == "request_cap"
    assert "(1)" in exc.value.message
    services.request_withdraw(actor=ent.user, request=first)
    assert day.ask(ent, day.banks[1]).status == Status.PENDING


def test_answering_twice_is_409(day):
    request = day.ask(day.enterprises[0], day.banks[0])
    services.request_accept(actor=day.banks[0].user, request=request)
    with pytest.raises(Conflict) as exc:
        services.request_decline(actor=day.banks[0].user, request=request)
    assert exc.value.code == "not_pending"
    assert Meeting.objects.count() == 1


def test_no_requests_after_the_deadline(day):
    setup.day_update(actor=day.organizer, event=day.event, request_deadline=later(hours=1))
    request = day.ask(day.enterprises[0], day.banks[0])
    setup.day_update(actor=day.organizer, event=day.event, request_deadline=later(hours=-1))
    with pytest.raises(Conflict) as exc:
        day.ask(day.enterprises[1], day.banks[0])
    assert exc.value.code == "deadline_passed"
    # An answer past the deadline is refused, and the request stays expired.
    with pytest.raises(Conflict) as exc:
        services.request_accept(actor=day.banks[0].user, request=request)
    assert exc.value.code == "expired"
    request.refresh_from_db()
    assert request.status == Status.EXPIRED


def test_deadline_must_be_before_the_event_ends(day):
    with pytest.raises(ApplicationError) as exc:
        setup.day_update(actor=day.organizer, event=day.event, request_deadline=day.event.ends)
    assert "request_deadline" in exc.value.errors


def test_expiry_expires_unanswered_requests_and_tells_the_senders(day, django_capture_on_commit_callbacks):
    setup.day_update(actor=day.organizer, event=day.event, request_deadline=later(days=2))
    open_one = day.ask(day.enterprises[0], day.banks[0])
    answered = day.ask(day.enterprises[1], day.banks[0])
    services.request_accept(actor=day.banks[0].user, request=answered)

    assert services.requests_expire(now=later(days=1)) == 0  # before the deadline nothing happens
    with django_capture_on_commit_callbacks(execute=True):
        assert services.requests_expire(now=later(days=3)) == 1
    assert services.requests_expire(now=later(days=3)) == 0  # idempotent
    open_one.refresh_from_db()
    answered.refresh_from_db()
    assert (open_one.status, answered.status) == (Status.EXPIRED, Status.ACCEPTED)
    told = Notification.objects.get(user=day.enterprises[0].user, kind="mm_expired")
    assert "吉林银行长春科技支行" in told.title_zh


def test_reminder_goes_once_within_the_window(day, django_capture_on_commit_callbacks):
    setup.day_update(actor=day.organizer, event=day.event, request_deadline=later(days=2), reminder_hours=24)
    day.ask(day.enterprises[0], day.banks[0])
    day.ask(day.enterprises[1], day.banks[0])
    day.ask(day.enterprises[2], day.banks[1])

    assert services.requests_remind(now=later(hours=12)) == 0  # 36 h before: outside the window
    with django_capture_on_commit_callbacks(execute=True):
        assert services.requests_remind(now=later(hours=30)) == 3
    assert services.requests_remind(now=later(hours=31)) == 0
    reminders = Notification.objects.filter(kind="mm_reminder")
    assert reminders.get(user=day.banks[0].user).title_zh.startswith("您有 2 个会谈请求待回复")
    assert reminders.get(user=day.banks[1].user).title_zh.startswith("您有 1 个会谈请求待回复")
    # A new deadline re-arms the reminder.
    setup.day_update(actor=day.organizer, event=day.event, request_deadline=later(days=4))
    assert services.requests_remind(now=later(days=3, hours=1)) == 3
