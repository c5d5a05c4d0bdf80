"""WebSocket consumers: thin. They authorise, send the stored state on connect,
call services for what clients send, and forward what services push.

Close codes (a refused connection is accepted, then closed with one of these,
so that browsers see the code; see README.md):

* 4400 bad request (unknown view); 4401 not logged in; 4403 logged in but not
  allowed (the console for a non-organizer); 4404 no such event or job, or one
  this user may not see (as the HTTP API answers 404 out of scope).

A connection whose Origin is not in ALLOWED_HOSTS never reaches these: the
handshake is refused with HTTP 403 (no close code exists before a handshake).
"""

from __future__ import annotations

import asyncio
import json
import logging
from typing import Any
from urllib.parse import parse_qs

from channels.consumer import get_handler_name
from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncWebsocketConsumer
from django.conf import settings

from backend.core.errors import ApplicationError
from backend.live import encode

logger = logging.getLogger(__name__)

SUBPROTOCOL = "innolink"

CLOSE_BAD_REQUEST = 4400
CLOSE_UNAUTHENTICATED = 4401
CLOSE_FORBIDDEN = 4403
CLOSE_NOT_FOUND = 4404

VIEWS = ("audience", "screen", "presenter", "console")
# Without Redis the layer reaches only this process: work done by a job-queue
# worker (another process) is then read from the database every few seconds.
POLL_SECONDS = 2.0


def single_process_layer() -> bool:
    return settings.CHANNEL_LAYERS["default"]["BACKEND"].endswith("InMemoryChannelLayer")


class Consumer(AsyncWebsocketConsumer):
    """Shared plumbing: subprotocol, refusals, JSON frames, pushes, groups."""

    # Message types a client may send (besides ping), each handled by ``on_<type>``.
    accepts: tuple[str, ...] = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.joined: list[str] = []
        self.poller: asyncio.Task | None = None

    @property
    def user(self):
        return self.scope.get("user")

    async def dispatch(self, message):
        """As channels' dispatch, minus its ``close_old_connections`` before every handler.

        channels runs that in the (single) sync thread: one thread hop per message
        and consumer, serialised — for a push to a room of 1,000 it was most of the
        server's CPU (bench/bench_fanout.py). Our handlers reach the database only
        through ``database_sync_to_async``, which closes old connections itself.
        """
        handler = getattr(self, get_handler_name(message), None)
        if handler is None:
            raise ValueError(f"No handler for message type {message['type']}")
        await handler(message)

    async def open(self, *groups: str) -> None:
        for group in groups:
            await self.channel_layer.group_add(group, self.channel_name)
            self.joined.append(group)
        # Browsers fail a connection whose offered subprotocols get no answer.
        offered = self.scope.get("subprotocols") or []
        await self.accept(SUBPROTOCOL if SUBPROTOCOL in offered else None)

    async def refuse(self, code: int, reason: str) -> None:
        await self.accept(SUBPROTOCOL if SUBPROTOCOL in (self.scope.get("subprotocols") or []) else None)
        await self.close(code=code, reason=reason)

    async def disconnect(self, code):
        if self.poller is not None:
            self.poller.cancel()
        for group in self.joined:
            await self.channel_layer.group_discard(group, self.channel_name)

    async def frame(self, kind: str, data: Any) -> None:
        await self.send(text_data=encode(kind, data))

    async def error(self, code: str, message: str, ref: Any = None, errors: dict | None = None) -> None:
        await self.frame("error", {"ref": ref, "code": code, "message": message, "errors": errors or {}})

    async def push(self, message: dict[str, Any]) -> None:
        """A change pushed to a group (backend.live.push): forwarded as it was encoded."""
        await self.send(text_data=message["text"])

    async def receive(self, text_data=None, bytes_data=None):
        try:
            content = json.loads(text_data or "")
        except ValueError:
            await self.error("bad_json", "消息须为 JSON · A message is JSON.")
            return
        if not isinstance(content, dict):
            await self.error("bad_message", "消息须为带 type 的对象 · A message is an object with a type.")
            return
        kind = content.get("type")
        ref = content.get("ref")
        if kind == "ping":
            await self.frame("pong", {"ref": ref})
            return
        handler = getattr(self, "on_" + str(kind).replace(".", "_"), None) if kind in self.accepts else None
        if handler is None:
            await self.error("unknown_type", f"未知消息类型 · Unknown message type: {kind!r}.", ref)
            return
        try:
            result = await handler(content)
        except ApplicationError as exc:
            await self.error(exc.code, exc.message, ref, exc.errors)
        except Exception:
            logger.exception("live message %r failed", kind)
            await self.error("server_error", "服务器错误 · Server error.", ref)
        else:
            await self.frame("ack", {"ref": ref, "type": kind, **(result or {})})

    def start_polling(self, read, kind: str, last: Any, done=lambda state: False) -> None:
        """Where pushes cannot reach (one-process layer), send *read()* whenever it changes."""
        if not single_process_layer() or done(last):
            return

        async def poll(last):
            while not done(last):
                await asyncio.sleep(POLL_SECONDS)
                current = await database_sync_to_async(read)()
                if current != last:
                    last = current
                    await self.frame(kind, current)

        self.poller = asyncio.ensure_future(poll(last))


