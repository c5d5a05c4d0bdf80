"""Booking race over HTTP: 200 startups, 10 pitch slots, one real server.

Creates a throwaway database on the PostgreSQL server of ``DATABASE_URL`` (or
the embedded one), migrates it, creates a roadshow with 10 slots and 200
startup accounts with API tokens, starts uvicorn serving
``backend.asgi:application`` on a free port, fires 200 booking attempts at once
from 200 client threads (a barrier releases them together), prints

    booking_race: capacity=10 attempts=200 booked=10 conflicts=190 errors=0

with the figures as measured, and removes the server and the database.

The server uses Django's psycopg pool (``DB_POOL=1``, at most 20 connections)
so that 200 requests in flight do not open 200 database connections.
"""

from __future__ import annotations

import http.client
import json
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
SLOTS = 10
ATTEMPTS = 200
POOL_MAX = 20


def _server_url() -> str:
    sys.path.insert(0, str(ROOT))
    from backend.db import database_url

    return database_url(ROOT)


def _with_db(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def _admin_connect(url: str):
    import psycopg

    return psycopg.connect(_with_db(url, "postgres").replace("postgres://", "postgresql://", 1), autocommit=True)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def prepare() -> dict:
    """(In a child process with DATABASE_URL set) migrate and create the race's data."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "backend.settings")
    django.setup()
    from datetime import timedelta

    from django.core.management import call_command
    from django.utils import timezone
    from rest_framework.authtoken.models import Token

    from backend.accounts.models import Role, User
    from backend.directory.models import Membership, Organisation, OrgKind, Region
    from events.models import Event, EventStatus, EventType, PitchSlot

    call_command("migrate", verbosity=0)
    region = Region.objects.create(name="长春市", level=Region.Level.CITY)
    bureau = Organisation.objects.create(kind=OrgKind.BUREAU, name="吉林省科学技术厅", region=region)
    starts = timezone.now().replace(microsecond=0, second=0) + timedelta(days=7)
    event = Event.objects.create(
        title="科技金融路演（基准测试）",
        type=EventType.ROADSHOW,
        organisation=bureau,
        starts=starts,
        ends=starts + timedelta(hours=3),
        capacity=ATTEMPTS,
        status=EventStatus.PUBLISHED,
    )
    slots = [
        PitchSlot.objects.create(
            event=event, starts=starts + timedelta(minutes=12 * i), ends=starts + timedelta(minutes=12 * (i + 1))
        )
        for i in range(SLOTS)
    ]
    orgs = Organisation.objects.bulk_create(
        [Organisation(kind=OrgKind.STARTUP, name=f"基准企业{i:03d}", region=region) for i in range(ATTEMPTS)]
    )
    users = [User(email=f"bench{i}@example.com", name=f"创始人{i}", roles=[Role.STARTUP]) for i in range(ATTEMPTS)]
    for user in users:
        user.set_unusable_password()
    users = User.objects.bulk_create(users)
    Membership.objects.bulk_create([Membership(organisation=o, user=u) for o, u in zip(orgs, users, strict=True)])
    tokens = Token.objects.bulk_create([Token(user=u, key=Token.generate_key()) for u in users])
    return {"event": event.pk, "slots": [s.pk for s in slots], "tokens": [t.key for t in tokens]}


def _wait_until_up(port: int, server: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"server exited with {server.returncode}")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError("server did not come up")


def _race(port: int, data: dict) -> tuple[Counter, float]:
    outcomes: Counter = Counter()
    lock = threading.Lock()
    barrier = threading.Barrier(ATTEMPTS)
    path = f"/api/events/{data['event']}/bookings"

    def attempt(index: int) -> None:
        body = json.dumps({"slot": data["slots"][index % SLOTS], "pitch_title": f"项目{index}"})
        headers = {"Authorization": f"Token {data['tokens'][index]}", "Content-Type": "application/json"}
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        try:
            conn.connect()
            barrier.wait(timeout=60)
            conn.request("POST", path, body=body.encode(), headers=headers)
            response = conn.getresponse()
            payload = response.read()
            if response.status == 201:
                result = "booked"
            elif response.status == 409 and json.loads(payload).get("code") in ("slot_taken", "already_booked"):
                result = "conflict"
            else:
                result = f"error {response.status}"
        except Exception as exc:
            result = f"error {type(exc).__name__}"
        finally:
            conn.close()
        with lock:
            outcomes[result] += 1

    threads = [threading.Thread(target=attempt, args=(i,)) for i in range(ATTEMPTS)]
    for thread in threads:
        thread.start()
    started = time.perf_counter()
    for thread in threads:
        thread.join()
    return outcomes, time.perf_counter() - started


def main() -> None:
    server_url = _server_url()
    name = f"innolink_bench_{os.getpid()}_{secrets.token_hex(3)}"
    db_url = _with_db(server_url, name)
    with _admin_connect(server_url) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    env = {
        **os.environ,
        "DATABASE_URL": db_url,
        "PYTHONPATH": str(ROOT),
        "DJANGO_SETTINGS_MODULE": "backend.settings",
        "DEBUG": "0",
        "SECURE_HTTPS": "0",
        "AXES_ENABLED": "0",
        "DB_POOL": "1",
        "DB_POOL_MAX": str(POOL_MAX),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
    }
    server = None
    # 409s are logged by django.request as warnings: keep them out of the figures.
    server_log = tempfile.TemporaryFile(mode="w+")  # noqa: SIM115 (closed in finally)
    try:
        prepared = subprocess.run(
            [sys.executable, "-m", "bench.bench_booking_race", "prepare"],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
        data = json.loads(prepared.stdout.strip().splitlines()[-1])
        port = _free_port()
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "uvicorn",
                "backend.asgi:application",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                "--no-access-log",
                "--log-level",
                "warning",
                "--backlog",
                "1024",
            ],
            cwd=ROOT,
            env=env,
            stdout=server_log,
            stderr=subprocess.STDOUT,
        )
        _wait_until_up(port, server)
        outcomes, wall = _race(port, data)
        errors = sum(v for k, v in outcomes.items() if k.startswith("error"))
        print(
            f"booking_race: capacity={SLOTS} attempts={ATTEMPTS} booked={outcomes['booked']} "
            f"conflicts={outcomes['conflict']} errors={errors}",
            flush=True,
        )
        print(f"   wall time {wall:.2f} s for {ATTEMPTS} concurrent requests (db pool ≤ {POOL_MAX})", flush=True)
        if errors:
            print("   errors: " + ", ".join(f"{k}×{v}" for k, v in outcomes.items() if k.startswith("error")))
            server_log.seek(0)
            lines = [line for line in server_log.read().splitlines() if not line.startswith("Conflict:")]
            print("\n".join(lines[-30:]))
    finally:
        if server is not None:
            server.terminate()
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
        server_log.close()
        with _admin_connect(server_url) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


if __name__ == "__main__":
    if sys.argv[1:] == ["prepare"]:
        print(json.dumps(prepare()))
    else:
        main()
