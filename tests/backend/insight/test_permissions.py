"""Who reads which figures: organizers their region or carrier, admins everything, nobody else anything."""

from __future__ import annotations

import pytest

from backend.insight.sections import MIN_GROUP, Row, suppress_small_groups
from tests.backend.insight.conftest import YEAR, breakdown, figures

ENDPOINTS = [
    "/api/insight/statistics",
    "/api/insight/statistics.xlsx",
    "/api/insight/report",
    "/api/insight/ecosystem",
]


def status(client_for, user, url="/api/insight/statistics", **params) -> int:
    return client_for(user).get(url, {**YEAR, **params}).status_code


def events_seen(client_for, user, **params) -> int:
    response = client_for(user).get("/api/insight/statistics", {**YEAR, **params})
    assert response.status_code == 200, response.content
    return figures(response.json(), "events")["events"]


def test_a_city_organizer_sees_their_city_by_default_and_its_districts_and_carriers(world, client_for):
    assert events_seen(client_for, world.organizer_changchun) == 3  # 长春: e1 e2 e8
    assert events_seen(client_for, world.organizer_changchun, region=world.chaoyang.pk) == 1
    assert events_seen(client_for, world.organizer_changchun, carrier=world.a.pk) == 2  # A is in 朝阳区


@pytest.mark.parametrize("url", ENDPOINTS)
def test_a_city_organizer_is_refused_the_province_and_other_carriers(world, client_for, url):
    assert status(client_for, world.organizer_changchun, url, region=world.jilin.pk) == 403
    assert status(client_for, world.organizer_changchun, url, region=world.hebei.pk) == 403
    assert status(client_for, world.organizer_changchun, url, carrier=world.b.pk) == 403
    assert status(client_for, world.organizer_changchun, url, region=world.chaoyang.pk) == 200


def test_an_organizer_of_another_province_gets_only_their_figures(world, client_for):
    assert events_seen(client_for, world.organizer_hebei) == 1  # e4
    assert status(client_for, world.organizer_hebei, region=world.jilin.pk) == 403
    assert status(client_for, world.organizer_hebei, carrier=world.a.pk) == 403


def test_a_carrier_operator_sees_their_carrier_only(world, client_for):
    data = client_for(world.organizer_a).get("/api/insight/statistics", YEAR).json()
    assert [c["name"] for c in data["scope"]["carriers"]] == ["光电孵化器"]
    assert figures(data, "events")["events"] == 2  # e1 (room at A), e8 (online, by A's operator)
    assert figures(data, "startups")["startups"] == 3
    assert figures(data, "carriers")["carriers"] == 1
    assert status(client_for, world.organizer_a, region=world.changchun.pk) == 403
    assert status(client_for, world.organizer_a, carrier=world.b.pk) == 403


def test_admin_sees_everything(world, client_for):
    assert events_seen(client_for, world.admin) == 5
    assert events_seen(client_for, world.admin, region=world.hebei.pk) == 1
    assert events_seen(client_for, world.admin, carrier=world.b.pk) == 1


@pytest.mark.parametrize("url", ENDPOINTS)
def test_everyone_else_is_refused(world, client_for, url):
    assert status(client_for, world.startup_user, url) == 403
    assert status(client_for, world.investor, url) == 403
    assert status(client_for, world.organizer_nowhere, url) == 403  # organizer without an organisation
    assert status(client_for, None, url) in (401, 403)


def test_remit_lists_what_the_viewer_may_choose(world, client_for):
    remit = client_for(world.organizer_changchun).get("/api/insight/remit").json()
    assert remit["everything"] is False and remit["default_region"] == world.changchun.pk
    assert {r["name"] for r in remit["regions"]} == {"长春市", "朝阳区"}
    assert [c["name"] for c in remit["carriers"]] == ["光电孵化器"]
    remit = client_for(world.organizer_a).get("/api/insight/remit").json()
    assert remit["regions"] == [] and remit["default_carrier"] == world.a.pk
    remit = client_for(world.admin).get("/api/insight/remit").json()
    assert remit["everything"] is True and len(remit["carriers"]) == 3
    assert client_for(world.startup_user).get("/api/insight/remit").status_code == 403


def test_revenue_of_fewer_than_three_companies_is_withheld(world, client_for):
    """吉林市 has one startup (s4) reporting revenue: no total; 长春市 has three: shown."""
    data = client_for(world.organizer_jilin).get("/api/insight/statistics", {**YEAR, "region": world.jilin_city.pk})
    revenue = next(f for f in data.json()["sections"][1]["figures"] if f["key"] == "revenue")
    assert revenue == {
        "key": "revenue",
        "label": "企业营业收入合计",
        "label_en": "Total revenue",
        "value": None,
        "unit": "yuan",
        "confidential": True,
        "suppressed": True,
        "note": "suppressed, fewer than 3",
    }
    stages = breakdown(data.json(), "startups", "by_stage")
    assert all(row["revenue"] is None for key, row in stages.items() if key == "seed")
    changchun = client_for(world.organizer_jilin).get("/api/insight/statistics", {**YEAR, "region": world.changchun.pk})
    assert figures(changchun.json(), "startups")["revenue"] == 6_000_000.0


def test_withheld_revenue_never_reaches_the_report_or_the_workbook(world, client_for):
    client = client_for(world.organizer_jilin)
    report = client.get("/api/insight/report", {**YEAR, "region": world.jilin_city.pk}).content.decode()
    assert "营业收入合计" in report and "50.00万元" not in report and "500,000" not in report
    assert "少于3家企业，不予显示" in report


def test_secondary_suppression_protects_the_single_withheld_row():
    """With a published total, one withheld row could be recovered by subtraction: the next smallest goes too."""
    rows = [Row(k, k, k, {"amount": v}) for k, v in [("a", 10.0), ("b", 20.0), ("c", 30.0), ("d", 0)]]
    suppress_small_groups(rows, ["amount"], {"a": 2, "b": 4, "c": 7, "d": 0})
    assert [r.values["amount"] for r in rows] == [None, None, 30.0, 0]
    assert rows[1].suppressed == ["amount"]
    rows = [Row(k, k, k, {"amount": 1.0}) for k in "xyz"]
    suppress_small_groups(rows, ["amount"], {"x": 1, "y": 2, "z": MIN_GROUP})
    assert [r.values["amount"] for r in rows] == [None, None, 1.0]
