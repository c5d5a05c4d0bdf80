"""GET /api/recommendations: per role, only about the requester's own parties, never leaking figures."""

from __future__ import annotations

import pytest

from backend.accounts.models import Role
from backend.directory.models import Membership

URL = "/api/recommendations"


def test_startup_member_gets_mentors_with_reasons(eco, client_for):
    response = client_for(eco.founder).get(URL, {"for": "mentors", "k": 3})
    assert response.status_code == 200, response.data
    assert response.data["for"] == "mentors"
    assert response.data["subject"] == {"type": "startup", "id": eco.guangji.pk, "name": eco.guangji.name}
    top = response.data["items"][0]
    assert top["kind"] == "mentor" and top["id"] == eco.optics_mentor.pk and top["name"] == "周明哲"
    assert any(r["code"] == "industry" and r["zh"] == "产业：光电子" for r in top["reasons"])
    assert len(response.data["items"]) <= 3


def test_startup_member_gets_investors_and_published_loan_products(eco, client_for):
    client = client_for(eco.founder)
    investors = client.get(URL, {"for": "investors"}).data["items"]
    assert investors[0]["id"] == eco.optics_vc.pk
    products = client.get(URL, {"for": "loan-products"}).data["items"]
    assert [p["id"] for p in products] == [eco.startup_loan.pk]  # never the unpublished 停办贷
    by_need = client.get(URL, {"for": "loan-products", "need": eco.debt_need.pk}).data
    assert by_need["subject"]["type"] == "need" and [p["id"] for p in by_need["items"]] == [eco.startup_loan.pk]


def test_a_startup_member_cannot_ask_for_another_startup_or_its_need(eco, client_for):
    client = client_for(eco.founder)
    assert client.get(URL, {"for": "mentors", "organisation": eco.biotech.pk}).status_code == 403
    assert client.get(URL, {"for": "loan-products", "need": eco.bio_need.pk}).status_code == 403


def test_startup_role_without_organisation_gets_an_empty_answer(make_user, client_for, eco):
    response = client_for(make_user(Role.STARTUP)).get(URL, {"for": "mentors"})
    assert response.status_code == 200 and response.data == {"for": "mentors", "subject": None, "items": []}


@pytest.fixture
def pool(eco):
    from django.utils import timezone

    from backend.pool.models import PoolEntry

    now = timezone.now()
    for startup, amount, listed in [
        (eco.guangji, "4000000", True),
        (eco.biotech, "8000000", True),
        (eco.chipco, "1", False),
    ]:
        PoolEntry.objects.create(
            startup=startup, summary="项目简介", funding_sought=amount, listed=listed, listed_at=now if listed else None
        )


def test_investor_gets_pool_startups_without_need_amounts_or_confidential_figures(eco, client_for, pool):
    response = client_for(eco.investor_user).get(URL, {"for": "startups", "k": 10})
    assert response.status_code == 200
    assert response.data["subject"]["type"] == "investor" and response.data["subject"]["id"] == eco.optics_vc.pk
    items = response.data["items"]
    assert [x["id"] for x in items][:1] == [eco.guangji.pk]
    assert eco.chipco.pk not in [x["id"] for x in items]  # not listed in the pool
    blob = repr(items)
    for secret in ("12345678", "98765432", "3000000", "300万"):  # revenue, valuation, the equity need
        assert secret not in blob
    amount = next(r for r in items[0]["reasons"] if r["code"] == "amount")
    assert "400万元" in amount["zh"]  # what the pool entry publishes


def test_investor_with_an_empty_pool_gets_nothing(eco, client_for):
    response = client_for(eco.investor_user).get(URL, {"for": "startups"})
    assert response.status_code == 200 and response.data["items"] == []


def test_mentor_gets_startups(eco, client_for):
    response = client_for(eco.mentor_user).get(URL, {"for": "startups"})
    assert response.status_code == 200
    assert response.data["subject"] == {"type": "mentor", "id": eco.optics_mentor.pk, "name": "周明哲"}
    assert response.data["items"][0]["id"] == eco.guangji.pk


def test_bank_gets_needs_its_products_fit(eco, client_for):
    response = client_for(eco.bank_user).get(URL, {"for": "needs"})
    assert response.status_code == 200
    assert response.data["subject"]["id"] == eco.bank.pk
    assert [x["id"] for x in response.data["items"]] == [eco.debt_need.pk]
    assert response.data["items"][0]["detail"]["product_name"] == "初创贷"


@pytest.mark.parametrize(
    ("who", "wanted"),
    [
        ("investor_user", "mentors"),
        ("bank_user", "investors"),
        ("founder", "needs"),
        ("founder", "startups"),
        ("mentor_user", "loan-products"),
        ("bank_user", "startups"),
    ],
)
def test_roles_outside_their_lists_are_refused(eco, client_for, who, wanted):
    assert client_for(getattr(eco, who)).get(URL, {"for": wanted}).status_code == 403


def test_mentor_asking_as_investor_is_refused(eco, client_for):
    assert client_for(eco.mentor_user).get(URL, {"for": "startups", "as": "investor"}).status_code == 403


def test_anonymous_gets_401(client_for, eco):
    assert client_for(None).get(URL, {"for": "mentors"}).status_code == 401


@pytest.mark.parametrize(
    ("params", "field"),
    [({}, "for"), ({"for": "cats"}, "for"), ({"for": "mentors", "k": 0}, "k"), ({"for": "mentors", "k": "x"}, "k")],
)
def test_bad_input_is_a_400_with_field_messages(eco, client_for, params, field):
    response = client_for(eco.founder).get(URL, params)
    assert response.status_code == 400
    assert field in response.data["errors"]


def test_admin_may_ask_for_any_startup(eco, client_for, admin_user):
    response = client_for(admin_user).get(URL, {"for": "mentors", "organisation": eco.biotech.pk})
    assert response.status_code == 200 and response.data["subject"]["id"] == eco.biotech.pk
    assert response.data["items"][0]["id"] == eco.bio_mentor.pk


def test_member_of_several_startups_chooses_one(eco, client_for):
    Membership.objects.create(organisation=eco.biotech, user=eco.founder)
    response = client_for(eco.founder).get(URL, {"for": "mentors", "organisation": eco.biotech.pk})
    assert response.data["subject"]["id"] == eco.biotech.pk


def test_query_count_is_bounded(eco, client_for, django_assert_max_num_queries, make_mentor, industries):
    client = client_for(eco.founder)
    with django_assert_max_num_queries(25):
        client.get(URL, {"for": "mentors"})
    for _ in range(10):
        make_mentor(industries=[industries.optoelectronics])
    with django_assert_max_num_queries(25):
        assert len(client.get(URL, {"for": "mentors", "k": 10}).data["items"]) == 10
