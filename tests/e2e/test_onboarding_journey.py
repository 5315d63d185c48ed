"""A new manager's first sign-in under production settings: the administrator imports them by clicking
through the admin, the invitation email, a password, TOTP, the team page.

The server runs ``portal/settings/production.py`` as shipped (``tests/e2e/production_like.py`` builds the
settings from that module): PORTAL_REQUIRE_MFA on, argon2 password hashing, sessions in production's
``cached_db`` engine on Redis through django-redis (``PORTAL_TEST_REDIS_URL``, by default
127.0.0.1:6379 db 11), allauth's settings and rate limits, ``SECURE_SSL_REDIRECT``, HSTS, ``Secure``
session and CSRF cookies, the production host and secret key. The browser comes through a pretend
HTTPS proxy (``X-Forwarded-Proto: https``, production's ``SECURE_PROXY_SSL_HEADER``), so none of the
HTTPS settings is turned off. Where the test departs from production, and why:

- ``CSRF_TRUSTED_ORIGINS`` also trusts ``http://localhost:<port>``: the browser's origin is the plain-HTTP
  test server, where production's browsers send ``https://<host>``.
- ``EMAIL_BACKEND`` is locmem: no SMTP server here; the new manager's invitation is read from the outbox.
- ``STORAGES["staticfiles"]`` is unhashed and ``WHITENOISE_AUTOREFRESH`` stays on: the manifest storage
  needs ``collectstatic`` first; nothing in sign-in depends on static file names.
- ``CACHES`` keys carry a prefix per test (removed afterwards): no rate limit or used code spills over.
- ``DATABASES`` is the suite's test database (pytest-django made it before any fixture ran).
"""

import http.client
import re
import time
from importlib import import_module

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value
from django.conf import settings
from django.core import mail
from django.core.cache import caches
from django.utils import translation

from portal.models import User
from tests.e2e.conftest import ARTIFACTS, PHONE, assert_accessible
from tests.e2e.production_like import PROXY_HEADERS, production_pages, production_server, production_settings  # noqa: F401

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
PASSWORD = "Kx7-onboard-2026!"
ADMIN_PASSWORD = "Rq4-administer-2026!"
ADMIN_SECRET = "JBSWY3DPEHPK3PXP"
CSV = "姓名,用户名,邮箱,处室,角色\n马超,machao,machao@example.gov.cn,{department},处长\n"
DEPARTURES = {"CSRF_TRUSTED_ORIGINS", "EMAIL_BACKEND", "STORAGES", "WHITENOISE_AUTOREFRESH", "CACHES", "DATABASES"}


def submit(page) -> None:
    """Press the form's first submit button (the language switch and "cancel" come elsewhere)."""
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state("networkidle")


def fresh_code(secret: str) -> str:
    """The current TOTP code; past the last 3 seconds of a window, the next window's (allauth takes only
    the current one, and the form takes a moment to send)."""
    if 30 - time.time() % 30 < 3:
        time.sleep(30 - time.time() % 30)
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def label(text: str, user: User, context: str = "") -> str:
    """A label of the interface in the person's own language."""
    with translation.override(user.preferred_language):
        return translation.pgettext(context, text) if context else translation.gettext(text)


def administrator_signs_in(page, url: str, admin: User) -> None:
    page.goto(f"{url}/accounts/login/")
    page.fill("input[name=login]", admin.username)
    page.fill("input[name=password]", ADMIN_PASSWORD)
    submit(page)
    assert "/accounts/2fa/authenticate/" in page.url, page.url
    page.fill("input[name=code]", fresh_code(ADMIN_SECRET))
    submit(page)
    assert page.url == f"{url}/", page.url


def administrator_imports(page, url: str, admin: User, csv: str) -> None:
    """From the portal's navigation into the admin, Settings → Import accounts, upload, check, import."""
    page.locator("nav.site-nav").get_by_role("link", name=label("Admin", admin, "main navigation")).click()
    page.wait_for_load_state("networkidle")
    assert page.url == f"{url}/admin/", page.url
    page.get_by_role("button", name=label("Settings", admin)).click()
    page.get_by_role("link", name=label("Import accounts", admin)).click()
    page.wait_for_load_state("networkidle")
    assert page.url == f"{url}/admin/accounts/import/", page.url
    page.set_input_files("input[name=file]", {"name": "people.csv", "mimeType": "text/csv", "buffer": csv.encode()})
    page.get_by_role("button", name=label("Check the file", admin)).click()
    page.wait_for_load_state("networkidle")
    preview = page.locator("table.listing tbody").inner_text()
    assert "machao@example.gov.cn" in preview and "✓" in preview, preview
    page.screenshot(path=str(ARTIFACTS / "onboarding-import-preview.png"), full_page=True)
    page.locator("button[name=confirm]").click()
    page.wait_for_load_state("networkidle")
    done = page.locator("table.listing tbody").inner_text()
    assert "machao" in done and "✓" in done, done