# --- event rooms ---------------------------------------------------------------


def _load_event(user, event_id: int):
    from events.selectors import events_visible_to

    return events_visible_to(user).filter(pk=event_id).first()


class RoomConsumer(Consumer):
    """``ws/events/<id>/live?view=audience|screen|presenter|console``."""

    accepts = ("sync", "command", "question.ask", "question.moderate", "interest")

    async def connect(self):
        from events import rules
        from events.live.publish import room_group, staff_group

        if not (self.user and self.user.is_authenticated):
            return await self.refuse(CLOSE_UNAUTHENTICATED, "login required")
        self.event_id = int(self.scope["url_route"]["kwargs"]["event_id"])
        query = parse_qs(self.scope.get("query_string", b"").decode("latin1"))
        self.view = (query.get("view") or ["audience"])[0]
        if self.view not in VIEWS:
            return await self.refuse(CLOSE_BAD_REQUEST, "unknown view")

        def authorise() -> tuple[bool, bool]:
            event = _load_event(self.user, self.event_id)
            return event is not None, event is not None and rules.can_manage_event(self.user, event)

        visible, self.is_staff = await database_sync_to_async(authorise)()
        if not visible:
            return await self.refuse(CLOSE_NOT_FOUND, "no such event")
        if self.view == "console" and not self.is_staff:
            return await self.refuse(CLOSE_FORBIDDEN, "organizers only")
        groups = [room_group(self.event_id)]
        if self.view == "console":
            groups.append(staff_group(self.event_id))
        # Join first, then read: a change committed in between arrives as a push too.
        await self.open(*groups)
        await self.on_sync({})

    def _snapshot(self) -> dict[str, Any]:
        from events.live import selectors

        event = _load_event(self.user, self.event_id)
        if event is None:  # no longer visible
            return {}
        data = {
            "room": selectors.room_state(event),
            "questions": selectors.questions_state(event),
            "me": selectors.me_state(self.user, event),
            "view": self.view,
        }
        if self.view == "console":
            data["staff"] = selectors.staff_state(event)
        return data

    async def on_sync(self, content):
        """The room as stored now: sent on (re)connect, and on request."""
        data = await database_sync_to_async(self._snapshot)()
        if not data:
            await self.close(code=CLOSE_NOT_FOUND, reason="no such event")
            return
        await self.frame("snapshot", data)

    def _call(self, service, **kwargs):
        from events.models import Event

        event = Event.objects.get(pk=self.event_id)
        return service(event=event, **kwargs)

    async def on_command(self, content):
        from events.live.services import room_command

        booking = content.get("booking")
        room = await database_sync_to_async(self._call)(
            room_command,
            actor=self.user,
            command=str(content.get("command", "")),
            booking_id=booking if isinstance(booking, int) else None,
            pitch_seconds=content.get("pitch_seconds"),
            qa_seconds=content.get("qa_seconds"),
        )
        return {"version": room.version}

    async def on_question_ask(self, content):
        from events.live.services import question_ask

        question = await database_sync_to_async(self._call)(
            question_ask, user=self.user, text=str(content.get("text", ""))
        )
        return {"question": question.pk, "status": question.status}

    async def on_question_moderate(self, content):
        from events.live.services import question_moderate

        question_id = content.get("question")
        if not isinstance(question_id, int):
            raise ApplicationError("question: an id", code="invalid", errors={"question": ["required"]})
        question = await database_sync_to_async(self._call)(
            question_moderate, actor=self.user, question_id=question_id, action=str(content.get("action", ""))
        )
        return {"question": question.pk, "status": question.status}

    async def on_interest(self, content):
        from events.live.services import interest_signal

        startup = content.get("startup")
        interest = await database_sync_to_async(self._call)(
            interest_signal,
            investor=self.user,
            startup_id=startup if isinstance(startup, int) else None,
            note=str(content.get("note", ""))[:2000],
        )
        return {"startup": interest.startup_id}


