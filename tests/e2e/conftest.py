"""Browser tests: Playwright driving Debian's Chromium against pytest-django's live server."""

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from playwright.sync_api import Browser, ConsoleMessage, Page, sync_playwright

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


class PageProblems:
    """Console errors (CSP violations among them), uncaught exceptions, dialogs and off-host requests."""

    def __init__(self, page: Page, host: str):
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.foreign_requests: list[str] = []
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        page.on("dialog", self._dialog)
        page.on("request", lambda request: self._request(request.url, host))

    def _console(self, message: ConsoleMessage) -> None:
        if message.type == "error" and "favicon" not in message.text:
            self.errors.append(message.text)

    def _dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def _request(self, url: str, host: str) -> None:
        if not url.startswith((host, "data:", "blob:", "about:")):
            self.foreign_requests.append(url)

    def assert_clean(self) -> None:
        assert self.errors == [], f"console errors: {self.errors}"
        assert self.dialogs == [], f"a dialog opened: {self.dialogs}"
        assert self.foreign_requests == [], f"requests to other hosts: {self.foreign_requests}"


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


_axe = Axe()


def assert_accessible(page: Page, name: str) -> None:
    """Run axe-core on the page; fail on any violation, and save a screenshot for a person to look at."""
    ARTIFACTS.mkdir(exist_ok=True)
    width = page.viewport_size["width"] if page.viewport_size else 0
    page.screenshot(path=str(ARTIFACTS / f"{name}-{width}.png"), full_page=True)
    results = _axe.run(page)
    assert results.violations_count == 0, results.generate_report()
