"""The statistics API against the hand-counted world of conftest.py."""

from __future__ import annotations

from datetime import timedelta

import pytest

from events.models import Event, EventStatus, EventType, Registration
from tests.backend.insight.conftest import YEAR, breakdown, figures, sections_by_key

URL = "/api/insight/statistics"


def get(client_for, user, **params):
    return client_for(user).get(URL, {**YEAR, **params})


def stats(client_for, user, **params) -> dict:
    response = get(client_for, user, **params)
    assert response.status_code == 200, response.content
    return response.json()


def test_events_of_a_province_with_its_sub_regions(world, client_for):
    """吉林省 2025: e1, e2 (长春 bureau), e3 (吉林市), e8 (online, 长春 operator); e4 is in 河北."""
    data = stats(client_for, world.admin, region=world.jilin.pk)
    assert figures(data, "events") == {
        "events": 4,
        "registrations": 7,  # e1 3 + e2 2 + e3 1 + e8 1 (waiting and cancelled do not count)
        "people": 5,  # u1 u2 u3 u6 u7
        "waiting": 1,
        "checked_in": 4,  # e1 2 + e2 1 + e8 1
        "attendance_rate": 57.1,  # 4 / 7
        "feedback": 3,
        "rating_avg": 4.0,  # (4 + 5 + 3) / 3
        "pitches": 2,  # s1, s2 approved; s3 rejected
        "startups_pitched": 2,
        "investor_interests": 1,
    }
    by_type = breakdown(data, "events", "by_type")
    assert by_type["roadshow"] == {
        "events": 1,
        "registrations": 3,
        "checked_in": 2,
        "attendance_rate": 66.7,
        "rating_avg": 4.5,
    }
    assert by_type["salon"] == {
        "events": 1,
        "registrations": 2,
        "checked_in": 1,
        "attendance_rate": 50.0,
        "rating_avg": 3.0,
    }
    assert by_type["forum"]["attendance_rate"] == 0.0 and by_type["forum"]["rating_avg"] is None
    assert by_type["talk"]["events"] == 1 and by_type["competition"]["events"] == 0
    by_month = breakdown(data, "events", "by_month")
    assert list(by_month) == [f"2025-{m:02d}" for m in range(1, 13)]
    assert by_month["2025-03"] == {"events": 1, "registrations": 3, "checked_in": 2}
    assert by_month["2025-05"] == {"events": 2, "registrations": 3, "checked_in": 1}
    assert by_month["2025-07"] == {"events": 1, "registrations": 1, "checked_in": 1}
    assert by_month["2025-06"] == {"events": 0, "registrations": 0, "checked_in": 0}  # e4 is in 河北
    assert breakdown(data, "events", "ratings") == {str(r): {"feedback": int(r in (3, 4, 5))} for r in range(1, 6)}


def test_a_city_a_district_a_carrier_and_everything(world, client_for):
    assert figures(stats(client_for, world.admin, region=world.changchun.pk), "events")["events"] == 3  # e1 e2 e8
    assert figures(stats(client_for, world.admin, region=world.chaoyang.pk), "events")["events"] == 1  # e1 (room at A)
    at_a = figures(stats(client_for, world.admin, carrier=world.a.pk), "events")
    assert (at_a["events"], at_a["registrations"], at_a["people"]) == (2, 4, 3)  # e1 + e8 (online, A's operator)
    everything = figures(stats(client_for, world.admin), "events")
    assert (everything["events"], everything["registrations"], everything["people"]) == (5, 9, 6)


def test_the_period_selects_events_by_their_start(world, client_for):
    spring = figures(stats(client_for, world.admin, date_from="2025-03-01", date_to="2025-05-10"), "events")
    assert (spring["events"], spring["registrations"]) == (2, 5)  # e1, e2
    last_year = figures(stats(client_for, world.admin, date_from="2024-01-01", date_to="2024-12-31"), "events")
    assert last_year["events"] == 1  # the 2024 roadshow; drafts and cancellations never count


def test_startups_by_stage_industry_certification(world, client_for):
    data = stats(client_for, world.admin, region=world.jilin.pk)
    assert figures(data, "startups") == {
        "startups": 4,
        "incubated": 3,  # s1 s3 s4 (s2 graduated)
        "graduated": 1,
        "graduated_in_period": 1,
        "new_in_period": 0,  # created today, not in 2025
        "high_tech": 2,
        "employees": 40,
        "ip": 8,
        "revenue": 6_500_000.0,  # 100 + 200 + 300 + 50 万元 over 4 companies
    }
    stages = breakdown(data, "startups", "by_stage")
    assert {k: v["startups"] for k, v in stages.items()} == {"seed": 2, "startup": 1, "growth": 1, "mature": 0}
    # Each stage has fewer than 3 reporting companies: its revenue is withheld.
    assert [stages[s]["revenue"] for s in ("seed", "startup", "growth")] == [None, None, None]
    assert stages["mature"]["revenue"] == 0
    industries = breakdown(data, "startups", "by_industry")
    assert industries == {"electronics": {"startups": 3}, "biomedicine": {"startups": 2}}  # s3 counts once per branch
    certs = breakdown(data, "startups", "by_certification")
    assert certs["high_tech"] == {"startups": 2, "graduated": 0}
    assert certs["tech_sme"] == {"startups": 2, "graduated": 1}
    assert certs["little_giant"] == {"startups": 0, "graduated": 0}


