"""Shared fixtures: API clients and users per role, on real PostgreSQL."""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:  # imported lazily: tests/matching runs without Django (`-p no:django`)
    from rest_framework.test import APIClient

    from backend.accounts.models import User

_counter = itertools.count(1)
PASSWORD = "correct-horse-battery-staple"


@pytest.fixture
def api() -> APIClient:
    from rest_framework.test import APIClient

    return APIClient()


@pytest.fixture
def make_user(db):
    def make(*roles: str, name: str | None = None, email: str | None = None, phone: str | None = None, **extra) -> User:
        n = next(_counter)
        if email is None and phone is None:
            email = f"user{n}@example.com"
        from backend.accounts.models import User

        return User.objects.create_user(
            email=email, phone=phone, password=PASSWORD, name=name or f"用户{n}", roles=list(roles), **extra
        )

    return make


@pytest.fixture
def client_for():
    """An API client logged in (by session) as the given user."""

    from rest_framework.test import APIClient

    def make(user: User | None) -> APIClient:
        client = APIClient()
        if user is not None:
            client.force_authenticate(user=user)
        return client

    return make


@pytest.fixture
def admin_user(make_user) -> User:
    return make_user("admin", name="平台管理员", is_staff=True)


@pytest.fixture
def no_reference_trees(db) -> None:
    """These tests build small trees of their own; the reference data (migration 0002) steps aside."""
    from django.db import connection

    with connection.cursor() as cursor:
        # Self-references are deferred constraints, so whole tables can go at once.
        cursor.execute("DELETE FROM directory_industry; DELETE FROM directory_region")
