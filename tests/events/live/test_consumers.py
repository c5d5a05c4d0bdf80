"""WebSocket consumers through the real ASGI application (origin check, session and
token auth, routing) with channels' WebsocketCommunicator and the in-memory layer."""

from __future__ import annotations

from decimal import Decimal

import pytest
from channels.db import database_sync_to_async as sync_to_async
from channels.layers import get_channel_layer
from django.test import Client
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from backend.asgi import application
from events.live.consumers import CLOSE_BAD_REQUEST, CLOSE_FORBIDDEN, CLOSE_NOT_FOUND, CLOSE_UNAUTHENTICATED
from events.live.models import LiveRoom, Question
from events.models import Criterion, InvestorInterest, Judge, Registration
from events.services.registrations import checkin_token
from tests.events.live.communicator import WebsocketCommunicator

pytestmark = pytest.mark.django_db(transaction=True)

ORIGIN = (b"origin", b"http://127.0.0.1:8000")
TIMEOUT = 3


@pytest.fixture(autouse=True)
async def fresh_layer():
    await get_channel_layer().flush()
    yield
    await get_channel_layer().flush()


def session_cookie(user) -> bytes:
    client = Client()
    client.force_login(user)
    return f"sessionid={client.cookies['sessionid'].value}".encode()


async def connect(path: str, user=None, *, origin=ORIGIN, headers=(), subprotocols=None) -> WebsocketCommunicator:
    all_headers = [origin, *headers] if origin else list(headers)
    if user is not None:
        all_headers.append((b"cookie", await sync_to_async(session_cookie)(user)))
    return WebsocketCommunicator(application, path, headers=all_headers, subprotocols=subprotocols)


async def receive(comm: WebsocketCommunicator, kind: str | None = None) -> dict:
    """The next frame (of *kind*, skipping others)."""
    while True:
        frame = await comm.receive_json_from(timeout=TIMEOUT)
        if kind is None or frame["type"] == kind:
            return frame


async def closed_with(comm: WebsocketCommunicator) -> int:
    connected, _ = await comm.connect(timeout=TIMEOUT)
    assert connected  # refusals are accepted first, so that the close code reaches browsers
    message = await comm.receive_output(timeout=TIMEOUT)
    assert message["type"] == "websocket.close"
    return message["code"]


async def join(event, user, view="audience") -> tuple[WebsocketCommunicator, dict]:
    comm = await connect(f"/ws/events/{event.pk}/live?view={view}", user)
    connected, _ = await comm.connect(timeout=TIMEOUT)
    assert connected
    snapshot = await receive(comm)
    assert snapshot["type"] == "snapshot", snapshot
    return comm, snapshot["data"]


async def send(comm, **message) -> dict:
    """Send a message; return the ack or error answering it (pushes in between are skipped)."""
    await comm.send_json_to({"ref": "r1", **message})
    while True:
        frame = await receive(comm)
        if frame["type"] in ("ack", "error") and frame["data"].get("ref") == "r1":
            return frame


# --- refusals and authentication ------------------------------------------------------


async def test_anonymous_is_refused_with_4401(roadshow):
    comm = await connect(f"/ws/events/{roadshow.pk}/live")
    assert await closed_with(comm) == CLOSE_UNAUTHENTICATED


async def test_foreign_origin_is_refused_at_the_handshake(roadshow, audience):
    comm = await connect(f"/ws/events/{roadshow.pk}/live", audience, origin=(b"origin", b"https://evil.example"))
    connected, _ = await comm.connect(timeout=TIMEOUT)
    assert not connected
    missing = await connect(f"/ws/events/{roadshow.pk}/live", audience, origin=None)
    assert not (await missing.connect(timeout=TIMEOUT))[0]


async def test_an_event_the_user_may_not_see_is_4404(draft_event, audience, organizer):
    assert await closed_with(await connect(f"/ws/events/{draft_event.pk}/live", audience)) == CLOSE_NOT_FOUND
    assert await closed_with(await connect("/ws/events/999999/live", audience)) == CLOSE_NOT_FOUND
    # Its organizers see the draft.
    comm, data = await join(draft_event, organizer, "console")
    assert data["room"]["status"] == "draft"
    await comm.disconnect()


@pytest.mark.parametrize("who", ["audience", "other_organizer", "member_not_organizer", "investor"])
async def test_the_console_is_for_the_events_organizers_only(request, who, roadshow):
    user = await sync_to_async(request.getfixturevalue)(who)
    comm = await connect(f"/ws/events/{roadshow.pk}/live?view=console", user)
    assert await closed_with(comm) == CLOSE_FORBIDDEN


