"""Each kind of notification the issue names arrives live, through the real
services that send it: booking approved (test_consumers), promoted from the
waiting list, event moved, meeting request, meeting accepted, schedule published."""

from __future__ import annotations

from datetime import timedelta

import pytest
from channels.db import database_sync_to_async
from channels.layers import get_channel_layer

from backend.asgi import application
from events.models import Registration
from events.services import events as event_services
from events.services import registrations
from tests.events.live.communicator import WebsocketCommunicator
from tests.events.live.test_consumers import ORIGIN, session_cookie
from tests.events.matchmaking.conftest import day, make_member, matchmaking_event  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
async def fresh_layer():
    await get_channel_layer().flush()
    yield


async def listen(user) -> WebsocketCommunicator:
    cookie = await database_sync_to_async(session_cookie)(user)
    comm = WebsocketCommunicator(application, "/ws/notifications", headers=[ORIGIN, (b"cookie", cookie)])
    assert (await comm.connect(timeout=3))[0]
    assert (await comm.receive_json_from(timeout=3))["type"] == "notifications"
    return comm


async def pushed(comm) -> dict:
    frame = await comm.receive_json_from(timeout=5)
    assert frame["type"] == "notification", frame
    await comm.disconnect()
    return frame["data"]


async def test_promoted_from_the_waiting_list(make_event, make_user):
    def setup():
        event = make_event(capacity=1)
        first, second = make_user(), make_user()
        seat = registrations.registration_create(user=first, event=event)
        registrations.registration_create(user=second, event=event)
        return event, first, second, seat

    event, first, second, seat = await database_sync_to_async(setup)()
    comm = await listen(second)
    await database_sync_to_async(registrations.registration_cancel)(actor=first, registration=seat)
    data = await pushed(comm)
    assert (data["kind"], data["target_id"]) == ("waitlist_promoted", event.pk)
    status = await database_sync_to_async(lambda: Registration.objects.get(user=second).status)()
    assert status == "confirmed"


async def test_event_moved(make_event, make_user, organizer):
    def setup():
        event = make_event()
        attendee = make_user()
        registrations.registration_create(user=attendee, event=event)
        return event, attendee

    event, attendee = await database_sync_to_async(setup)()
    comm = await listen(attendee)
    await database_sync_to_async(event_services.event_update)(
        actor=organizer, event=event, starts=event.starts + timedelta(hours=1), ends=event.ends + timedelta(hours=1)
    )
    data = await pushed(comm)
    assert (data["kind"], data["link"]) == ("event_moved", f"/events/{event.pk}")


async def test_meeting_request_and_meeting_accepted(day):  # noqa: F811
    enterprise, bank = day.enterprises[0], day.banks[0]
    bank_side = await listen(bank.user)
    request = await database_sync_to_async(day.ask)(enterprise, bank)
    assert (await pushed(bank_side))["kind"] == "mm_request"

    from events.matchmaking.services.requests import request_accept

    enterprise_side = await listen(enterprise.user)
    await database_sync_to_async(request_accept)(actor=bank.user, request=request)
    assert (await pushed(enterprise_side))["kind"] == "mm_accepted"


async def test_schedule_published(day):  # noqa: F811
    from events.matchmaking.services import schedule

    def prepare():
        day.slots(4)
        day.tables(2)
        day.meet(day.enterprises[0], day.banks[0])
        schedule.schedule_compute(event_id=day.event.pk)

    await database_sync_to_async(prepare)()
    comm = await listen(day.banks[0].user)
    await database_sync_to_async(schedule.schedule_publish)(actor=day.organizer, event=day.event)
    data = await pushed(comm)
    assert data["kind"] == "mm_agenda"
    assert data["title_zh"].startswith("日程已发布")
