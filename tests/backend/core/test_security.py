"""Production settings: `check --deploy` is clean and responses carry the security headers.

Production settings are computed from the environment at import, so they are
checked in a fresh interpreter with the environment a deployment would set.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[3]
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "backend.settings",
    "DEBUG": "0",
    "SECRET_KEY": "k" * 20 + "production-secret-0123456789-abcdefghijklmnopqrstuvwxyz",
    "ALLOWED_HOSTS": "innolink.example.cn",
    "SECURE_HTTPS": "1",
}


def run_in_production(code: str) -> subprocess.CompletedProcess:
    env = {**os.environ, **PRODUCTION_ENV, "PYTHONPATH": str(ROOT)}
    env.pop("SECURE_SSL_REDIRECT", None)
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)


def test_check_deploy_is_clean_with_production_settings():
    result = run_in_production(
        "import django, sys; django.setup();"
        "from django.core.management import call_command;"
        "call_command('check', deploy=True, fail_level='WARNING')"
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout + result.stderr


def test_production_responses_carry_security_headers():
    result = run_in_production(
        "import django, json; django.setup();"
        "from django.test import Client;"
        "r = Client().get('/api/schema/', secure=True, HTTP_HOST='innolink.example.cn');"
        "print(json.dumps(dict(r.headers)))"
    )
    assert result.returncode == 0, result.stderr
    headers = json.loads(result.stdout.strip().splitlines()[-1])
    assert headers["Strict-Transport-Security"].startswith("max-age=31536000")
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["X-Frame-Options"] == "DENY"
    csp = headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in csp
    assert "script-src 'self'" in csp
    assert "default-src 'self'" in csp


def test_production_redirects_plain_http_to_https():
    result = run_in_production(
        "import django; django.setup();"
        "from django.test import Client;"
        "r = Client().get('/login', HTTP_HOST='innolink.example.cn');"
        "print(r.status_code, r.headers.get('Location'))"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["301", "https://innolink.example.cn/login"]


def test_session_and_csrf_cookies_are_http_only_and_not_in_storage():
    assert settings.SESSION_COOKIE_HTTPONLY is True
    # The browser app reads the CSRF cookie to echo it; the session stays HttpOnly.
    assert settings.CSRF_COOKIE_HTTPONLY is False


@pytest.mark.django_db
def test_csp_header_in_test_settings_too(client):
    response = client.get("/healthz")
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
