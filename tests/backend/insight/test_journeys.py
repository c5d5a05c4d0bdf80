"""Mentoring, pool, finance and matchmaking figures of 吉林省 in 2025, counted by hand from conftest.journeys."""

from __future__ import annotations

import pytest

from tests.backend.insight.conftest import YEAR, breakdown, figures, sections_by_key

URL = "/api/insight/statistics"


@pytest.fixture
def jilin(journeys, client_for) -> dict:
    response = client_for(journeys.organizer_jilin).get(URL, YEAR)
    assert response.status_code == 200, response.content
    return response.json()


def test_mentoring(jilin):
    assert figures(jilin, "mentoring") == {
        "mentorships": 2,  # ms1 (from 2025-02), ms2 (ended 2025-03); ms3 ended in 2024, ms4 is in 河北
        "mentorships_started": 1,
        "mentorships_ended": 1,
        "mentors_active": 2,
        "startups_mentored": 2,  # s1, s4
        "sessions": 3,
        "session_hours": 3.0,  # 60 + 90 + 30 minutes
        "requests": 3,
        "acceptance_rate": 50.0,  # 1 accepted of 2 decided
        "programmes": 0,
        "proposals_confirmed": 0,
    }
    months = breakdown(jilin, "mentoring", "sessions_by_month")
    assert months["2025-01"] == {"sessions": 1, "hours": 0.5}
    assert months["2025-04"] == {"sessions": 1, "hours": 1.5}
    assert breakdown(jilin, "mentoring", "requests_by_status")["pending"] == {"requests": 1}


def test_pool_and_funnel(jilin):
    assert figures(jilin, "pool") == {
        "listed": 3,
        "listed_in_period": 2,
        "with_deck": 0,
        "funding_sought": 10_000_000.0,  # 500 + 300 + 200 万元 over 3 listed companies
        "access_requests": 3,
        "access_granted": 1,
        "access_declined": 1,
        "access_active": 1,
        "figures_viewed": 2,
        "decks_downloaded": 1,
        "pipeline_startups": 3,  # s1, s2, and s3 (passed in 2025)
        "pipeline_investors": 2,
        "invested": 1,
    }
    funnel = breakdown(jilin, "pool", "funnel")
    assert list(funnel) == ["interested", "contacted", "meeting", "due_diligence", "term_sheet", "invested"]
    assert {k: v["reached"] for k, v in funnel.items()} == {
        "interested": 2,  # fund→s1, fund→s2 (fund2→s3 was interested in 2024)
        "contacted": 0,
        "meeting": 1,
        "due_diligence": 0,
        "term_sheet": 0,
        "invested": 1,
    }
    assert breakdown(jilin, "pool", "stages_now")["passed"] == {"current": 1}


def test_finance_amounts_are_withheld_below_three_companies(jilin):
    assert figures(jilin, "finance") == {
        "needs": 3,
        "companies_recommended": 3,
        "needs_amount": 3_500_000.0,  # 100 + 200 + 50 万元
        "bank_intents": 4,
        "banks": 2,
        "intended_amount": 4_000_000.0,  # 100 + 200 + 50 + 50 万元 over s1, s2, s4
        "companies_approved": 2,
        "approved_amount": None,  # two companies only
        "companies_financed": 1,
        "disbursed_amount": None,  # one company only
    }
    finance = {f["key"]: f for f in sections_by_key(jilin)["finance"]["figures"]}
    assert (
        finance["disbursed_amount"]["suppressed"] and finance["disbursed_amount"]["note"] == "suppressed, fewer than 3"
    )
    assert not finance["intended_amount"]["suppressed"]
    banks = breakdown(jilin, "finance", "by_bank")
    assert banks[str(jilin_bank_id(jilin, "吉林银行长春科技支行"))] == {
        "intents": 2,
        "financed": 1,
        "intended": None,
        "approved": None,
        "disbursed": None,
    }
    assert all(row["intended"] is None for row in banks.values())  # two companies per bank at most
    months = breakdown(jilin, "finance", "disbursed_by_month")
    assert months["2025-05"] == {"loans": 1, "disbursed": None}


def jilin_bank_id(data: dict, name: str) -> int:
    rows = next(b for b in sections_by_key(data)["finance"]["breakdowns"] if b["key"] == "by_bank")["rows"]
    return int(next(r["key"] for r in rows if r["label"] == name))


def test_matchmaking(jilin):
    assert figures(jilin, "matchmaking") == {
        "days": 1,
        "enterprises": 3,
        "partners": 2,
        "requests": 4,
        "meetings": 3,
        "meetings_held": 2,
        "show_rate": 66.7,
        "loan_intentions": 2,
        "investment_intentions": 1,
        "loan_intention_amount": None,  # s1 and s2: two enterprises
        "follow_ups_planned": 1,
        "signed": 1,
        "signed_amount": None,
    }
    assert breakdown(jilin, "matchmaking", "by_type")["bank_matchmaking"] == {"days": 1, "meetings": 3, "held": 2}
    outcomes = breakdown(jilin, "matchmaking", "outcomes")
    assert outcomes["loan"] == {"meetings": 2, "amount": None}
    assert outcomes["investment"] == {"meetings": 1, "amount": 0.0}


def test_journeys_in_the_report_paragraphs(jilin):
    sections = sections_by_key(jilin)
    assert "组织2名创业导师为2家企业提供辅导" in sections["mentoring"]["paragraph"]
    assert "2家投资机构跟进3个项目，其中1个项目获得投资" in sections["pool"]["paragraph"]
    assert "意向金额400.00万元" in sections["finance"]["paragraph"]
    assert "放款" not in sections["finance"]["paragraph"]  # withheld amounts never reach the text
    assert "实际洽谈2场" in sections["matchmaking"]["paragraph"]


def test_a_carrier_scope_narrows_the_journeys(journeys, client_for):
    """Carrier A incubates s1, s2, s3: s4's mentorship and need drop out."""
    data = client_for(journeys.organizer_a).get(URL, YEAR).json()
    assert figures(data, "mentoring")["startups_mentored"] == 1
    assert figures(data, "finance")["needs"] == 2
    assert figures(data, "matchmaking")["days"] == 1  # held at A


def test_the_map_shows_the_journeys(journeys, client_for):
    data = client_for(journeys.organizer_jilin).get("/api/insight/ecosystem", YEAR).json()
    edges = {tuple(sorted((e["source"], e["target"]))): e["types"] for e in data["edges"]}
    s1, s4 = f"startup:{journeys.s1.pk}", f"startup:{journeys.s4.pk}"
    assert edges[tuple(sorted((f"mentor:{journeys.m1.pk}", s1)))] == ["mentors"]
    assert edges[tuple(sorted((f"mentor:{journeys.m2.pk}", s4)))] == ["mentors"]
    assert edges[tuple(sorted((f"investor:{journeys.fund.pk}", s1)))] == ["invested_in", "met"]
    assert edges[tuple(sorted((f"bank:{journeys.bank1.pk}", s1)))] == ["financed", "met"]
    assert data["isolated"] == []  # everyone in 吉林 has been reached now


def test_query_count_stays_bounded_with_every_section(journeys, client_for, django_assert_max_num_queries):
    with django_assert_max_num_queries(50):
        assert client_for(journeys.organizer_jilin).get(URL, YEAR).status_code == 200