def test_carriers_by_kind_level_and_latest_grade_in_period(world, client_for):
    data = stats(client_for, world.admin, region=world.jilin.pk)
    carriers = figures(data, "carriers")
    assert carriers["carriers"] == 2 and carriers["national"] == 1 and carriers["provincial"] == 1
    assert carriers["area_m2"] == 15000.0 and carriers["workstations"] == 380
    assert (carriers["incubated"], carriers["graduated"], carriers["evaluated"], carriers["grade_a"]) == (3, 1, 2, 1)
    kinds = breakdown(data, "carriers", "by_kind")
    assert kinds["incubator"] == {"national": 1, "provincial": 0, "municipal": 0, "carriers": 1}
    assert kinds["maker_space"]["provincial"] == 1
    grades = breakdown(data, "carriers", "by_grade")
    assert {k: v["carriers"] for k, v in grades.items()} == {"A": 1, "B": 0, "C": 1, "D": 0, "none": 0}
    earlier = breakdown(
        stats(client_for, world.admin, region=world.jilin.pk, date_from="2024-01-01", date_to="2024-12-31"),
        "carriers",
        "by_grade",
    )
    assert {k: v["carriers"] for k, v in earlier.items()} == {"A": 0, "B": 1, "C": 0, "D": 0, "none": 1}


def test_mentors(world, client_for):
    data = stats(client_for, world.admin, region=world.jilin.pk)
    assert figures(data, "mentors") == {"mentors": 2, "appointed_in_period": 1, "inactive": 0, "capacity": 6}
    assert breakdown(data, "mentors", "by_industry")["electronics"] == {"mentors": 1}
    assert figures(stats(client_for, world.admin, region=world.hebei.pk), "mentors")["inactive"] == 1


def test_report_paragraphs_fill_in_the_figures(world, client_for):
    data = sections_by_key(stats(client_for, world.admin, region=world.jilin.pk))
    assert "活动4场" in data["events"]["paragraph"]
    assert "报名7人次（5人）" in data["events"]["paragraph"]
    assert "平台登记企业4家" in data["startups"]["paragraph"]
    assert "企业营业收入合计650.00万元" in data["startups"]["paragraph"]
    assert "优秀（A类）1家" in data["carriers"]["paragraph"]
    assert "专兼职创业导师2人" in data["mentors"]["paragraph"]


def test_bad_periods_are_400(world, client_for):
    response = get(client_for, world.admin, date_from="2025-05-01", date_to="2025-04-01")
    assert response.status_code == 400 and "date_to" in response.json()["errors"]
    response = get(client_for, world.admin, date_from="2000-01-01", date_to="2025-04-01")
    assert response.status_code == 400
    response = get(client_for, world.admin, date_from="yesterday")
    assert response.status_code == 400 and "date_from" in response.json()["errors"]
    assert get(client_for, world.admin, region=999999).status_code == 400


def test_default_period_is_this_calendar_year(world, client_for):
    response = client_for(world.admin).get(URL)
    scope = response.json()["scope"]
    assert scope["date_from"].endswith("-01-01") and scope["date_to"].endswith("-12-31")
    assert scope["date_from"][:4] == scope["date_to"][:4]


def _grow(world, n: int) -> None:
    """More events, registrations and feedback in 吉林: figures grow, queries must not."""
    for i in range(n):
        event = Event.objects.create(
            title=f"加场{i}", type=EventType.TRAINING, starts=world.e1.starts + timedelta(days=30 + i),
            ends=world.e1.starts + timedelta(days=30 + i, hours=2), capacity=10, status=EventStatus.FINISHED,
            organisation=world.bureau_jilin, online_url="https://meeting.example.com/y",
        )  # fmt: skip
        Registration.objects.create(event=event, user=world.startup_user, status="confirmed", queued_at=event.starts)


MAX_QUERIES = 50  # eight sections, a handful of aggregates each, plus the viewer's remit


def test_query_count_is_bounded_and_does_not_grow_with_the_data(world, client_for, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(world.organizer_jilin)

    def count(**params) -> int:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(URL, {**YEAR, **params})
        assert response.status_code == 200
        return len(queries)

    before = count(), count(carrier=world.a.pk)
    _grow(world, 12)
    assert (count(), count(carrier=world.a.pk)) == before
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(URL, YEAR)
    assert figures(response.json(), "events")["events"] == 4 + 12


@pytest.mark.django_db(transaction=True)
def test_all_sections_read_one_read_only_snapshot(world):
    """Outside any transaction (as in production) the sections share a repeatable-read, read-only snapshot."""
    from datetime import date

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from backend.insight.scope import scope_for
    from backend.insight.statistics import statistics

    scope = scope_for(world.admin, date_from=date(2025, 1, 1), date_to=date(2025, 12, 31))
    with CaptureQueriesContext(connection) as queries:
        data = statistics(scope)
    sql = [q["sql"] for q in queries.captured_queries if q["sql"] != "BEGIN"]
    assert sql[0] == "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY"
    assert "set_config('work_mem'" in sql[1]
    assert data[0].value("events") == 5
