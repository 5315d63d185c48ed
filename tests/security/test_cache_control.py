"""Signed-in pages and exports are not kept by the browser (issue 13, finding 9)."""

import pytest
from django.test import Client

from tests.access_matrix import MATRIX
from tests.conftest import PERSONA_NAMES, client_for

pytestmark = pytest.mark.django_db
SIGNED_IN = [name for name in PERSONA_NAMES if name not in ("anonymous", "leaver")]
PRIVATE = "private, no-store"


@pytest.mark.parametrize("route", list(MATRIX))
def test_every_page_a_signed_in_person_gets_is_private_and_not_stored(cast, route):
    rule = MATRIX[route]
    checked = 0
    for persona in SIGNED_IN:
        if rule.outcomes[persona] != "ok":
            continue
        response = client_for(cast.get(persona)).get(rule.url(cast))
        assert response.status_code == 200, f"{persona} {route}"
        if route == "healthz/":
            assert response.get("Cache-Control") != PRIVATE
            continue
        assert response["Cache-Control"] == PRIVATE, f"{persona} {route}"
        assert "Expires" not in response
        checked += 1
    if not checked:
        pytest.skip("no signed-in persona gets a page here")


@pytest.mark.parametrize("url", ["/me/export/", "/team/export/?format=csv", "/team/export/?format=xlsx"])
def test_exports_are_private_and_not_stored(cast, url):
    response = client_for(cast.manager).get(url)
    assert response.status_code == 200 and response["Cache-Control"] == PRIVATE


def test_static_files_and_the_health_check_keep_their_headers(cast, settings):
    settings.WHITENOISE_USE_FINDERS = True  # serve from the apps' static folders, as collectstatic would
    client = client_for(cast.staff)
    static = client.get("/static/portal/css/portal.css")
    assert static.status_code == 200 and static.get("Cache-Control", "") != PRIVATE
    assert client.get("/healthz/").get("Cache-Control", "") != PRIVATE


def test_the_login_page_for_a_visitor_is_not_marked_private(db):
    assert Client().get("/accounts/login/").get("Cache-Control", "") != PRIVATE
