"""load_demo fills the pool and the banks' answers, and a second load writes nothing of ours."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from backend.accounts.models import User
from backend.demo.loader import load_demo
from backend.demo.logins import LOGIN_BY_ROLE, STARTUP_NAME
from backend.finance.models import BankResponse
from backend.pool.models import AccessLog, AccessRequest, PipelineEntry, PipelineStep, PoolEntry

pytestmark = pytest.mark.django_db

MODELS = [PoolEntry, AccessRequest, AccessLog, PipelineEntry, PipelineStep, BankResponse]


def snapshot():
    return {m.__name__: sorted(map(repr, m.objects.values_list())) for m in MODELS}


def client_of(role: str) -> APIClient:
    client = APIClient()
    client.force_authenticate(User.objects.get(email=LOGIN_BY_ROLE[role].email))
    return client


def test_demo_journeys_are_filled_and_reloading_writes_nothing():
    load_demo()
    first = snapshot()
    ctx = load_demo()
    assert snapshot() == first
    assert not any(ctx.stats[f"{m.__name__} created"] for m in MODELS)

    startup = PoolEntry.objects.get(startup__name=STARTUP_NAME)
    assert startup.listed and startup.deck
    investor = client_of("investor")
    data = investor.get(f"/api/pool/entries/{startup.pk}").data
    assert data["viewer"] == {"access": "granted", "pipeline_stage": "due_diligence"}
    assert data["confidential"]["valuation"] is not None
    deck = investor.get(f"/api/pool/entries/{startup.pk}/deck")
    assert deck.status_code == 200 and b"".join(deck.streaming_content).startswith(b"%PDF-")
    stages = {row["stage"] for row in investor.get("/api/pool/pipeline?page_size=100").data["results"]}
    assert {"due_diligence", "invested", "passed"} <= stages
    assert len(investor.get("/api/pool/recommended").data) > 0

    owner = client_of("startup")
    assert owner.get("/api/pool/access-log").data["count"] >= 3  # two demo reads and the one just made
    assert len(owner.get(f"/api/pool/entries/{startup.pk}/interested").data) >= 3
    assert any(r["status"] == "pending" for r in owner.get("/api/pool/access-requests").data["results"])

    need = owner.get("/api/finance/needs?kind=debt").data["results"][0]
    answers = owner.get(f"/api/finance/needs/{need['id']}/responses").data
    assert [a["bank_name"] for a in answers] == [LOGIN_BY_ROLE["bank"].organisation]
    bank = client_of("bank").get("/api/finance/bank/needs").data
    assert bank["count"] > 1
    assert any(row["response"] is None for row in bank["results"])
    assert BankResponse.objects.filter(status="disbursed").exists()
