"""Fan-out of a live room: one organizer's command, N WebSocket clients on loopback.

Creates a throwaway database (on the server of ``DATABASE_URL`` or the embedded
one), migrates it, creates a roadshow with approved pitches and N audience
accounts with API tokens, then for each setup

* one uvicorn process with the in-memory channel layer;
* two uvicorn processes sharing the room through Redis (``REDIS_URL``, else what
  ``scripts/ensure-redis.sh`` finds or starts), clients split between them;

connects N clients (the ``websockets`` package, token auth) plus the organizer's
console, sends ``next`` / ``previous`` alternately and times, per command, the
moment each client receives the new state. Printed per setup:

    fanout: 1 process (in-memory layer) clients=1000 commands=60
        last client: median … ms p99 … ms | each client: median … ms p99 … ms

"last client" is the time from sending the command to the last of the N clients
receiving it (the figure a room cares about); "each client" pools every
client's delay; "CPU per command" is the servers' and the clients' CPU time
per command, which does not depend on what else the machine runs (the delays
do: clients, servers, PostgreSQL and Redis share this machine's cores).

Measured here (2 cores shared with other work, 1,000 clients, 60 commands):
one process median 175 ms / p99 415 ms to the last client, servers 112 ms CPU
per command; two processes with Redis 267 ms / 566 ms, 123 ms CPU (load
average 5–6). Under load average 11 the same code gave 932 / 2,678 ms and
548 / 669 ms. Before the consumer and in-memory layer fixes (see
events/live/consumers.py ``dispatch`` and backend/live.py) one process took
2,026 / 3,742 ms.

Knobs: ``FANOUT_CLIENTS`` (default 1000), ``FANOUT_COMMANDS`` (default 60),
``FANOUT_ONLY_ONE=1`` (skip the Redis setup), ``FANOUT_UVICORN_ARGS`` (extra
server flags, e.g. ``--ws-per-message-deflate false``: about 15 % less server CPU).
"""

from __future__ import annotations

import asyncio
import json
import os
import secrets
import statistics
import subprocess
import sys
import tempfile
import time

from bench.bench_booking_race import ROOT, _admin_connect, _free_port, _server_url, _wait_until_up, _with_db

CLIENTS = int(os.environ.get("FANOUT_CLIENTS", "1000"))
COMMANDS = int(os.environ.get("FANOUT_COMMANDS", "60"))
WARMUP = 3
CONNECT_CONCURRENCY = 50
ROUND_TIMEOUT = 30.0


