"""Browser tests: Playwright for Python driving Debian's Chromium against a live server with the demo data.

Fixtures
- ``browser``: one headless Chromium for the whole e2e package (started on first use, closed when the package
  is done). Without /usr/bin/chromium the tests skip locally and FAIL under REQUIRE_SERVICES (CI).
- ``demo_live_server``: a live server whose database holds the demo data, loaded ONCE per test module and
  flushed when the module ends. For tests that only read (pages, accessibility, keyboard, languages).
  Its tests must not ask for ``db``/``transactional_db``/``live_server`` (their flush would wipe the demo).
- ``fresh_demo_server``: pytest-django's ``live_server`` with the demo loaded for EACH test in a transactional
  database. For journeys that write (create a seminar, import, check in): each starts from the same demo.
- ``page``: a new browser context (no cookies, English, 1280x900) and page per test. When the test uses one
  of the servers above, relative URLs work: ``page.goto("/sites/")``. JavaScript errors, CSP violations and
  failed loads on the page fail the test at teardown (``browser_errors`` lists them; clear it when expected).
- ``login_as(page, email)`` logs in through the real allauth form; ``set_language(page, code)`` presses the
  language switcher. Demo accounts: admin@, organizer@, manager@, focal@, official@example.org.

On a failure, every page of the test's context is saved (PNG + HTML) under $E2E_ARTIFACTS_DIR
(default var/test/e2e-artifacts) and the paths are printed.

Why DJANGO_ALLOW_ASYNC_UNSAFE: Playwright's sync API keeps an asyncio event loop running in this thread (in
a greenlet) for as long as Playwright is started. Django then refuses ORM calls from this thread (it thinks
it is inside async code) and raises SynchronousOnlyOperation, e.g. in load_demo or the teardown flush. The
calls are really synchronous, so the check is a false alarm here. The variable is set only while the
package's Playwright instance is alive and restored when it stops, so the rest of the suite keeps the check.
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connections

from tests import services
from tests.e2e import helpers

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
VIEWPORT = {"width": 1280, "height": 900}
_CONTEXTS_KEY = pytest.StashKey[list]()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    report = yield
    contexts = item.stash.get(_CONTEXTS_KEY, None)
    # The call report comes before fixture teardown, so the pages are still open.
    if report.failed and report.when in ("setup", "call") and contexts:
        written = helpers.save_failure_artifacts(contexts, item.nodeid)
        if written:
            listing = "\n".join(str(path) for path in written)
            report.sections.append(("e2e artifacts", listing))
            reporter = item.config.pluginmanager.get_plugin("terminalreporter")
            if reporter is not None:
                reporter.ensure_newline()
                reporter.write_line(f"e2e artifacts for {item.nodeid}:\n{listing}")
    return report


# Read at collection, before any test database exists: the database DATABASE_URL names.
_CONFIGURED_DATABASE_NAME = settings.DATABASES["default"]["NAME"]


@pytest.fixture(scope="session")
def _test_database(django_db_setup, django_db_blocker, django_db_keepdb) -> Iterator[None]:
    """The test database, even when no test of the run asks for ``db``, ``transactional_db`` or ``live_server``.

    pytest-django creates test databases only for the aliases its collected tests ask for by those names or the
    django_db mark. A run of only ``demo_live_server`` modules (``pytest tests/e2e/test_accessibility.py``)
    asks for none, so the demo went to the development database named in DATABASE_URL.
    """
    from django.db import connection
    from django.test.utils import setup_databases, teardown_databases

    if connection.settings_dict["NAME"] != _CONFIGURED_DATABASE_NAME:
        yield  # pytest-django has switched to its test database already
        return
    with django_db_blocker.unblock():
        config = setup_databases(verbosity=0, interactive=False, aliases={"default"}, keepdb=django_db_keepdb)
    yield
    if not django_db_keepdb:
        with django_db_blocker.unblock():
            teardown_databases(config, verbosity=0)


@pytest.fixture(scope="package")
def _playwright() -> Iterator[object]:
    if not CHROMIUM.exists():
        services.missing(f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # see the module docstring
    playwright = sync_playwright().start()
    try:
        yield playwright
    finally:
        # While Playwright's loop runs, Django keeps this thread's connections in a context variable instead of
        # the thread-local; once it stops they would be out of reach and hold the test database open (its DROP
        # at the end of the session fails). Close them while they can still be reached.
        connections.close_all()
        playwright.stop()
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="package")
def browser(_playwright):
    """One Chromium for every e2e test; each test gets its own context (cookies, storage)."""
    browser = _playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
    yield browser
    browser.close()


# The demo passwords are hashed at load and checked at every log-in with the fast hasher tests/conftest.py sets
# for the whole run (PBKDF2's million rounds would cost ~0.5 s each).


def _load_demo() -> None:
    # DEBUG is False under tests and load_demo refuses that without --force (it guards production).
    call_command("load_demo", "--force", verbosity=0, stdout=io.StringIO())


@pytest.fixture(scope="module")
def demo_live_server(_test_database, _playwright, django_db_blocker):
    """A live server with the demo data, loaded once for the whole module and flushed afterwards.

    Not pytest-django's ``live_server``: any test using that one gets ``transactional_db``, which flushes the
    database after every test, so the demo would have to be loaded again for each.
    """
    from pytest_django.live_server_helper import LiveServer

    with django_db_blocker.unblock():
        # The database stays unblocked for the module: the server thread serves the tests from it.
        _load_demo()
        server = LiveServer("127.0.0.1:0")  # port 0: the OS picks a free port
        server._live_server_modified_settings.enable()
        try:
            yield server
        finally:
            server._live_server_modified_settings.disable()
            server.stop()
            # Leave the database as empty as the next module expects it.
            call_command("flush", interactive=False, verbosity=0)
            connections.close_all()


@pytest.fixture(autouse=True)
def _one_kind_of_demo_server(request: pytest.FixtureRequest) -> None:
    """The per-module demo dies with the first flush of a per-test database: refuse to mix them."""
    if "demo_live_server" in request.fixturenames:
        clash = {"db", "transactional_db", "live_server", "fresh_demo_server"} & set(request.fixturenames)
        if clash:
            pytest.fail(f"demo_live_server cannot be combined with {sorted(clash)}: use fresh_demo_server")


@pytest.fixture
def fresh_demo_server(_playwright, live_server, transactional_db, settings):
    """pytest-django's live server with the demo loaded for this test alone (the database is flushed after)."""
    _load_demo()
    return live_server


