"""Two uvicorn processes share the rooms through a real Redis.

Each server is its own OS process (``python -m uvicorn``) with ``REDIS_URL`` set
to a real Redis (``REDIS_TEST_URL`` from ``make test``, else whatever
``scripts/ensure-redis.sh`` finds or starts) and a channel prefix of its own, on
this test's database. Clients (the ``websockets`` package) connect to each; a
command sent through one server reaches the clients of the other.
"""

from __future__ import annotations

import asyncio
import json
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connection
from rest_framework.authtoken.models import Token
from websockets.asyncio.client import connect

ROOT = Path(__file__).resolve().parents[3]
pytestmark = [pytest.mark.redis, pytest.mark.django_db(transaction=True)]


@pytest.fixture(scope="session")
def redis_url() -> str:
    url = os.environ.get("REDIS_TEST_URL")
    if not url:
        url = subprocess.run(
            [str(ROOT / "scripts" / "ensure-redis.sh")], cwd=ROOT, check=True, capture_output=True, text=True
        ).stdout.strip()
    return url


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _database_url() -> str:
    s = connection.settings_dict
    password = f":{s['PASSWORD']}" if s.get("PASSWORD") else ""
    # The embedded server listens on a socket directory: a host that is a path, percent-encoded.
    host = quote(s["HOST"] or "127.0.0.1", safe="")
    port = f":{s['PORT']}" if s.get("PORT") else ""
    return f"postgres://{s['USER']}{password}@{host}{port}/{s['NAME']}"


@pytest.fixture
def servers(redis_url, transactional_db):
    """Two server processes on one database and one Redis; yields their ports."""
    prefix = f"innolink-test-{secrets.token_hex(4)}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "backend.settings",
        "DATABASE_URL": _database_url(),
        "REDIS_URL": redis_url,
        "REDIS_CHANNEL_PREFIX": prefix,
        "SECURE_HTTPS": "0",
        "PYTHONPATH": str(ROOT),
    }
    ports = [_free_port(), _free_port()]
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "backend.asgi:application", "--host", "127.0.0.1", "--port", str(port)]
            + ["--lifespan", "off", "--no-access-log", "--log-level", "warning"],
            cwd=ROOT,
            env=env,
        )
        for port in ports
    ]
    try:
        for port, process in zip(ports, processes, strict=True):
            deadline = time.monotonic() + 30
            while True:
                try:
                    urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1)
                    break
                except OSError:
                    if process.poll() is not None or time.monotonic() > deadline:
                        raise RuntimeError(f"server on port {port} did not start") from None
                    time.sleep(0.1)
        yield ports
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()


async def _frame(ws, kind: str) -> dict:
    async with asyncio.timeout(5):
        while True:
            frame = json.loads(await ws.recv())
            if frame["type"] == kind:
                return frame["data"]


def _client(port: int, token: str, event_id: int, view: str):
    return connect(
        f"ws://127.0.0.1:{port}/ws/events/{event_id}/live?view={view}",
        origin=f"http://127.0.0.1:{port}",
        additional_headers={"Authorization": f"Token {token}"},
    )


async def test_a_command_through_one_process_reaches_clients_of_the_other(
    servers, roadshow, pitches, organizer, audience, investor
):
    from channels.db import database_sync_to_async

    first, second = servers
    tokens = await database_sync_to_async(
        lambda: [Token.objects.create(user=u).key for u in (organizer, audience, investor)]
    )()
    async with (
        _client(first, tokens[0], roadshow.pk, "console") as console,
        _client(second, tokens[1], roadshow.pk, "audience") as far,
        _client(first, tokens[2], roadshow.pk, "screen") as near,
    ):
        for ws in (console, far, near):
            assert (await _frame(ws, "snapshot"))["room"]["phase"] == "idle"

        await console.send(json.dumps({"type": "command", "command": "start", "ref": 1}))
        assert (await _frame(console, "ack"))["version"] == 1
        for ws in (far, near):
            room = await _frame(ws, "room")
            assert (room["phase"], room["current"]["booking"]) == ("pitch", pitches[0].pk)

        await console.send(json.dumps({"type": "command", "command": "next"}))
        assert (await _frame(far, "room"))["current"]["booking"] == pitches[1].pk

        # And back: a question asked through the second process reaches the console on the first.
        await far.send(json.dumps({"type": "question.ask", "text": "跨进程的问题"}))
        pending = await _frame(console, "pending")
        assert [q["text"] for q in pending["items"]] == ["跨进程的问题"]

    # A client that reconnects to the other process gets the stored state at once.
    async with _client(second, tokens[2], roadshow.pk, "screen") as again:
        snapshot = await _frame(again, "snapshot")
        assert (snapshot["room"]["current"]["booking"], snapshot["room"]["version"]) == (pitches[1].pk, 2)
