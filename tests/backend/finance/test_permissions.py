"""Who may read and change what in financing: every endpoint against every role.

Roles: anonymous; the startup's owner; another startup; a mentor; investors
(with and without a grant in the pool); staff of the bank that answered and
of another bank; an organizer; a platform admin (a member of nothing).
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.utils import timezone

from backend.finance import services

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "owner", "other", "mentor", "granted", "plain", "bank", "other_bank", "organizer", "admin"]


@pytest.fixture
def matrix(finance):
    finance.answer = services.response_intent(user=finance.bank_user, need=finance.need, intended_amount=Decimal("5e5"))
    return finance


def user_of(world, role):
    return (
        None
        if role == "anonymous"
        else getattr(
            world,
            {
                "owner": "owner",
                "other": "other_owner",
                "mentor": "mentor",
                "granted": "granted_user",
                "plain": "plain_user",
                "bank": "bank_user",
                "other_bank": "other_bank_user",
                "organizer": "organizer",
                "admin": "admin",
            }[role],
        )
    )


def expect(default: int, **by_role: int) -> dict[str, int]:
    statuses = {role: default for role in ROLES}
    statuses["anonymous"] = 401
    statuses.update(by_role)
    return statuses


N = "/api/finance/needs/{w.need.pk}"
R = "/api/finance/responses/{w.answer.pk}"
ENDPOINTS = {
    "my needs": ("get", "/api/finance/needs", None, expect(200)),
    "need": ("get", N, None, expect(404, owner=200, admin=200)),
    "publish": (
        "post",
        "/api/finance/needs",
        {"startup": "{w.startup.pk}", "amount": "100000", "kind": "debt", "purpose": "流动资金"},
        expect(400, owner=201),
    ),
    "edit need": ("patch", N, {"purpose": "新用途"}, expect(404, owner=200, admin=403)),
    "withdraw": ("post", N + "/withdraw", None, expect(404, owner=200, admin=403)),
    "eligible products": ("get", N + "/products", None, expect(404, owner=200, admin=200)),
    "answers to a need": ("get", N + "/responses", None, expect(404, owner=200, admin=200)),
    "matching needs": ("get", "/api/finance/bank/needs", None, expect(403, bank=200, other_bank=200)),
    "answers": ("get", "/api/finance/responses", None, expect(200)),
    "answer": ("get", R, None, expect(404, owner=200, bank=200, admin=200)),
    "express intent": (
        "post",
        "/api/finance/responses",
        {"need": "{w.need.pk}", "intended_amount": "100000"},
        expect(403, bank=409, other_bank=201),
    ),
    "change intent": ("patch", R, {"intended_amount": "400000"}, expect(404, owner=403, bank=200, admin=403)),
    "approve": ("post", R + "/approve", {"approved_amount": "400000"}, expect(404, owner=403, bank=200, admin=403)),
    "decline": ("post", R + "/decline", {"note": "x"}, expect(404, owner=403, bank=200, admin=403)),
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_permission_matrix(client_for, api, matrix, endpoint, role):
    method, url, body, statuses = ENDPOINTS[endpoint]
    user = user_of(matrix, role)
    client = client_for(user) if user else api
    url = url.format(w=matrix)
    data = {k: v.format(w=matrix) for k, v in (body or {}).items()}
    response = getattr(client, method)(url, data, format="json") if body else getattr(client, method)(url)
    assert response.status_code == statuses[role], (endpoint, role, getattr(response, "data", None))


def test_disburse_only_by_the_banks_staff(client_for, matrix):
    services.response_approve(user=matrix.bank_user, response=matrix.answer, approved_amount=Decimal("4e5"))
    url = f"/api/finance/responses/{matrix.answer.pk}/disburse"
    body = {"disbursed_amount": "400000", "disbursed_on": timezone.localdate().isoformat()}
    assert client_for(matrix.other_bank_user).post(url, body).status_code == 404
    assert client_for(matrix.owner).post(url, body).status_code == 403
    assert client_for(matrix.bank_user).post(url, body).status_code == 200


@pytest.mark.parametrize("role", ROLES[1:])
def test_answer_lists_are_scoped(client_for, matrix, role):
    rows = client_for(user_of(matrix, role)).get("/api/finance/responses").data["results"]
    assert [r["id"] for r in rows] == ([matrix.answer.pk] if role in ("owner", "bank", "admin") else [])
