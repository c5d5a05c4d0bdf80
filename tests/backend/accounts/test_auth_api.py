"""Registration, login (email or phone), session + CSRF, tokens, lockout, /me."""

import pytest
from django.contrib.auth.hashers import identify_hasher
from django.test import override_settings
from rest_framework.test import APIClient

from backend import settings as production_settings
from backend.accounts.models import Role, User
from backend.accounts.views import INVALID_LOGIN
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def csrf_client() -> APIClient:
    client = APIClient(enforce_csrf_checks=True)
    client.get("/api/auth/csrf")
    return client


def post_with_csrf(client: APIClient, url: str, data: dict):
    return client.post(url, data, format="json", HTTP_X_CSRFTOKEN=client.cookies["csrftoken"].value)


def test_register_with_email_logs_in_and_returns_me():
    client = csrf_client()
    response = post_with_csrf(
        client,
        "/api/auth/register",
        {"name": "张三", "email": "Zhang@Example.com", "password": PASSWORD, "roles": ["startup"]},
    )
    assert response.status_code == 201, response.data
    assert response.data["email"] == "zhang@example.com"
    assert response.data["roles"] == ["startup"]
    assert client.get("/api/auth/me").data["name"] == "张三"


def test_register_with_phone_only():
    client = csrf_client()
    response = post_with_csrf(
        client, "/api/auth/register", {"name": "李四", "phone": "+86 138-0000-1234", "password": PASSWORD}
    )
    assert response.status_code == 201, response.data
    assert User.objects.get(phone="13800001234").name == "李四"


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"name": "王五", "password": PASSWORD}, "email"),
        ({"name": "王五", "email": "not-an-email", "password": PASSWORD}, "email"),
        ({"name": "王五", "phone": "12345", "password": PASSWORD}, "phone"),
        ({"name": "王五", "email": "w@example.com", "password": "123"}, "password"),
        ({"name": "王五", "email": "w@example.com", "password": PASSWORD, "roles": ["admin"]}, "roles"),
        ({"name": "王五", "email": "w@example.com", "password": PASSWORD, "roles": ["wizard"]}, "roles.0"),
        ({"email": "w@example.com", "password": PASSWORD}, "name"),
    ],
)
def test_register_rejects_bad_input_with_field_errors(payload, field):
    response = post_with_csrf(csrf_client(), "/api/auth/register", payload)
    assert response.status_code == 400
    assert set(response.data) >= {"message", "code", "errors"}
    assert field in response.data["errors"], response.data
    assert not User.objects.filter(name="王五").exists()


def test_register_twice_is_a_conflict(make_user):
    make_user(email="taken@example.com")
    response = post_with_csrf(
        csrf_client(), "/api/auth/register", {"name": "x", "email": "TAKEN@example.com", "password": PASSWORD}
    )
    assert response.status_code == 409
    assert "email" in response.data["errors"]


def test_register_without_csrf_token_is_refused():
    client = APIClient(enforce_csrf_checks=True)
    response = client.post("/api/auth/register", {"name": "x", "email": "x@example.com", "password": PASSWORD})
    assert response.status_code == 403
    assert not User.objects.filter(email="x@example.com").exists()


@pytest.mark.parametrize("login", ["user@example.com", "USER@example.com", "13912345678", "+8613912345678"])
def test_login_by_email_or_phone(make_user, login):
    make_user(Role.INVESTOR, email="user@example.com", phone="13912345678")
    client = csrf_client()
    response = post_with_csrf(client, "/api/auth/login", {"login": login, "password": PASSWORD})
    assert response.status_code == 200, response.data
    assert response.data["roles"] == ["investor"]
    assert client.get("/api/auth/me").status_code == 200


def test_login_wrong_password_is_400_with_message(make_user):
    make_user(email="user@example.com")
    response = post_with_csrf(csrf_client(), "/api/auth/login", {"login": "user@example.com", "password": "wrong"})
    assert response.status_code == 400
    assert response.data["message"] == INVALID_LOGIN


@override_settings(AXES_FAILURE_LIMIT=3)
def test_login_locks_out_after_repeated_failures(make_user):
    make_user(email="user@example.com")
    client = csrf_client()
    statuses = [
        post_with_csrf(client, "/api/auth/login", {"login": "user@example.com", "password": "bad"}).status_code
        for _ in range(3)
    ]
    assert statuses == [400, 400, 429]
    # Even the right password is refused while locked out.
    response = post_with_csrf(client, "/api/auth/login", {"login": "user@example.com", "password": PASSWORD})
    assert response.status_code == 429
    assert response.json()["code"] == "locked_out"


def test_logout_ends_the_session(make_user):
    make_user(email="user@example.com")
    client = csrf_client()
    post_with_csrf(client, "/api/auth/login", {"login": "user@example.com", "password": PASSWORD})
    assert post_with_csrf(client, "/api/auth/logout", {}).status_code == 204
    assert client.get("/api/auth/me").status_code == 401


def test_me_requires_login(api):
    response = api.get("/api/auth/me")
    assert response.status_code == 401
    assert response.data["code"] == "not_authenticated"


def test_me_roles_are_read_only(make_user, client_for):
    user = make_user(Role.STARTUP)
    response = client_for(user).patch("/api/auth/me", {"name": "新名字", "roles": ["admin"]}, format="json")
    assert response.status_code == 200
    user.refresh_from_db()
    assert user.name == "新名字"
    assert user.roles == ["startup"]


def test_me_without_mentor_profile_is_null_and_nullable_in_schema(make_user, client_for, api):
    user = make_user(Role.MENTOR)
    response = client_for(user).get("/api/auth/me")
    assert response.status_code == 200
    assert response.data["mentor_profile"] is None
    # The browser app's types come from the schema: it must say null is possible.
    schema = api.get("/api/schema/", HTTP_ACCEPT="application/json").json()
    assert schema["components"]["schemas"]["Me"]["properties"]["mentor_profile"]["nullable"] is True


def test_token_for_api_clients(make_user):
    make_user(Role.BANK, email="bank@example.com")
    client = APIClient()
    response = client.post("/api/auth/token", {"login": "bank@example.com", "password": PASSWORD}, format="json")
    assert response.status_code == 201
    client.credentials(HTTP_AUTHORIZATION=f"Token {response.data['token']}")
    assert client.get("/api/auth/me").data["roles"] == ["bank"]
    assert client.delete("/api/auth/token").status_code == 204
    assert client.get("/api/auth/me").status_code == 401


def test_production_hashes_passwords_with_argon2():
    assert production_settings.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
    with override_settings(PASSWORD_HASHERS=production_settings.PASSWORD_HASHERS):
        user = User.objects.create_user(email="argon@example.com", password=PASSWORD, name="a")
        assert identify_hasher(user.password).algorithm == "argon2"
