"""Browser tests: the real ASGI app (HTTP and WebSockets) served by uvicorn
in a background thread, against pytest-django's test database, driven by Debian's
chromium through Playwright's sync API.

Fixtures for tests:
- ``live_app``: the running server (``live_app.url``); data made in the test is
  committed (``transactional_db``), so the server thread sees it.
- ``page``: a Playwright page in a fresh browser context, with ``base_url`` set,
  so ``page.goto("/login")`` works; test ids are the app's ``data-test`` attributes.
- ``login(page, user_or_login)``: log in through the login form and wait for home.
- ``make_org(user, kind=..., name=...)``: an organisation the user is a member of.

Under pytest-xdist every worker has its own database (pytest-django) and its own
server on a free port.
"""

from __future__ import annotations

import itertools
import os
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.conf import settings

from tests.conftest import PASSWORD

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TIMEOUT_MS = 10_000

_org_counter = itertools.count(1)


@pytest.fixture(scope="session")
def frontend_built() -> None:
    index = settings.FRONTEND_DIST / "index.html"
    if not index.exists() or settings.FRONTEND_DIST not in settings.STATICFILES_DIRS:
        pytest.fail(
            f"The browser app is not built ({index} is missing). Build it first with "
            "`make frontend/dist/index.html` (or `make build`), then run the browser tests again.",
            pytrace=False,
        )


@dataclass
class LiveApp:
    host: str
    port: int
    server: Any = None

    def wait_idle(self, timeout: float = 10) -> None:
        """Wait until no connection or app task is left on the server.

        A page's sockets outlive the browser context by a moment, and a consumer
        still querying would deadlock with the test database's flush (TRUNCATE).
        """
        state = self.server.server_state
        deadline = time.monotonic() + timeout
        while (state.connections or state.tasks) and time.monotonic() < deadline:
            time.sleep(0.05)

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"


@pytest.fixture(scope="session")
def _asgi_server(django_db_setup, frontend_built) -> Iterator[LiveApp]:
    """uvicorn serving backend.asgi:application in a thread, on a free port of this worker."""
    import uvicorn

    from backend.asgi import application

    # Bind first and hand uvicorn the socket: the port is ours, no race for a "free" one.
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    # channels' ProtocolTypeRouter has no lifespan handler; DB connections are
    # closed per request by Django's request_finished signal (CONN_MAX_AGE=0).
    config = uvicorn.Config(application, lifespan="off", log_level="warning", access_log=False)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, name="uvicorn-e2e", daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("uvicorn did not start for the browser tests")
        time.sleep(0.02)
    yield LiveApp("127.0.0.1", sock.getsockname()[1], server)
    server.should_exit = True
    thread.join(timeout=10)
    sock.close()


@pytest.fixture
def live_app(_asgi_server, transactional_db) -> Iterator[LiveApp]:
    """The server, for a test whose data is committed so that the server thread sees it."""
    yield _asgi_server
    _asgi_server.wait_idle()  # before transactional_db flushes the tables


@pytest.fixture(scope="module")
def browser():
    """One chromium per test module; each test gets a fresh context (see ``page``).

    Playwright's sync API keeps its event loop marked as running in this thread
    between calls, and Django refuses ORM calls where a loop runs. The ORM calls
    of these tests are synchronous and outside any loop's work, so the check is
    lifted while the browser lives (module scope, so other tests in the same
    xdist worker keep the check).
    """
    from playwright.sync_api import sync_playwright

    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(
            f"No chromium at {CHROMIUM}. Install Debian's package with scripts/ensure-chromium.sh "
            "(apt-get install chromium) or set CHROMIUM=/path/to/chromium.",
            pytrace=False,
        )
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as playwright:
            playwright.selectors.set_test_id_attribute("data-test")
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            yield browser
            browser.close()


@pytest.fixture
def page(browser, live_app):
    context = browser.new_context(
        base_url=live_app.url, locale="zh-CN", timezone_id="Asia/Shanghai", viewport={"width": 1366, "height": 768}
    )
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    uncaught: list[str] = []
    page.on("pageerror", lambda error: uncaught.append(str(error)))
    yield page
    context.close()
    # A script error in the app is a failure even if the assertions passed.
    assert uncaught == [], f"uncaught errors in the page: {uncaught}"


@pytest.fixture
def login():
    """Log in through the form as a user (or with an email/phone) and wait for the home page."""
    from playwright.sync_api import expect

    def log_in(page, who, password: str = PASSWORD) -> None:
        identifier = who if isinstance(who, str) else (who.email or who.phone)
        page.goto("/login")
        page.locator("input[name=login]").fill(identifier)
        page.locator("input[name=password]").fill(password)
        page.get_by_test_id("login-submit").click()
        expect(page.get_by_test_id("welcome")).to_be_visible()

    return log_in


@pytest.fixture
def region(transactional_db):
    from backend.directory.models import Region

    # The reference data (migration 0002) has it, unless a transactional test flushed it.
    province, _ = Region.objects.get_or_create(
        name="河北省", parent=None, defaults={"level": Region.Level.PROVINCE, "code": "130000"}
    )
    city, _ = Region.objects.get_or_create(
        name="邢台市", parent=province, defaults={"level": Region.Level.CITY, "code": "130500"}
    )
    return city


@pytest.fixture
def make_org(region):
    from backend.directory.models import Membership, Organisation

    def make(user, *, kind: str = "startup", name: str | None = None, role: str = Membership.Role.OWNER):
        org = Organisation.objects.create(kind=kind, name=name or f"测试机构{next(_org_counter)}", region=region)
        Membership.objects.create(organisation=org, user=user, role=role)
        return org

    return make