# --- notifications -------------------------------------------------------------


def user_group(user_id: int) -> str:
    return f"user.{user_id}"


def notifications_snapshot(user_id: int) -> dict[str, Any]:
    from backend.notifications.models import Notification
    from backend.notifications.serializers import NotificationSerializer

    mine = Notification.objects.filter(user_id=user_id)
    latest = NotificationSerializer(mine.order_by("-created_at", "-id")[:10], many=True).data
    return {"unread": mine.filter(read_at__isnull=True).count(), "latest": json.loads(json.dumps(latest, default=str))}


class NotificationsConsumer(Consumer):
    """``ws/notifications``: the user's own notifications as they are stored."""

    async def connect(self):
        if not (self.user and self.user.is_authenticated):
            return await self.refuse(CLOSE_UNAUTHENTICATED, "login required")
        await self.open(user_group(self.user.pk))
        user_id = self.user.pk
        state = await database_sync_to_async(notifications_snapshot)(user_id)
        await self.frame("notifications", state)
        self.start_polling(lambda: notifications_snapshot(user_id), "notifications", state)


# --- jobs ----------------------------------------------------------------------


def job_snapshot(user, job_id: int) -> dict[str, Any] | None:
    from backend.jobs.models import Job
    from backend.jobs.services import job_state

    jobs = Job.objects.all() if user.is_platform_admin else Job.objects.filter(created_by=user)
    job = jobs.filter(pk=job_id).first()
    return job_state(job) if job is not None else None


class JobConsumer(Consumer):
    """``ws/jobs/<id>``: progress and result of a job the user started (admins: any)."""

    async def connect(self):
        if not (self.user and self.user.is_authenticated):
            return await self.refuse(CLOSE_UNAUTHENTICATED, "login required")
        job_id = int(self.scope["url_route"]["kwargs"]["job_id"])
        state = await database_sync_to_async(job_snapshot)(self.user, job_id)
        if state is None:
            return await self.refuse(CLOSE_NOT_FOUND, "no such job")
        await self.open(f"job.{job_id}")
        await self.frame("job.update", state)
        user = self.user
        finished = lambda s: s is None or s["status"] in ("succeeded", "failed")  # noqa: E731
        self.start_polling(lambda: job_snapshot(user, job_id), "job.update", state, done=finished)


class NotFoundConsumer(Consumer):
    async def connect(self):
        await self.refuse(CLOSE_NOT_FOUND, "no such endpoint")
