"""List endpoints of the pool cost the same number of queries for one row and for three."""

from __future__ import annotations

from decimal import Decimal

import pytest

from backend.accounts.models import Role
from backend.pool import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def more(world, make_user, make_startup, make_investor):
    """Add two more startups (listed) followed and asked for by the granted investor, and read once each."""

    def add():
        for _ in range(2):
            owner = make_user(Role.STARTUP)
            startup = make_startup(owner=owner)
            services.pool_entry_opt_in(
                user=owner, startup=startup, data={"summary": "x", "funding_sought": Decimal("1")}
            )
            request = services.access_request_create(user=world.granted_user, startup=startup)
            services.access_request_decide(user=owner, request=request, grant=True)
            services.pipeline_entry_create(user=world.granted_user, startup=startup)
            entry = services.PoolEntry.objects.get(pk=startup.pk)
            services.pool_confidential_read(user=world.granted_user, entry=entry, what="figures")

    return add


@pytest.mark.parametrize("url", ["/api/pool/access-requests", "/api/pool/pipeline", "/api/pool/entries"])
def test_investor_lists_cost_constant_queries(client_for, world, more, queries_for, url):
    client = client_for(world.granted_user)
    services.pipeline_entry_create(user=world.granted_user, startup=world.startup)
    one = queries_for(client, url)
    more()
    assert queries_for(client, url) == one


def test_access_log_costs_constant_queries(client_for, world, queries_for, make_investor, make_user):
    client = client_for(world.owner)
    entry = services.PoolEntry.objects.get(pk=world.startup.pk)
    services.pool_confidential_read(user=world.granted_user, entry=entry, what="figures")
    one = queries_for(client, "/api/pool/access-log")
    for _ in range(2):
        user = make_user(Role.INVESTOR)
        make_investor(owner=user)
        request = services.access_request_create(user=user, startup=world.startup)
        services.access_request_decide(user=world.owner, request=request, grant=True)
        services.pool_confidential_read(user=user, entry=entry, what="deck")
    assert queries_for(client, "/api/pool/access-log") == one
