"""Statistics dashboard on a large dataset: 100,000 startups, 10,000 events, 1,000,000 registrations.

The dataset lives in its own database (``innolink_bench_dashboard`` on the
server of ``DATABASE_URL``, or the embedded one), generated in SQL with
``INSERT … SELECT generate_series`` (pseudo-random but deterministic:
``hashint4``), and kept between runs: a marker table records what was
generated, so later runs only migrate and measure. ``BENCH_FRESH=1`` rebuilds
it; ``BENCH_REPEAT`` sets the requests per scenario (default 15).

For each scenario (all regions as admin, one province as its organizer, one
carrier) it times ``GET /api/insight/statistics`` for a year through Django's
test client (the whole view: permissions, every section, serialization) and
prints the median, the p95 and the queries per request, e.g.

    dashboard all regions (admin): median 812 ms, p95 905 ms, 41 queries/request
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
DB_NAME = "innolink_bench_dashboard"
STARTUPS = 100_000
EVENTS = 10_000
PER_EVENT = 100  # registrations per event: 1,000,000 in all
USERS = 50_000
CARRIERS = 1_000
MENTORS = 1_000
# Bump when the generator changes: a cached dataset of another version is rebuilt.
VERSION = f"v2 {STARTUPS} {EVENTS} {PER_EVENT}"
YEAR = {"date_from": "2025-01-01", "date_to": "2025-12-31"}


def _server_url() -> str:
    sys.path.insert(0, str(ROOT))
    from backend.db import database_url

    return database_url(ROOT)


def _with_db(url: str, name: str) -> str:
    return urlunsplit(urlsplit(url)._replace(path=f"/{name}"))


def _admin_connect(url: str):
    import psycopg

    return psycopg.connect(_with_db(url, "postgres").replace("postgres://", "postgresql://", 1), autocommit=True)


def _cached_version(url: str) -> str | None:
    import psycopg

    try:
        with psycopg.connect(_with_db(url, DB_NAME).replace("postgres://", "postgresql://", 1)) as conn:
            row = conn.execute("SELECT version FROM bench_dataset").fetchone()
            return row[0] if row else None
    except psycopg.Error:
        return None


# --- generation (SQL) ---------------------------------------------------------------------------

# h(x): a deterministic pseudo-random non-negative integer.
H = "abs(hashint4({}))"

GENERATE = [
    # Lookup arrays for the generator.
    """CREATE TEMP TABLE gen_regions AS
       SELECT array_agg(id ORDER BY id) AS a FROM directory_region WHERE level IN ('city', 'county')""",
    """CREATE TEMP TABLE gen_leaves AS
       SELECT array_agg(i.id ORDER BY i.id) AS a FROM directory_industry i
       WHERE NOT EXISTS (SELECT 1 FROM directory_industry c WHERE c.parent_id = i.id)""",
    # One bureau per city.
    """INSERT INTO directory_organisation
         (search_document, kind, name, name_en, description, website, created_at, updated_at, region_id)
       SELECT '', 'bureau', r.name || '科学技术局·基准' || r.id, '', '', '', now(), now(), r.id
       FROM directory_region r WHERE r.level = 'city'""",
    # Carrier operators and their carriers (kinds without a demo-base type), one room each.
    f"""INSERT INTO directory_organisation
         (search_document, kind, name, name_en, description, website, created_at, updated_at, region_id)
       SELECT '', 'carrier_operator', '载体运营·基准' || i, '', '', '', now(), now(),
              g.a[1 + {H.format("i * 7 + 1")} % array_length(g.a, 1)]
       FROM generate_series(1, {CARRIERS}) i, gen_regions g""",
    f"""INSERT INTO directory_carrier
         (search_document, name, name_en, kind, demo_base_type, level, area_m2, workstations, seed_fund,
          address, description, website, operator_id, region_id)
       SELECT '', '孵化载体·基准' || o.id, '',
              (ARRAY['incubator', 'maker_space', 'university_park', 'innovation_complex'])
                [1 + {H.format("o.id::int")} % 4],
              '', (ARRAY['national', 'provincial', 'municipal'])[1 + {H.format("o.id::int + 3")} % 3],
              1000 + {H.format("o.id::int + 5")} % 20000, 20 + {H.format("o.id::int + 6")} % 400,
              1000000 * (1 + {H.format("o.id::int + 7")} % 2), '', '', '', o.id, o.region_id
       FROM directory_organisation o WHERE o.kind = 'carrier_operator' AND o.name LIKE '载体运营·基准%'""",
    """INSERT INTO events_room (name, capacity, floor, carrier_id)
       SELECT '路演厅', 200, '', c.id FROM directory_carrier c WHERE c.name LIKE '孵化载体·基准%'""",
    f"""INSERT INTO directory_carrierevaluation (carrier_id, year, grade)
       SELECT c.id, 2025, (ARRAY['A', 'B', 'C', 'D'])[1 + {H.format("c.id::int + 11")} % 4]
       FROM directory_carrier c WHERE c.name LIKE '孵化载体·基准%' AND {H.format("c.id::int + 12")} % 3 > 0""",
    # Startups with profiles and one leaf industry each.
    f"""INSERT INTO directory_organisation
         (search_document, kind, name, name_en, description, website, created_at, updated_at, region_id)
       SELECT '', 'startup', '基准科技企业' || i, '', '', '', now() - ({H.format("i + 2")} % 1000) * interval '1 day',
              now(), g.a[1 + {H.format("i")} % array_length(g.a, 1)]
       FROM generate_series(1, {STARTUPS}) i, gen_regions g""",
    # Rows made by one INSERT have consecutive ids: big lookups are "first id + offset", since
    # subscripting a large (TOASTed) array once per row would copy it every time.
    """CREATE TEMP TABLE gen_carriers AS
       SELECT min(id) AS lo, count(*) AS n FROM directory_carrier WHERE name LIKE '孵化载体·基准%'""",
    f"""INSERT INTO directory_startupprofile
         (organisation_id, stage, employees, certifications, ip_count, graduated, graduated_year, revenue,
          cap_table_notes, carrier_id)
       SELECT o.id,
              (ARRAY['seed', 'startup', 'growth', 'mature'])[1 + {H.format("o.id::int")} % 4],
              1 + {H.format("o.id::int + 1")} % 300,
              CASE {H.format("o.id::int + 2")} % 5 WHEN 0 THEN ARRAY['high_tech'] WHEN 1 THEN ARRAY['tech_sme']
                   WHEN 2 THEN ARRAY['high_tech', 'specialized'] ELSE ARRAY[]::varchar[] END,
              {H.format("o.id::int + 3")} % 50,
              {H.format("o.id::int + 4")} % 7 = 0,
              CASE WHEN {H.format("o.id::int + 4")} % 7 = 0 THEN 2020 + {H.format("o.id::int + 5")} % 6 END,
              CASE WHEN {H.format("o.id::int + 6")} % 5 > 1 THEN 100000 * (1 + {H.format("o.id::int + 7")} % 5000) END,
              '',
              CASE WHEN {H.format("o.id::int + 8")} % 10 < 7
                   THEN c.lo + {H.format("o.id::int + 9")} % c.n END
       FROM directory_organisation o, gen_carriers c
       WHERE o.kind = 'startup' AND o.name LIKE '基准科技企业%'""",
    f"""INSERT INTO directory_organisation_industries (organisation_id, industry_id)
       SELECT o.id, l.a[1 + {H.format("o.id::int + 13")} % array_length(l.a, 1)]
       FROM directory_organisation o, gen_leaves l WHERE o.kind = 'startup' AND o.name LIKE '基准科技企业%'""",
    # People: registrants; the first ones are also mentors.
    f"""INSERT INTO accounts_user
         (password, is_superuser, email, name, roles, is_active, is_staff, date_joined, calendar_token)
       SELECT '!', false, 'bench' || i || '@bench.invalid', '参与者' || i, ARRAY['startup'], true, false, now(),
              md5('bench-calendar-' || i)
       FROM generate_series(1, {USERS}) i""",
    f"""INSERT INTO directory_mentorprofile
         (search_document, title, affiliation, bio, expertise, capacity, appointed_year, active, user_id, region_id)
       SELECT '', '', '', '', ARRAY[]::varchar[], 3, 2018 + {H.format("u.id::int")} % 8,
              {H.format("u.id::int + 1")} % 10 > 0, u.id, g.a[1 + {H.format("u.id::int + 2")} % array_length(g.a, 1)]
       FROM accounts_user u, gen_regions g
       WHERE u.email LIKE 'bench%@bench.invalid' AND u.id <= (SELECT min(id) + {MENTORS} - 1 FROM accounts_user
                                                              WHERE email LIKE 'bench%@bench.invalid')""",
    # Events over 2024–2026, half of them in carriers' rooms (never two at once in a room).
    """CREATE TEMP TABLE gen_bureaus AS
       SELECT array_agg(id ORDER BY id) AS a FROM directory_organisation WHERE name LIKE '%科学技术局·基准%'""",
    """CREATE TEMP TABLE gen_rooms AS SELECT min(id) AS lo, count(*) AS n FROM events_room""",
    f"""INSERT INTO events_event
         (title, title_en, description, type, online_url, capacity, allowed_roles, visibility, starts, ends,
          status, sequence, round_name, cancelled_reason, created_at, updated_at, organisation_id, room_id)
       SELECT '基准活动' || i, '', '',
              (ARRAY['roadshow', 'salon', 'forum', 'training', 'talk', 'competition', 'bank_matchmaking',
                     'finance_roadshow', 'achievement_matchmaking'])[1 + {H.format("i")} % 9],
              CASE WHEN i % 2 = 0 THEN '' ELSE 'https://meeting.example.com/bench' END,
              200, ARRAY[]::varchar[], 'public',
              timestamptz '2024-01-01 09:00+08' + i * interval '157 minutes',
              timestamptz '2024-01-01 11:00+08' + i * interval '157 minutes',
              CASE WHEN timestamptz '2024-01-01 09:00+08' + i * interval '157 minutes' < now() THEN 'finished'
                   ELSE 'published' END,
              0, '', '', now(), now(),
              b.a[1 + {H.format("i + 1")} % array_length(b.a, 1)],
              CASE WHEN i % 2 = 0 THEN r.lo + (i / 2) % r.n END
       FROM generate_series(1, {EVENTS}) i, gen_bureaus b, gen_rooms r""",
    # 100 registrations per event, from distinct people (101 is prime to the number of people).
    """CREATE TEMP TABLE gen_users AS
       SELECT min(id) AS lo FROM accounts_user WHERE email LIKE 'bench%@bench.invalid'""",
    f"""INSERT INTO events_registration
         (status, queued_at, checked_in_at, created_at, updated_at, event_id, user_id)
       SELECT s.status, e.starts - interval '3 days',
              CASE WHEN s.status = 'confirmed' AND e.ends < now() AND {H.format("e.id::int * 131 + k")} % 10 < 7
                   THEN e.starts END,
              now(), now(), e.id, u.lo + (e.id::int * 37 + k * 101) % {USERS}
       FROM events_event e
       CROSS JOIN generate_series(0, {PER_EVENT - 1}) k
       CROSS JOIN gen_users u
       CROSS JOIN LATERAL (SELECT CASE {H.format("e.id::int * 7 + k")} % 20 WHEN 0 THEN 'cancelled'
                                       WHEN 1 THEN 'waiting' ELSE 'confirmed' END AS status) s
       WHERE e.title LIKE '基准活动%'""",
    f"""INSERT INTO events_feedback (rating, comment, created_at, updated_at, event_id, user_id)
       SELECT 1 + {H.format("r.id::int")} % 5, '', now(), now(), r.event_id, r.user_id
       FROM events_registration r WHERE r.checked_in_at IS NOT NULL AND {H.format("r.id::int + 1")} % 3 = 0""",
]


def generate(connection) -> None:
    with connection.cursor() as cursor:
        for statement in GENERATE:
            started = time.perf_counter()
            cursor.execute(statement)
            label = " ".join(statement.split()[:3])
            print(f"   generate: {label} … {cursor.rowcount} rows, {time.perf_counter() - started:.1f} s", flush=True)
        cursor.execute("CREATE TABLE bench_dataset (version text NOT NULL, created timestamptz NOT NULL)")
        cursor.execute("INSERT INTO bench_dataset VALUES (%s, now())", [VERSION])
        cursor.execute("ANALYZE")


# --- measuring (child process, DATABASE_URL = the bench database) -----------------------------------


def child(fresh: bool) -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "backend.settings")
    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from backend.accounts.models import Role, User
    from backend.directory.models import Carrier, Membership, Organisation, Region

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    if fresh:
        with transaction.atomic():
            generate(connection)
        print(f"   dataset generated in {time.perf_counter() - started:.0f} s", flush=True)
    else:
        print(f"   dataset reused (migrated in {time.perf_counter() - started:.1f} s)", flush=True)

    admin, _ = User.objects.get_or_create(
        email="bench-admin@bench.invalid", defaults={"name": "基准管理员", "roles": [Role.ADMIN]}
    )
    organizer, _ = User.objects.get_or_create(
        email="bench-organizer@bench.invalid", defaults={"name": "基准组织者", "roles": [Role.ORGANIZER]}
    )
    province = Region.objects.get(name="河北省", parent__isnull=True)
    bureau, _ = Organisation.objects.get_or_create(
        name="河北省科学技术厅·基准", defaults={"kind": "bureau", "region": province}
    )
    Membership.objects.get_or_create(organisation=bureau, user=organizer)
    carrier = Carrier.objects.filter(name__startswith="孵化载体·基准").order_by("pk").first()

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT (SELECT count(*) FROM directory_startupprofile), (SELECT count(*) FROM events_event),"
            " (SELECT count(*) FROM events_registration)"
        )
        startups, events, registrations = cursor.fetchone()
    print(f"   data: {startups:,} startups, {events:,} events, {registrations:,} registrations", flush=True)

    repeat = int(os.environ.get("BENCH_REPEAT", "15"))
    scenarios = [
        ("all regions (admin)", admin, {}),
        ("河北省 with sub-regions (organizer)", organizer, {}),
        (f"one carrier ({carrier.name})", admin, {"carrier": carrier.pk}),
    ]
    for label, user, params in scenarios:
        client = Client()
        client.force_login(user)
        url = "/api/insight/statistics"
        query = {**YEAR, **params}
        response = client.get(url, query)  # warm-up (caches, plans)
        assert response.status_code == 200, response.content[:300]
        times, counts = [], []
        for _ in range(repeat):
            with CaptureQueriesContext(connection) as queries:
                t0 = time.perf_counter()
                response = client.get(url, query)
                times.append((time.perf_counter() - t0) * 1000)
            assert response.status_code == 200
            counts.append(len(queries))
        times.sort()
        p95 = times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]
        events_figure = next(
            f["value"] for s in response.json()["sections"] if s["key"] == "events" for f in s["figures"]
            if f["key"] == "registrations"
        )  # fmt: skip
        print(
            f"dashboard {label}: median {statistics.median(times):.0f} ms, p95 {p95:.0f} ms, "
            f"{max(counts)} queries/request ({events_figure:,} registrations counted, n={repeat})",
            flush=True,
        )


def main() -> None:
    url = _server_url()
    fresh = os.environ.get("BENCH_FRESH") == "1" or _cached_version(url) != VERSION
    if fresh:
        with _admin_connect(url) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')
            admin.execute(f'CREATE DATABASE "{DB_NAME}"')
    env = {
        **os.environ,
        "DATABASE_URL": _with_db(url, DB_NAME),
        "PYTHONPATH": str(ROOT),
        "DEBUG": "0",
        "SECURE_HTTPS": "0",
        "ALLOWED_HOSTS": "testserver,127.0.0.1,localhost",
    }
    subprocess.run(
        [sys.executable, "-m", "bench.bench_dashboard", "--child", "fresh" if fresh else "cached"],
        cwd=ROOT,
        env=env,
        check=True,
    )


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        child(fresh=sys.argv[2] == "fresh")
    else:
        main()