@pytest.fixture
def browser_errors() -> list[str]:
    """JavaScript errors and console errors (CSP violations, failed loads) of the test's pages.

    They fail the test at teardown. A test that provokes one on purpose (a 404 page) checks and clears it.
    """
    return []


@pytest.fixture
def page(browser, browser_errors, request: pytest.FixtureRequest):
    server = None
    for name in ("demo_live_server", "fresh_demo_server"):
        if name in request.fixturenames:
            server = request.getfixturevalue(name)
    context = browser.new_context(base_url=server.url if server else None, locale="en-US", viewport=VIEWPORT)
    context.set_default_timeout(10_000)
    request.node.stash.setdefault(_CONTEXTS_KEY, []).append(context)
    page = context.new_page()
    page.on("pageerror", lambda error: browser_errors.append(f"JavaScript error: {error}"))
    page.on(
        "console",
        lambda message: (
            browser_errors.append(f"console {message.type}: {message.text} ({message.location['url']})")
            if message.type == "error"
            else None
        ),
    )
    yield page
    context.close()
    if browser_errors:
        # A CSP violation (an inline script or style) or a JavaScript error is a bug even when the test passed.
        pytest.fail("The browser reported errors:\n" + "\n".join(browser_errors), pytrace=False)


@pytest.fixture
def login_as():
    """``login_as(page, email)``: log in through the real log-in form (see helpers.login_as)."""
    return helpers.login_as
