"""Two access requests for the same pair at once: one wins, the other gets a conflict (real connections)."""

from __future__ import annotations

import threading
from decimal import Decimal

import pytest
from django.db import connection

from backend.core.errors import Conflict
from backend.pool import services
from backend.pool.models import AccessRequest


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("run", range(2))
def test_concurrent_requests_for_one_pair_create_one_row(make_user, make_startup, make_investor, run):
    owner = make_user("startup")
    startup = make_startup(owner=owner)
    services.pool_entry_opt_in(user=owner, startup=startup, data={"summary": "x", "funding_sought": Decimal("1")})
    user = make_user("investor")
    make_investor(owner=user)
    barrier = threading.Barrier(4)
    outcomes: list[str] = []

    def attempt():
        try:
            barrier.wait()
            services.access_request_create(user=user, startup=startup)
            outcomes.append("created")
        except Conflict:
            outcomes.append("conflict")
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["conflict", "conflict", "conflict", "created"]
    assert AccessRequest.objects.filter(startup=startup).count() == 1