async def test_unknown_view_and_unknown_path(roadshow, audience):
    assert await closed_with(await connect(f"/ws/events/{roadshow.pk}/live?view=backstage", audience)) == (
        CLOSE_BAD_REQUEST
    )
    assert await closed_with(await connect("/ws/nowhere", audience)) == CLOSE_NOT_FOUND


@pytest.fixture
def token(audience) -> str:
    return Token.objects.create(user=audience).key


@pytest.mark.parametrize("how", ["header", "subprotocol", "query"])
async def test_api_clients_authenticate_with_their_token(how, token, roadshow, pitches):
    path = f"/ws/events/{roadshow.pk}/live"
    kwargs: dict = {}
    if how == "header":
        kwargs["headers"] = [(b"authorization", f"Token {token}".encode())]
    elif how == "subprotocol":
        kwargs["subprotocols"] = ["innolink", f"token.{token}"]
    else:
        path += f"?token={token}"
    comm = await connect(path, **kwargs)
    connected, subprotocol = await comm.connect(timeout=TIMEOUT)
    assert connected
    if how == "subprotocol":
        assert subprotocol == "innolink"  # never the token echoed back
    snapshot = await receive(comm, "snapshot")
    assert snapshot["data"]["room"]["total"] == 3
    await comm.disconnect()


async def test_an_unknown_token_is_refused_even_with_a_session(roadshow, audience):
    comm = await connect(f"/ws/events/{roadshow.pk}/live?token=not-a-token", audience)
    assert await closed_with(comm) == CLOSE_UNAUTHENTICATED


# --- the run of show -------------------------------------------------------------------


async def test_snapshot_on_connect_has_the_stored_state(roadshow, pitches, audience, organizer):
    comm, data = await join(roadshow, audience)
    assert data["view"] == "audience"
    assert data["room"]["phase"] == "idle"
    assert [p["booking"] for p in data["room"]["programme"]] == [b.pk for b in pitches]
    assert data["me"]["can_command"] is False
    assert "staff" not in data
    await comm.disconnect()

    console, data = await join(roadshow, organizer, "console")
    assert data["me"]["can_command"] is True
    assert data["staff"]["counts"] == {**data["staff"]["counts"], "registered": 0, "checked_in": 0, "capacity": 50}
    await console.disconnect()


async def test_commands_reach_every_view_and_refusals_come_back_as_errors(roadshow, pitches, audience, organizer):
    console, _ = await join(roadshow, organizer, "console")
    viewers = [(await join(roadshow, audience, view))[0] for view in ("audience", "screen", "presenter")]

    ack = await send(console, type="command", command="start")
    assert ack["type"] == "ack" and ack["data"]["version"] == 1
    for comm in [console, *viewers]:
        room = (await receive(comm, "room"))["data"]
        assert (room["phase"], room["current"]["booking"], room["version"]) == ("pitch", pitches[0].pk, 1)
        assert room["next"]["booking"] == pitches[1].pk

    for name, check in [
        ("next", lambda r: r["current"]["booking"] == pitches[1].pk),
        ("qa", lambda r: r["phase"] == "qa"),
        ("pause", lambda r: r["paused"] and r["phase_ends_at"] is None),
        ("resume", lambda r: not r["paused"] and r["phase_ends_at"]),
        ("previous", lambda r: r["current"]["booking"] == pitches[0].pk and r["phase"] == "pitch"),
        ("end", lambda r: r["phase"] == "ended" and r["current"] is None),
    ]:
        assert (await send(console, type="command", command=name))["type"] == "ack", name
        for comm in viewers:
            assert check((await receive(comm, "room"))["data"]), name

    refused = await send(viewers[0], type="command", command="start")
    assert refused["data"]["code"] == "forbidden"
    conflict = await send(console, type="command", command="next")
    assert conflict["data"]["code"] == "not_running"
    assert (await sync_to_async(LiveRoom.objects.get)(event=roadshow)).version == 7
    for comm in [console, *viewers]:
        await comm.disconnect()


async def test_a_reconnecting_client_gets_the_current_state_at_once(roadshow, pitches, audience, organizer):
    console, _ = await join(roadshow, organizer, "console")
    await send(console, type="command", command="start")
    await send(console, type="command", command="next")
    late, data = await join(roadshow, audience, "screen")
    assert data["room"]["current"]["booking"] == pitches[1].pk
    assert data["room"]["version"] == 2
    for comm in (console, late):
        await comm.disconnect()


