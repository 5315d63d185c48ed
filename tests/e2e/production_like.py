"""A live server running production's settings, for the browser journeys that must hold in production.

The settings are read from ``portal/settings/production.py`` itself (a private copy of the module,
loaded with a production-shaped environment), so a journey follows production when production changes.
Every setting production sets is applied, except the few in ``RELAXED`` and ``NOT_APPLIED`` (each with
its reason); a production change to a setting Django reads only at start-up fails loudly.

The browser reaches the server as it reaches production: through a proxy that terminated HTTPS. Every
request carries ``X-Forwarded-Proto: https`` (production's ``SECURE_PROXY_SSL_HEADER``), so the SSL
redirect, HSTS and secure cookies stay on; Chromium keeps ``Secure`` cookies on ``http://localhost``.
The server is started after the settings are applied: middleware reads some settings once, when it is
built (Django's SecurityMiddleware), so the suite's shared live server would keep the test settings.
"""

import importlib.util
import os
import uuid
from collections.abc import Callable, Iterator
from types import ModuleType
from typing import Any
from unittest import mock

import pytest
import redis
from django.conf import settings as django_settings
from playwright.sync_api import Browser, BrowserContext, Page
from pytest_django.live_server_helper import LiveServer

from tests.e2e.conftest import DESKTOP, PageProblems

REDIS_URL = os.environ.get("PORTAL_TEST_REDIS_URL", "redis://127.0.0.1:6379/11")
HOST = "localhost"
PROXY_HEADERS = {"X-Forwarded-Proto": "https"}

# Production's environment, as docs/deployment.md sets it; everything else at production's defaults.
ENVIRONMENT = {
    "DJANGO_SECRET_KEY": "production-like-browser-test-" + "k" * 40,
    "DJANGO_ALLOWED_HOSTS": HOST,
    "DATABASE_URL": "postgres://portal@127.0.0.1:5432/portal",  # parsed, never used: see NOT_APPLIED
    "REDIS_URL": REDIS_URL,
}
ENVIRONMENT_PREFIXES = ("DJANGO_", "PORTAL_", "EMAIL_", "DEFAULT_FROM_EMAIL", "DATABASE_URL", "REDIS_URL")

# What a plain-HTTP test server on localhost cannot take from production, and what it takes instead.
RELAXED: dict[str, tuple[Any, str]] = {
    "EMAIL_BACKEND": (
        "django.core.mail.backends.locmem.EmailBackend",
        "no SMTP server on the test machine: the journey opens the invitation from django.core.mail.outbox",
    ),
    "STORAGES": (
        {
            "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        },
        "static files unhashed, served from the apps' folders: the manifest storage needs `collectstatic` first "
        "(uploads stay on production's FileSystemStorage)",
    ),
}
# Test-only settings kept although production does not set them.
KEPT_FROM_TESTS = {"WHITENOISE_AUTOREFRESH": "static files from the apps' folders (see STORAGES)"}
# Settings a running test cannot switch: pytest-django made the test database before any fixture ran.
NOT_APPLIED = {
    "DATABASES": "the suite's test database (SQLite, or PostgreSQL with DATABASE_URL) with its connections",
}
# Settings Django reads once, at start-up: production must agree with the tests on them, or say why above.
UNSWITCHABLE = {"INSTALLED_APPS", "AUTH_USER_MODEL", "DEFAULT_AUTO_FIELD", "USE_TZ"}
# Origins are compared as the browser sends them: http://localhost:<port>, where production sees https://<host>.
CSRF_ORIGIN_REASON = "the browser's origin is the test server's http://localhost:<port>, not https://<host>"


def production_module() -> ModuleType:
    """Execute portal/settings/production.py afresh, in the environment above, without registering it."""
    spec = importlib.util.find_spec("portal.settings.production")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    with mock.patch.dict(os.environ):
        for name in [name for name in os.environ if name.startswith(ENVIRONMENT_PREFIXES)]:
            del os.environ[name]  # the developer's own PORTAL_REQUIRE_MFA=0, say: production's defaults apply
        os.environ.update(ENVIRONMENT)
        spec.loader.exec_module(module)
    return module


def setting_names(module: ModuleType) -> set[str]:
    return {name for name in vars(module) if name.isupper()}


def production_overrides() -> tuple[dict[str, Any], set[str], dict[str, str]]:
    """Return the settings to change (production's values, relaxed where listed), those to remove, and the
    settings where this test departs from production, with the reason for each."""
    production = production_module()
    active = importlib.import_module(django_settings.SETTINGS_MODULE)
    changes: dict[str, Any] = {}
    departures: dict[str, str] = {}
    for name in sorted(setting_names(production)):
        value = getattr(production, name)
        if name in NOT_APPLIED:
            departures[name] = NOT_APPLIED[name]
        elif name in RELAXED:
            changes[name], departures[name] = RELAXED[name]
        elif getattr(django_settings, name, object()) != value:
            assert name not in UNSWITCHABLE, f"production changes {name}, which a running test cannot take"
            changes[name] = value
    removed = setting_names(active) - setting_names(production) - set(KEPT_FROM_TESTS)
    departures.update(KEPT_FROM_TESTS)
    departures["CSRF_TRUSTED_ORIGINS"] = CSRF_ORIGIN_REASON
    cache_settings = {**changes["CACHES"]["default"], "KEY_PREFIX": f"e2e-{uuid.uuid4().hex[:12]}"}
    changes["CACHES"] = {**changes["CACHES"], "default": cache_settings}
    departures["CACHES"] = (
        "production's Redis cache, its keys prefixed per test: no rate limit or used code spills over"
    )
    return changes, removed, departures


def redis_answers() -> bool:
    try:
        return bool(redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping())
    except redis.RedisError:
        return False


@pytest.fixture
def production_settings(settings) -> Iterator[dict[str, str]]:
    """Apply production's settings (module docstring); yield the departures from production and their reasons."""
    if not redis_answers():
        message = f"Redis does not answer at {REDIS_URL} (PORTAL_TEST_REDIS_URL): production's cache and sessions"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    changes, removed, departures = production_overrides()
    for name, value in changes.items():
        setattr(settings, name, value)
    for name in removed:
        delattr(settings, name)
    yield departures
    server = redis.Redis.from_url(REDIS_URL)
    keys = list(server.scan_iter(match=f"{changes['CACHES']['default']['KEY_PREFIX']}:*"))
    if keys:
        server.delete(*keys)  # this test's keys, every version (Wagtail's are version 2)


@pytest.fixture
def production_server(production_settings, settings) -> Iterator[LiveServer]:
    """A live server started under production's settings, trusting its own http:// origin for CSRF only."""
    server = LiveServer(f"{HOST}:0")
    settings.CSRF_TRUSTED_ORIGINS = [*django_settings.CSRF_TRUSTED_ORIGINS, server.url]
    yield server
    server.stop()


@pytest.fixture
def production_pages(browser: Browser, production_server: LiveServer) -> Iterator[Callable[[], Page]]:
    """Open pages, each in its own browser context (one person, one computer), whose requests come through
    the pretend HTTPS proxy, with the suite's problem recorder on ``page.problems``."""
    contexts: list[BrowserContext] = []

    def new_page() -> Page:
        context = browser.new_context(
            viewport=DESKTOP, locale="en-US", timezone_id="Asia/Shanghai", extra_http_headers=PROXY_HEADERS
        )
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        page.problems = PageProblems(page, production_server.url)  # type: ignore[attr-defined]
        return page

    yield new_page
    for context in contexts:
        context.close()
