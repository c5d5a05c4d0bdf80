"""Django serves the built browser app for page routes (history mode)."""

import pytest
from django.test import override_settings

pytestmark = pytest.mark.django_db


@pytest.fixture
def dist(tmp_path):
    (tmp_path / "index.html").write_text("<!doctype html><div id=app></div><!-- innolink -->", encoding="utf-8")
    with override_settings(FRONTEND_DIST=tmp_path):
        yield tmp_path


@pytest.mark.parametrize("path", ["/", "/login", "/events/12/checkin", "/startups?industry=3"])
def test_page_routes_serve_index_html_and_set_csrf_cookie(client, dist, path):
    response = client.get(path)
    assert response.status_code == 200
    assert b"<!-- innolink -->" in response.content
    assert "csrftoken" in response.cookies


def test_api_and_admin_routes_are_not_swallowed_by_the_app(client, dist):
    assert client.get("/api/nothing-here").status_code == 404
    assert client.get("/admin/").status_code == 302  # to the admin login


def test_missing_build_says_how_to_build(client, tmp_path):
    with override_settings(FRONTEND_DIST=tmp_path / "absent"):
        response = client.get("/")
    assert response.status_code == 503
    assert b"make run" in response.content


def test_healthz_checks_the_database(client):
    assert client.get("/healthz").json() == {"status": "ok"}