async def test_ping_sync_bad_json_and_unknown_types(roadshow, audience):
    comm, _ = await join(roadshow, audience)
    await comm.send_json_to({"type": "ping", "ref": 7})
    assert await receive(comm) == {"type": "pong", "data": {"ref": 7}}
    await comm.send_to(text_data="{nope")
    assert (await receive(comm))["data"]["code"] == "bad_json"
    await comm.send_json_to([1, 2])
    assert (await receive(comm))["data"]["code"] == "bad_message"
    assert (await send(comm, type="launch"))["data"]["code"] == "unknown_type"
    await comm.send_json_to({"type": "sync"})
    assert (await receive(comm))["type"] == "snapshot"
    await comm.disconnect()


# --- questions, interest, ranking, check-in --------------------------------------------


async def test_questions_are_moderated_before_the_room_sees_them(roadshow, pitches, audience, organizer):
    console, _ = await join(roadshow, organizer, "console")
    asker, _ = await join(roadshow, audience)
    screen, _ = await join(roadshow, organizer, "screen")

    ack = await send(asker, type="question.ask", text="你们的客户是谁？")
    assert ack["data"]["status"] == "pending"
    pending = (await receive(console, "pending"))["data"]["items"]
    assert [q["text"] for q in pending] == ["你们的客户是谁？"]

    approved = await send(console, type="question.moderate", question=pending[0]["id"], action="approve")
    assert approved["data"]["status"] == "approved"
    for comm in (screen, asker):
        shown = (await receive(comm, "questions"))["data"]["items"]
        assert [(q["text"], q["author_name"]) for q in shown] == [("你们的客户是谁？", "观众")]

    not_staff = await send(asker, type="question.moderate", question=pending[0]["id"], action="reject")
    assert not_staff["data"]["code"] == "forbidden"
    invalid = await send(asker, type="question.ask", text="")
    assert invalid["data"]["code"] == "invalid" and "text" in invalid["data"]["errors"]
    assert await sync_to_async(Question.objects.filter(status="approved").count)() == 1
    for comm in (console, asker, screen):
        await comm.disconnect()


async def test_investor_interest_lands_in_the_pipeline_and_on_the_console(roadshow, pitches, investor, organizer):
    console, _ = await join(roadshow, organizer, "console")
    await send(console, type="command", command="start")
    room, data = await join(roadshow, investor)
    assert data["me"]["can_signal_interest"] is True

    ack = await send(room, type="interest")
    assert ack["data"]["startup"] == pitches[0].startup_id
    interests = (await receive(console, "interests"))["data"]["by_startup"]
    assert interests == {str(pitches[0].startup_id): 1}
    stored = await sync_to_async(InvestorInterest.objects.get)(event=roadshow, investor=investor)
    assert stored.startup_id == pitches[0].startup_id

    # On reconnect the investor sees what they marked.
    await room.disconnect()
    room, data = await join(roadshow, investor)
    assert data["me"]["my_interests"] == [pitches[0].startup_id]
    for comm in (console, room):
        await comm.disconnect()


async def test_a_judges_score_updates_the_live_ranking(roadshow, pitches, make_user, organizer):
    def setup():
        judge = make_user("mentor", name="评委")
        Judge.objects.create(event=roadshow, user=judge)
        criterion = Criterion.objects.create(event=roadshow, name="综合", weight=Decimal("1"))
        return judge, criterion

    judge, criterion = await sync_to_async(setup)()
    console, data = await join(roadshow, organizer, "console")
    assert all(row["score"] is None for row in data["staff"]["ranking"]["rows"])

    def submit():
        client = APIClient()
        client.force_authenticate(judge)
        body = {"booking": pitches[2].pk, "scores": [{"criterion": criterion.pk, "value": 9}]}
        return client.post(f"/api/events/{roadshow.pk}/scores", body, format="json")

    response = await sync_to_async(submit)()
    assert response.status_code == 200, response.data
    rows = (await receive(console, "ranking"))["data"]["rows"]
    assert (rows[0]["booking"], rows[0]["score"], rows[0]["sheets"]) == (pitches[2].pk, "9.000", 1)
    await console.disconnect()


