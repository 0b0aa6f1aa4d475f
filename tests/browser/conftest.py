"""Drive Debian's chromium through Playwright against a live server on the test database.

One browser and one live server for the session, one phone-sized tab (375x812) reset for each test.
A test reads the guide loaded once for the run (tests/conftest.py) inside the `db` fixture's
transaction; only a test whose own edits the server must see asks for `committed_edits`. Without
chromium or Playwright the tests skip and the run's summary says so; REQUIRE_BROWSER=1 (CI) makes
that a failure.
"""

import importlib.util
import os
import threading
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from pytest_django.live_server_helper import LiveServer

from tests import committed

from .pages import Page
from .reports import PageReport, inspect

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
REQUIRE_BROWSER = os.environ.get("REQUIRE_BROWSER", "") == "1"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PHONE = {"width": 375, "height": 812}

skipped_because: set[str] = set()


def missing_browser() -> str | None:
    """Say why the browser tests cannot run here, or return None when they can."""
    if importlib.util.find_spec("playwright") is None:
        return "playwright is not installed (run make install)"
    if not CHROMIUM.exists():
        return f"chromium not found at {CHROMIUM}"
    return None


def pytest_collection_modifyitems(items):
    for item in items:
        if item.path.is_relative_to(Path(__file__).parent):
            item.add_marker(pytest.mark.browser)


def pytest_terminal_summary(terminalreporter):
    for reason in sorted(skipped_because):
        terminalreporter.write_line(
            f"Browser tests SKIPPED: {reason}. Install it (apt-get install chromium) or set "
            "REQUIRE_BROWSER=1 to make this a failure.",
            yellow=True,
            bold=True,
        )


@pytest.fixture(scope="session")
def browser():
    """Launch chromium once for the whole run."""
    if reason := missing_browser():
        if REQUIRE_BROWSER:
            pytest.fail(f"REQUIRE_BROWSER=1 but {reason}", pytrace=False)
        skipped_because.add(reason)
        pytest.skip(f"Browser tests skipped: {reason}")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop marked as running in this thread, so Django would
    # refuse the ORM calls (loading the guide, flushing) that these tests make between browser calls.
    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "1")
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class OneRequestAtATime:
    """Let one request at a time into the site, on a server that still keeps connections open.

    On SQLite the live server's threads share the test's in-memory database connection, and
    sqlite3 cannot use one connection from two threads at once: requests in parallel (a service
    worker keeping the guide's pages) failed with "bad parameter or other API misuse".
    """

    def __init__(self, app):
        self.app = app
        self.lock = threading.Lock()

    def __call__(self, environ, start_response):
        with self.lock:
            return self.app(environ, start_response)


@pytest.fixture(scope="session")
def site(django_db_setup):
    """Serve the test database from a thread for the whole run.

    pytest-django's `live_server` fixture would make every test that uses it transactional: the
    database is emptied after each, and loading the guide again costs about a second a test. The
    same server object, made here, lets a test that only reads keep the run's guide.
    """
    server = LiveServer("localhost", start=False)
    if server.thread.connections_override:
        serve_static = server.thread.static_handler
        server.thread.static_handler = lambda app: OneRequestAtATime(serve_static(app))
    server.start()
    yield server
    server.stop()


@pytest.fixture
def committed_edits(transactional_db, site):
    """Commit the test's own edits, so the live server sees them on PostgreSQL too.

    The database is emptied after such a test, so the run's guide and staff groups are put back
    first.
    """
    committed.restore()


@dataclass
class Tab:
    """A browser tab on the live site that records what a visitor would not see."""

    page: object
    origin: str
    requests: list[str] = field(default_factory=list)
    failed_responses: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)

    def url(self, path: str) -> str:
        return f"{self.origin}{path}"

    def open(self, target: Page | str):
        """Go to a page (submitting its form if it has one) and check the server's status code."""
        target = target if isinstance(target, Page) else Page(target, target)
        response = self.page.goto(self.url(target.path))
        if target.submit is not None:
            steps = target.submit if isinstance(target.submit, list) else [target.submit]
            for answers in steps:
                response = self.submit(answers)
        assert response.status == target.status, f"{target.path} answered {response.status}"
        return response

    def submit(self, answers: dict[str, str | list[str]]):
        """Answer the page's form in <main> and press its submit button."""
        form = self.page.locator("main form")
        for name, values in answers.items():
            for value in [values] if isinstance(values, str) else values:
                choices = form.locator(f'input[name="{name}"]:is([type=checkbox], [type=radio])')
                if choices.count() > 1:
                    choices.and_(form.locator(f'[value="{value}"]')).check()
                elif choices.count() == 1:
                    choices.check()
                else:
                    form.locator(f'[name="{name}"]').fill(value)
        with self.page.expect_navigation() as navigation:
            form.locator("[type=submit]").first.click()
        return navigation.value


@pytest.fixture(scope="session")
def browser_page(browser, site):
    """Keep one phone-sized tab for the run: a warm tab runs axe three times faster than a new one.

    It closes before the live server stops, so no keep-alive request outlives the server's database.
    """
    # No service worker here: one would answer later tests from its cache (test_offline.py has its own).
    context = browser.new_context(viewport=PHONE, device_scale_factor=1, service_workers="block")
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def tab(browser_page, site, db):
    """Give the test the run's tab, reset to a phone screen with no cookies, on the live site."""
    page = browser_page
    page.context.clear_cookies()
    page.set_viewport_size(PHONE)
    page.emulate_media(media="null")
    tab = Tab(page=page, origin=site.url)

    def on_response(response):
        if response.status >= 400:
            tab.failed_responses.append(f"{response.status} {response.url}")

    def on_console(message):
        if message.type == "error":
            tab.console_errors.append(f"{message.text} ({message.location.get('url', '')})")

    listeners = {
        "request": lambda request: tab.requests.append(request.url),
        "response": on_response,
        "console": on_console,
        "pageerror": lambda error: tab.console_errors.append(f"uncaught: {error}"),
    }
    for event, listener in listeners.items():
        page.on(event, listener)
    yield tab
    for event, listener in listeners.items():
        page.remove_listener(event, listener)


_reports: dict[str, PageReport] = {}


@pytest.fixture
def page_report(request, browser_page, site, db):
    """Return a function that visits a page once per run and reports what the page checks need.

    Each page check asserts one thing about the same visit, so a page is loaded and run through axe
    once, not once per check (test_every_page.py keeps a page's checks on one xdist worker). The
    tab is set up only for a visit. The browser and the live server are asked for here, before the
    test's transaction: started inside it (the first page check of a run on one worker), the test's
    rollback failed with "The rollback flag doesn't work outside of an 'atomic' block".
    """

    def report(target: Page) -> PageReport:
        if target.id not in _reports:
            _reports[target.id] = inspect(request.getfixturevalue("tab"), target)
        return _reports[target.id]

    return report
