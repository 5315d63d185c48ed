"""The account pages staff see (django-allauth's own wording) read as Chinese: no half-width punctuation beside
Chinese in their visible text. Allauth's zh-hans catalogue is corrected in portal/locale_overrides (LOCALE_PATHS)."""

import html
import re

import pytest
from allauth.account.forms import default_token_generator
from allauth.account.utils import user_pk_to_url_str
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from django.conf import settings
from django.test import Client

from portal.typography import half_width_beside_chinese
from tests.conftest import client_for

pytestmark = pytest.mark.django_db

SIGNED_OUT = [
    "/accounts/login/",
    "/accounts/password/reset/",
    "/accounts/password/reset/done/",
    "/accounts/password/reset/key/done/",
]
SIGNED_IN = [
    "/accounts/password/change/",
    "/accounts/email/",
    "/accounts/logout/",
    "/accounts/reauthenticate/",
    "/accounts/2fa/",
    "/accounts/2fa/totp/activate/",
]
WITH_TOTP = [
    "/accounts/2fa/",
    "/accounts/2fa/totp/deactivate/",
    "/accounts/2fa/recovery-codes/",
    "/accounts/2fa/recovery-codes/generate/",
]
_HIDDEN = re.compile(r"<(script|style|template)\b.*?</\1>", re.DOTALL | re.IGNORECASE)
_ATTRIBUTES = re.compile(r'\b(?:placeholder|aria-label|title|alt)="([^"]*)"')


def visible_text(page: str) -> str:
    """The text a person reads (and a screen reader says): the page without markup, with the labelling attributes."""
    page = _HIDDEN.sub(" ", page)
    attributes = " ".join(_ATTRIBUTES.findall(page))
    return html.unescape(re.sub(r"<[^>]+>", " ", page) + " " + attributes)


def half_width_on(client, url: str) -> list[str]:
    response = client.get(url, follow=True)
    assert response.status_code == 200, url
    return half_width_beside_chinese(visible_text(response.content.decode()))


@pytest.fixture
def chinese(cast):
    cast.staff.preferred_language = "zh-hans"
    cast.staff.save()
    return cast.staff


def test_the_signed_out_account_pages_read_as_chinese(client):
    client.cookies["portal_language"] = "zh-hans"
    assert {url: half_width_on(client, url) for url in SIGNED_OUT} == {url: [] for url in SIGNED_OUT}


def test_the_set_new_password_page_reads_as_chinese(client, chinese):
    client.cookies["portal_language"] = "zh-hans"
    key = default_token_generator.make_token(chinese)
    url = f"/accounts/password/reset/key/{user_pk_to_url_str(chinese)}-{key}/"
    assert half_width_on(client, url) == []


def test_the_signed_in_account_pages_read_as_chinese(chinese):
    client = client_for(chinese)
    assert {url: half_width_on(client, url) for url in SIGNED_IN} == {url: [] for url in SIGNED_IN}


def test_the_set_password_page_reads_as_chinese(chinese):
    chinese.set_unusable_password()
    chinese.save()
    assert half_width_on(client_for(chinese), "/accounts/password/set/") == []


def test_the_second_factor_pages_read_as_chinese(chinese):
    Authenticator.objects.create(user=chinese, type=Authenticator.Type.TOTP, data={"secret": "JBSWY3DPEHPK3PXP"})
    RecoveryCodes.activate(chinese)
    client = client_for(chinese)
    assert {url: half_width_on(client, url) for url in WITH_TOTP} == {url: [] for url in WITH_TOTP}
    # The second step of signing in, for the same person.
    client = Client()
    client.cookies["portal_language"] = "zh-hans"
    step = client.post("/accounts/login/", {"login": chinese.username, "password": settings.PORTAL_DEMO_PASSWORD})
    assert step.status_code == 302 and step["Location"] == "/accounts/2fa/authenticate/"
    assert half_width_on(client, step["Location"]) == []