async def test_check_in_updates_the_counter_on_the_console(roadshow, audience, organizer):
    def register():
        return Registration.objects.create(
            event=roadshow, user=audience, status=Registration.Status.CONFIRMED, queued_at=roadshow.starts
        )

    registration = await sync_to_async(register)()
    console, data = await join(roadshow, organizer, "console")
    assert (data["staff"]["counts"]["registered"], data["staff"]["counts"]["checked_in"]) == (1, 0)
    viewer, _ = await join(roadshow, audience)

    def check_in():
        client = APIClient()
        client.force_authenticate(organizer)
        return client.post(f"/api/events/{roadshow.pk}/checkin", {"token": checkin_token(registration)}, format="json")

    assert (await sync_to_async(check_in)()).status_code == 200
    counts = (await receive(console, "counts"))["data"]
    assert (counts["registered"], counts["checked_in"]) == (1, 1)
    # The audience does not get the staff's counters.
    assert await viewer.receive_nothing(timeout=0.3)
    # A second scan changes nothing and pushes nothing.
    assert (await sync_to_async(check_in)()).data["already_checked_in"] is True
    assert await console.receive_nothing(timeout=0.3)
    for comm in (console, viewer):
        await comm.disconnect()


# --- notifications ----------------------------------------------------------------------


async def test_notifications_are_pushed_after_they_are_stored(make_user):
    from backend.notifications.services import notification_mark_all_read, notify

    user, other = await sync_to_async(make_user)(), await sync_to_async(make_user)()
    await sync_to_async(notify)([user], "general", title_zh="旧通知")
    comm = await connect("/ws/notifications", user)
    assert (await comm.connect(timeout=TIMEOUT))[0]
    first = await receive(comm)
    assert first["type"] == "notifications"
    assert first["data"]["unread"] == 1
    assert [n["title_zh"] for n in first["data"]["latest"]] == ["旧通知"]

    await sync_to_async(notify)([user, other], "booking_approved", title_zh="路演申请已通过", link="/events/1")
    pushed = await receive(comm, "notification")
    assert (pushed["data"]["title_zh"], pushed["data"]["kind"], pushed["data"]["unread"]) == (
        "路演申请已通过",
        "booking_approved",
        2,
    )
    await sync_to_async(notify)([other], "general", title_zh="别人的")
    assert await comm.receive_nothing(timeout=0.3)

    await sync_to_async(notification_mark_all_read)(user=user)
    assert (await receive(comm, "notifications.unread"))["data"] == {"unread": 0}
    await comm.disconnect()

    anonymous = await connect("/ws/notifications")
    assert await closed_with(anonymous) == CLOSE_UNAUTHENTICATED


async def test_booking_approval_reaches_the_applicant_live(roadshow, make_startup, organizer):
    from events.models import Booking

    def apply():
        user, org = make_startup("申请企业")
        slot = roadshow.slots.order_by("starts").first()
        return user, Booking.objects.create(event=roadshow, slot=slot, startup=org, applicant=user)

    applicant, booking = await sync_to_async(apply)()
    comm = await connect("/ws/notifications", applicant)
    assert (await comm.connect(timeout=TIMEOUT))[0]
    await receive(comm, "notifications")

    def approve():
        client = APIClient()
        client.force_authenticate(organizer)
        return client.post(f"/api/events/{roadshow.pk}/bookings/{booking.pk}/approve", {}, format="json")

    assert (await sync_to_async(approve)()).status_code == 200
    pushed = (await receive(comm, "notification"))["data"]
    assert (pushed["kind"], pushed["target_id"], pushed["unread"]) == ("booking_approved", booking.pk, 1)
    await comm.disconnect()


# --- jobs -----------------------------------------------------------------------------


async def test_job_progress_is_pushed_to_the_jobs_owner_only(make_user):
    from backend.jobs.models import Job
    from backend.jobs.services import job_report

    owner, stranger = await sync_to_async(make_user)("organizer"), await sync_to_async(make_user)()
    job = await sync_to_async(Job.objects.create)(kind="test.export", created_by=owner)

    assert await closed_with(await connect(f"/ws/jobs/{job.pk}", stranger)) == CLOSE_NOT_FOUND
    assert await closed_with(await connect("/ws/jobs/999999", owner)) == CLOSE_NOT_FOUND

    comm = await connect(f"/ws/jobs/{job.pk}", owner)
    assert (await comm.connect(timeout=TIMEOUT))[0]
    first = await receive(comm)
    assert (first["type"], first["data"]["status"], first["data"]["progress"]) == ("job.update", "queued", 0)
    await sync_to_async(job_report)(job.pk, 40, "40/100")
    update = (await receive(comm, "job.update"))["data"]
    assert (update["progress"], update["message"]) == (40, "40/100")
    await comm.disconnect()