def prepare() -> dict:
    """(In a child process with DATABASE_URL set) migrate and create the room and its audience."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "backend.settings")
    django.setup()
    from datetime import timedelta

    from django.core.management import call_command
    from django.utils import timezone
    from rest_framework.authtoken.models import Token

    from backend.accounts.models import Role, User
    from backend.directory.models import Membership, Organisation, OrgKind, Region
    from events.models import Booking, Event, EventStatus, EventType, PitchSlot

    call_command("migrate", verbosity=0)
    region = Region.objects.create(name="邢台市", level=Region.Level.CITY)
    bureau = Organisation.objects.create(kind=OrgKind.BUREAU, name="邢台市科学技术局", region=region)
    starts = timezone.now().replace(microsecond=0, second=0) + timedelta(hours=1)
    event = Event.objects.create(
        title="月度项目路演（基准测试）",
        type=EventType.ROADSHOW,
        organisation=bureau,
        starts=starts,
        ends=starts + timedelta(hours=3),
        capacity=CLIENTS,
        status=EventStatus.PUBLISHED,
    )
    organizer = User.objects.create_user(email="organizer@bench.example", name="组织者", roles=[Role.ORGANIZER])
    Membership.objects.create(organisation=bureau, user=organizer)
    for i in range(4):
        slot = PitchSlot.objects.create(
            event=event, starts=starts + timedelta(minutes=12 * i), ends=starts + timedelta(minutes=12 * (i + 1))
        )
        startup = Organisation.objects.create(kind=OrgKind.STARTUP, name=f"路演企业{i + 1}", region=region)
        Booking.objects.create(
            event=event,
            slot=slot,
            startup=startup,
            applicant=organizer,
            status=Booking.Status.APPROVED,
            pitch_title=f"项目{i + 1}",
        )
    users = [User(email=f"viewer{i}@bench.example", name=f"观众{i}", roles=[Role.STARTUP]) for i in range(CLIENTS)]
    for user in users:
        user.set_unusable_password()
    users = User.objects.bulk_create(users)
    tokens = Token.objects.bulk_create([Token(user=u, key=Token.generate_key()) for u in [organizer, *users]])
    return {"event": event.pk, "organizer": tokens[0].key, "viewers": [t.key for t in tokens[1:]]}


def _redis_url() -> str:
    if os.environ.get("REDIS_URL"):
        return os.environ["REDIS_URL"]
    done = subprocess.run(
        [str(ROOT / "scripts" / "ensure-redis.sh")], cwd=ROOT, check=True, capture_output=True, text=True
    )
    return done.stdout.strip()


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


async def _measure(ports: list[int], pids: list[int], data: dict):
    from websockets.asyncio.client import connect

    event = data["event"]
    received: list[float | None] = [None] * CLIENTS
    waiting = {"left": 0, "done": asyncio.Event(), "version": 0}

    def url(port: int, view: str) -> str:
        return f"ws://127.0.0.1:{port}/ws/events/{event}/live?view={view}"

    async def open_client(port: int, token: str, view: str):
        ws = await connect(
            url(port, view),
            origin=f"http://127.0.0.1:{port}",
            additional_headers={"Authorization": f"Token {token}"},
            ping_interval=None,
            open_timeout=60,
            max_queue=None,
        )
        first = json.loads(await ws.recv())
        if first["type"] != "snapshot":
            raise RuntimeError(f"expected a snapshot, got {first['type']}")
        return ws, first["data"]

    async def reader(index: int, ws) -> None:
        async for frame in ws:
            # Time first; look at the frame only as far as needed (its type comes first).
            now = time.perf_counter()
            if frame.startswith('{"type":"room"') and received[index] is None:
                received[index] = now
                waiting["left"] -= 1
                if waiting["left"] == 0:
                    waiting["done"].set()

    gate = asyncio.Semaphore(CONNECT_CONCURRENCY)

    async def gated(index: int):
        async with gate:
            ws, _ = await open_client(ports[index % len(ports)], data["viewers"][index], "audience")
            return ws

    console, snapshot = await open_client(ports[0], data["organizer"], "console")
    first_pitch = snapshot["room"]["programme"][0]["booking"]
    viewers = await asyncio.gather(*(gated(i) for i in range(CLIENTS)))
    readers = [asyncio.create_task(reader(i, ws)) for i, ws in enumerate(viewers)]

    last: list[float] = []
    each: list[float] = []
    cpu = {"server": 0.0, "client": 0.0}
    try:
        for round_no in range(WARMUP + COMMANDS):
            for i in range(CLIENTS):
                received[i] = None
            waiting["left"] = CLIENTS
            waiting["done"].clear()
            # From a known state (the first pitch), then forth and back.
            message = {"type": "command", "command": "previous" if round_no % 2 == 0 else "next"}
            if round_no == 0:
                message = {"type": "command", "command": "goto", "booking": first_pitch}
            sent = time.perf_counter()
            if round_no == WARMUP:
                server_cpu, client_cpu = sum(_cpu_seconds(pid) for pid in pids), time.process_time()
            await console.send(json.dumps(message))
            await asyncio.wait_for(waiting["done"].wait(), ROUND_TIMEOUT)
            while True:  # the console's ack and push: the command went through
                frame = json.loads(await asyncio.wait_for(console.recv(), ROUND_TIMEOUT))
                if frame["type"] == "error":
                    raise RuntimeError(f"command refused: {frame['data']}")
                if frame["type"] == "room":
                    break
            if round_no >= WARMUP:
                delays = [(t - sent) * 1000 for t in received if t is not None]
                last.append(max(delays))
                each.extend(delays)
            await asyncio.sleep(0.05)  # let the room settle
        cpu["server"] = sum(_cpu_seconds(pid) for pid in pids) - server_cpu
        cpu["client"] = time.process_time() - client_cpu
    finally:
        for task in readers:
            task.cancel()
        await asyncio.gather(*(ws.close() for ws in [console, *viewers]), return_exceptions=True)
    return last, each, cpu


def _cpu_seconds(pid: int) -> float:
    """User + system CPU time of process *pid* so far (Linux /proc)."""
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()  # noqa: SIM115
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _serve(port: int, env: dict, log) -> subprocess.Popen:
    return subprocess.Popen(
        [
            sys.executable,
            *os.environ.get("FANOUT_PYTHON_ARGS", "").split(),
            "-m",
            "uvicorn",
            "backend.asgi:application",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
        ]
        + ["--no-access-log", "--log-level", "warning", "--lifespan", "off", "--backlog", "2048"]
        + os.environ.get("FANOUT_UVICORN_ARGS", "").split(),
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )


def _scenario(label: str, processes: int, env: dict, data: dict) -> None:
    ports = [_free_port() for _ in range(processes)]
    log = tempfile.TemporaryFile(mode="w+")  # noqa: SIM115 (closed below)
    servers = [_serve(port, env, log) for port in ports]
    try:
        for port, server in zip(ports, servers, strict=True):
            _wait_until_up(port, server)
        try:
            last, each, cpu = asyncio.run(_measure(ports, [s.pid for s in servers], data))
        except Exception as exc:
            print(f"fanout: {label}: failed: {type(exc).__name__}: {exc}", flush=True)
            log.seek(0)
            print("\n".join(log.read().splitlines()[-20:]), flush=True)
            return
        print(
            f"fanout: {label} clients={CLIENTS} commands={len(last)}\n"
            f"    last client: median {statistics.median(last):.0f} ms p99 {_percentile(last, 0.99):.0f} ms | "
            f"each client: median {statistics.median(each):.0f} ms p99 {_percentile(each, 0.99):.0f} ms\n"
            f"    CPU per command: servers {1000 * cpu['server'] / len(last):.0f} ms, "
            f"the {CLIENTS} clients {1000 * cpu['client'] / len(last):.0f} ms "
            f"(load average now {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)",
            flush=True,
        )
    finally:
        for server in servers:
            server.terminate()
        for server in servers:
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
        log.close()


def main() -> None:
    server_url = _server_url()
    name = f"innolink_bench_fanout_{os.getpid()}_{secrets.token_hex(3)}"
    with _admin_connect(server_url) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    env = {
        **os.environ,
        "DATABASE_URL": _with_db(server_url, name),
        "PYTHONPATH": str(ROOT),
        "DJANGO_SETTINGS_MODULE": "backend.settings",
        "DEBUG": "0",
        "SECURE_HTTPS": "0",
        "DB_POOL": "1",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
    }
    env.pop("REDIS_URL", None)
    try:
        prepared = subprocess.run(
            [sys.executable, "-m", "bench.bench_fanout", "prepare"],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
        data = json.loads(prepared.stdout.strip().splitlines()[-1])
        _scenario("1 process (in-memory layer)", 1, env, data)
        if os.environ.get("FANOUT_ONLY_ONE"):
            return
        redis_env = {**env, "REDIS_URL": _redis_url(), "REDIS_CHANNEL_PREFIX": f"bench-{secrets.token_hex(4)}"}
        _scenario("2 processes (Redis pub/sub layer)", 2, redis_env, data)
    finally:
        with _admin_connect(server_url) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


if __name__ == "__main__":
    if sys.argv[1:] == ["prepare"]:
        print(json.dumps(prepare()))
    else:
        main()
