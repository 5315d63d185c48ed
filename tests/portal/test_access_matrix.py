from urllib.parse import urlsplit

import pytest

from tests.access_matrix import MATRIX, project_routes, rule_for
from tests.conftest import PERSONA_NAMES, client_for

STATUS = {"ok": 200, "forbidden": 403, "missing": 404, "not_allowed": 405}


def test_every_url_pattern_is_in_the_matrix():
    uncovered = [route for route in project_routes() if rule_for(route) is None]
    assert uncovered == [], f"Add these URL patterns to tests/access_matrix.py: {uncovered}"


def test_every_matrix_rule_names_a_real_route():
    routes = project_routes()
    stale = [
        key
        for key in MATRIX
        if not (key in routes or (key.endswith("*") and any(r.startswith(key[:-1]) for r in routes)))
    ]
    assert stale == []


@pytest.mark.parametrize("persona", PERSONA_NAMES)
@pytest.mark.parametrize("route", list(MATRIX))
def test_access(cast, route, persona):
    rule = MATRIX[route]
    expected = rule.outcomes[persona]
    url = rule.url(cast)
    response = client_for(cast.get(persona)).get(url)
    if expected in STATUS:
        assert response.status_code == STATUS[expected], f"{persona} {url}"
        return
    assert response.status_code == 302, f"{persona} {url}"
    location = urlsplit(response["Location"])
    if expected == "handover":
        assert location.path == "/accounts/login/", f"{persona} {url} -> {location}"
    elif expected == "redirect":
        assert location.path != "/accounts/login/", f"{persona} {url} -> {location}"
    else:
        followed = client_for(cast.get(persona)).get(url, follow=True)
        chain = [urlsplit(hop) for hop, _status in followed.redirect_chain]
        assert followed.status_code == 200
        assert any(hop.path == "/accounts/login/" and "next=" in hop.query for hop in chain), f"{persona} {url}"
