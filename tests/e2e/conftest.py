"""Browser tests: Playwright driving Debian's Chromium against pytest-django's live server."""

import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.core.servers.basehttp import ThreadedWSGIServer
from django.test.testcases import LiveServerThread
from playwright.sync_api import Browser, ConsoleMessage, Page, expect, sync_playwright

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).parent / "artifacts"
PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 900}
CHROMIUM_ARGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
]  # fmt: skip

# Playwright's sync API runs an event loop in this thread; the ORM is still used synchronously.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


class OneRequestAtATimeServer(ThreadedWSGIServer):
    """The live server, running one request through Django at a time. On SQLite every server thread shares
    the test's one in-memory connection, so two requests at once (a page and its admin jsi18n script, say)
    would nest transactions on it. Sockets are still read in threads: a browser's idle pre-connection
    must not block the others."""

    def set_app(self, application):
        lock = threading.Lock()

        def one_at_a_time(environ, start_response):
            with lock:
                return application(environ, start_response)

        super().set_app(one_at_a_time)


LiveServerThread.server_class = OneRequestAtATimeServer


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture
def browser() -> Iterator[Browser]:
    """A browser per test. Playwright's sync API runs in a greenlet with its own context, where Django hands
    out a different database connection; starting it after the test database helper (and stopping it before
    its teardown) keeps serialized_rollback working."""
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"Chromium is missing at {CHROMIUM}: `make chromium` installs it.")
        pytest.skip(f"Chromium is missing at {CHROMIUM}: run `make chromium`.")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


# Recorded from the first script of every document on, so violations while the HTML is parsed count too.
CSP_LISTENER = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
    window.__cspViolations.push(
        `${event.effectiveDirective} blocked ${event.blockedURI || "inline"} at ${event.sourceFile}:${event.lineNumber}`
    );
});
"""


class PageProblems:
    """Console errors, CSP violations, uncaught exceptions, dialogs and off-host requests of a page."""

    def __init__(self, page: Page, host: str):
        self.page = page
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.foreign_requests: list[str] = []
        page.add_init_script(CSP_LISTENER)
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        page.on("dialog", self._dialog)
        page.on("request", lambda request: self._request(request.url, host))

    def _console(self, message: ConsoleMessage) -> None:
        # Pages without an icon link (Wagtail's bare templates, the Django admin) make the browser ask /favicon.ico.
        if message.type == "error" and "favicon" not in message.text + message.location.get("url", ""):
            self.errors.append(message.text)

    def _dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def _request(self, url: str, host: str) -> None:
        if not url.startswith((host, "data:", "blob:", "about:")):
            self.foreign_requests.append(url)

    def csp_violations(self) -> list[str]:
        """The securitypolicyviolation events of the current document (the console has those of earlier ones)."""
        return self.page.evaluate("window.__cspViolations || []")

    def take(self) -> list[str]:
        """Every problem seen since the last call, labelled; start afresh."""
        found = [
            *(f"console error: {error}" for error in self.errors),
            *(f"CSP violation: {violation}" for violation in self.csp_violations()),
            *(f"a dialog opened: {dialog}" for dialog in self.dialogs),
            *(f"request to another host: {url}" for url in self.foreign_requests),
        ]
        for seen in (self.errors, self.dialogs, self.foreign_requests):
            seen.clear()
        self.page.evaluate("window.__cspViolations = []")
        return found

    def assert_clean(self) -> None:
        found = self.take()
        assert found == [], "\n".join(found)


@pytest.fixture
def page(browser: Browser, live_server) -> Iterator[Page]:
    context = browser.new_context(viewport=DESKTOP, locale="en-US", timezone_id="Asia/Shanghai")
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.problems = PageProblems(page, live_server.url)
    yield page
    context.close()


@pytest.fixture
def problems(page) -> PageProblems:
    return page.problems


def login(page: Page, live_server, username: str, password: str = settings.PORTAL_DEMO_PASSWORD) -> None:
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=login]", username)
    page.fill("input[name=password]", password)
    page.click("form.login-form button[type=submit], form button[type=submit]:not(.language-switch__option)")
    page.wait_for_load_state("networkidle")


def open_menu(page: Page) -> None:
    """On a phone the navigation, the language switch and the user menu fold behind the menu button."""
    toggle = page.locator("[data-menu-toggle]")
    if toggle.is_visible() and toggle.get_attribute("aria-expanded") == "false":
        toggle.click()


def open_user_menu(page: Page) -> None:
    """Show the user menu (我的设置, 谁看过我的记录, 退出)."""
    open_menu(page)
    menu = page.locator("details.user-menu")
    if not menu.evaluate("menu => menu.open"):
        menu.locator("summary").click()


def log_out(page: Page, button: str = "Log out") -> None:
    open_user_menu(page)
    page.get_by_role("button", name=button).click()
    page.wait_for_load_state("networkidle")


def draw_charts(page: Page, within: str = "") -> int:
    """Scroll each plotly chart (of ``within``, a selector, or of the page) into view, as a reader does, and
    wait until it is drawn: charts.js draws a chart only when it comes near the viewport. Returns how many."""
    plots = page.locator(f"{within} .chart__plot[data-figure-id]".strip())
    count = plots.count()
    for n in range(count):
        plots.nth(n).scroll_into_view_if_needed()
        expect(plots.nth(n)).to_have_attribute("data-rendered", "true", timeout=15_000)
    return count


_axe = Axe()


def assert_accessible(page: Page, name: str) -> None:
    """Run axe-core on the page; fail on any violation, and save a screenshot for a person to look at."""
    ARTIFACTS.mkdir(exist_ok=True)
    width = page.viewport_size["width"] if page.viewport_size else 0
    page.screenshot(path=str(ARTIFACTS / f"{name}-{width}.png"), full_page=True)
    results = _axe.run(page)
    assert results.violations_count == 0, results.generate_report()