def assert_https_is_enforced(url: str) -> None:
    """Production's SecurityMiddleware: plain HTTP is sent to HTTPS; through the proxy, HSTS is sent."""
    host, port = url.removeprefix("http://").split(":")
    for headers, status in (({}, 301), (PROXY_HEADERS, 200)):
        connection = http.client.HTTPConnection(host, int(port), timeout=10)
        connection.request("GET", "/accounts/login/", headers=headers)
        response = connection.getresponse()
        assert response.status == status, (headers, response.status)
        if status == 301:
            assert response.getheader("Location") == f"https://{host}:{port}/accounts/login/"
        else:
            assert response.getheader("Strict-Transport-Security", "").startswith("max-age=31536000")
        connection.close()


def assert_production_session(page) -> None:
    """The session cookie is Secure and HttpOnly, and the session is in production's Redis cache."""
    (cookie,) = [cookie for cookie in page.context.cookies() if cookie["name"] == settings.SESSION_COOKIE_NAME]
    assert cookie["secure"] and cookie["httpOnly"], cookie
    assert caches["default"].__class__.__name__ == "RedisCache"
    store = import_module(settings.SESSION_ENGINE).SessionStore(cookie["value"])
    assert caches[settings.SESSION_CACHE_ALIAS].has_key(store.cache_key)


def test_a_new_manager_goes_from_the_invitation_to_the_team_page(
    production_settings,  # noqa: F811
    production_server,  # noqa: F811
    production_pages,  # noqa: F811
    cast,
):
    assert set(production_settings) == DEPARTURES, "the module docstring names every departure from production"
    url = production_server.url
    assert_https_is_enforced(url)
    ARTIFACTS.mkdir(exist_ok=True)
    cast.admin.set_password(ADMIN_PASSWORD)  # the cast was made before the settings changed: hash as production
    cast.admin.save()
    TOTP.activate(cast.admin, ADMIN_SECRET)

    admin_page = production_pages()
    administrator_signs_in(admin_page, url, cast.admin)
    administrator_imports(admin_page, url, cast.admin, CSV.format(department=cast.department.name_zh))
    admin_page.problems.assert_clean()
    assert_production_session(admin_page)

    (invitation,) = mail.outbox
    assert invitation.to == ["machao@example.gov.cn"]
    # Behind the proxy production builds https links; the browser opens the same path on the test server.
    link = re.search(r"https://localhost:\d+(/accounts/password/reset/key/\S+)", invitation.body)
    assert link, invitation.body
    manager = User.objects.get(username="machao")

    page = production_pages()
    page.goto(f"{url}{link.group(1)}")
    page.fill("input[name=password1]", PASSWORD)
    page.fill("input[name=password2]", PASSWORD)
    submit(page)
    page.screenshot(path=str(ARTIFACTS / "onboarding-password-set.png"), full_page=True)
    page.get_by_role("link", name=label("Sign In", manager)).click()
    page.fill("input[name=login]", "machao")
    page.fill("input[name=password]", PASSWORD)
    submit(page)
    # Every page sends them to the TOTP set-up, for which allauth asks for the password once more.
    assert "/accounts/reauthenticate/?next=%2Faccounts%2F2fa%2Ftotp%2Factivate%2F" in page.url, page.url
    page.fill("input[name=password]", PASSWORD)
    submit(page)
    assert page.url == f"{url}/accounts/2fa/totp/activate/?next=/", page.url
    assert_accessible(page, "onboarding-totp-activate")
    secret = page.locator("#authenticator_secret").input_value()
    page.fill("input[name=code]", fresh_code(secret))
    submit(page)
    assert page.url == f"{url}/accounts/2fa/recovery-codes/", page.url  # allauth shows the new recovery codes
    page.screenshot(path=str(ARTIFACTS / "onboarding-after-totp.png"), full_page=True)
    page.locator("nav.site-nav").get_by_role("link", name=label("My team", manager)).click()
    page.wait_for_load_state("networkidle")
    assert page.url == f"{url}/team/", page.url
    members = page.locator("ul.member-list").inner_text()
    assert "王芳" in members and "赵磊" in members, members
    assert_accessible(page, "onboarding-team")
    page.set_viewport_size(PHONE)
    page.screenshot(path=str(ARTIFACTS / "onboarding-team-375.png"), full_page=True)
    assert Authenticator.objects.filter(user=manager, type=Authenticator.Type.TOTP).exists()
    assert User.objects.get(pk=manager.pk).password.startswith("argon2$")
    assert_production_session(page)
    page.problems.assert_clean()
