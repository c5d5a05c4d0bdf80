"""Who may read and change what in the pool: every endpoint against every role.

Roles: anonymous; the startup's owner; another startup; a mentor; an investor
the startup granted access; an investor without a grant; bank staff; an
organizer; a platform admin (who is a member of nothing here).
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from backend.pool import services
from backend.pool.models import PipelineEntry
from tests.backend.pool.conftest import pdf_upload

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "owner", "other", "mentor", "granted", "plain", "bank", "organizer", "admin"]


@pytest.fixture
def matrix(world):
    """The world plus: another listed startup, a pending request from the plain investor, a pipeline."""
    services.pool_entry_opt_in(
        user=world.other_owner,
        startup=world.other_startup,
        data={"summary": "创新药", "funding_sought": Decimal("8000000")},
    )
    world.pending = services.access_request_create(user=world.plain_user, startup=world.startup)
    world.pipeline = services.pipeline_entry_create(user=world.granted_user, startup=world.startup, notes="私密备注")
    return world


def user_of(world, role):
    return {
        "anonymous": None,
        "owner": world.owner,
        "other": world.other_owner,
        "mentor": world.mentor,
        "granted": world.granted_user,
        "plain": world.plain_user,
        "bank": world.bank_user,
        "organizer": world.organizer,
        "admin": world.admin,
    }[role]


def expect(default: int, **by_role: int) -> dict[str, int]:
    statuses = {role: default for role in ROLES}
    statuses["anonymous"] = 401
    statuses.update(by_role)
    return statuses


S = "/api/pool/entries/{w.startup.pk}"
ENDPOINTS = {
    "browse": ("get", "/api/pool/entries", None, expect(403, granted=200, plain=200, organizer=200, admin=200)),
    "detail": ("get", S, None, expect(200, other=403, mentor=403, bank=403)),
    "deck download": ("get", S + "/deck", None, expect(403, owner=200, granted=200, admin=200)),
    "edit pitch": ("patch", S, {"summary": "新的简介"}, expect(403, owner=200)),
    "opt out": ("post", S + "/opt-out", None, expect(403, owner=200)),
    "opt in": ("post", S + "/opt-in", None, expect(403, owner=200)),
    "upload deck": ("post", S + "/deck", "deck", expect(403, owner=200)),
    "delete deck": ("delete", S + "/deck", None, expect(403, owner=204)),
    "interested": ("get", S + "/interested", None, expect(403, owner=200, admin=200)),
    "opt in with pitch": (
        "post",
        "/api/pool/entries",
        {"startup": "{w.startup.pk}", "summary": "简介", "funding_sought": "100000"},
        expect(403, owner=200),
    ),
    "mine": ("get", "/api/pool/entries/mine", None, expect(200)),
    "recommended": ("get", "/api/pool/recommended", None, expect(403, granted=200, plain=200, admin=400)),
    "requests": ("get", "/api/pool/access-requests", None, expect(200)),
    "request access": (
        "post",
        "/api/pool/access-requests",
        {"startup": "{w.other_startup.pk}"},
        expect(403, granted=201, plain=201, admin=400),
    ),
    "grant": (
        "post",
        "/api/pool/access-requests/{w.pending.pk}/grant",
        None,
        expect(404, owner=200, plain=403, admin=403),
    ),
    "decline": (
        "post",
        "/api/pool/access-requests/{w.pending.pk}/decline",
        None,
        expect(404, owner=200, plain=403, admin=403),
    ),
    "revoke": (
        "post",
        "/api/pool/access-requests/{w.grant.pk}/revoke",
        None,
        expect(404, owner=200, granted=403, admin=403),
    ),
    "withdraw": (
        "post",
        "/api/pool/access-requests/{w.pending.pk}/withdraw",
        None,
        expect(404, plain=200, owner=403, admin=403),
    ),
    "access log": ("get", "/api/pool/access-log", None, expect(200)),
    "pipeline": ("get", "/api/pool/pipeline", None, expect(200)),
    "follow": (
        "post",
        "/api/pool/pipeline",
        {"startup": "{w.other_startup.pk}"},
        expect(403, granted=201, plain=201, admin=400),
    ),
    "deal": ("get", "/api/pool/pipeline/{w.pipeline.pk}", None, expect(404, granted=200)),
    "deal notes": ("patch", "/api/pool/pipeline/{w.pipeline.pk}", {"notes": "x"}, expect(404, granted=200)),
    "move deal": ("post", "/api/pool/pipeline/{w.pipeline.pk}/move", {"stage": "contacted"}, expect(404, granted=200)),
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_permission_matrix(client_for, api, matrix, endpoint, role):
    method, url, body, statuses = ENDPOINTS[endpoint]
    user = user_of(matrix, role)
    client = client_for(user) if user else api
    url = url.format(w=matrix)
    if body == "deck":
        response = client.post(url, {"deck": pdf_upload()}, format="multipart")
    else:
        data = {k: v.format(w=matrix) if isinstance(v, str) else v for k, v in (body or {}).items()}
        response = getattr(client, method)(url, data, format="json") if body else getattr(client, method)(url)
    assert response.status_code == statuses[role], (endpoint, role, getattr(response, "data", None))


@pytest.mark.parametrize("role", ROLES)
def test_confidential_part_only_for_members_granted_investors_and_admins(client_for, matrix, role):
    user = user_of(matrix, role)
    if user is None or role in ("other", "mentor", "bank"):
        return  # no access to the entry at all (401/403, see the matrix)
    data = client_for(user).get(f"/api/pool/entries/{matrix.startup.pk}").data
    if role in ("owner", "granted", "admin"):
        assert data["confidential"]["revenue"] == "4200000.00"
        assert data["confidential"]["cap_table_notes"] == "创始团队持股72%"
    else:
        assert data["confidential"] is None
        assert "revenue" not in str(data)


@pytest.mark.parametrize("role", ["owner", "other", "granted", "plain", "admin"])
def test_lists_are_scoped_to_own_organisations(client_for, matrix, role):
    user = user_of(matrix, role)
    client = client_for(user)
    requests = {row["id"] for row in client.get("/api/pool/access-requests").data["results"]}
    pipeline = {row["id"] for row in client.get("/api/pool/pipeline").data["results"]}
    log = client.get("/api/pool/access-log").data["count"]
    expected_requests = {
        "owner": {matrix.grant.pk, matrix.pending.pk},
        "other": set(),
        "granted": {matrix.grant.pk},
        "plain": {matrix.pending.pk},
        "admin": {matrix.grant.pk, matrix.pending.pk},
    }[role]
    assert requests == expected_requests
    # Pipelines are the investor's private business: not even admins list them.
    assert pipeline == ({matrix.pipeline.pk} if role == "granted" else set())
    assert log == 0
    assert PipelineEntry.objects.count() == 1
