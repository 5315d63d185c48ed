import pytest
from django.utils import timezone

from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def directives(response) -> dict[str, str]:
    policy = response["Content-Security-Policy"]
    return {part.split()[0]: part for part in (p.strip() for p in policy.split(";")) if part}


def test_portal_pages_have_the_strict_policy(cast):
    policy = directives(client_for(cast.staff).get("/"))
    assert policy["script-src"] == "script-src 'self'"
    assert policy["style-src"] == "style-src 'self'"
    assert policy["object-src"] == "object-src 'none'" and policy["frame-ancestors"] == "frame-ancestors 'none'"


def test_the_admin_has_its_own_looser_policy_still_limited_to_the_portal(cast):
    policy = directives(client_for(cast.editor).get("/admin/"))
    assert "'unsafe-inline'" in policy["script-src"]
    assert policy["default-src"] == "default-src 'self'" and policy["connect-src"] == "connect-src 'self'"
    assert "http" not in client_for(cast.editor).get("/admin/")["Content-Security-Policy"]


def test_the_admin_asks_no_outside_host_for_avatars_or_updates(cast):
    page = client_for(cast.editor).get("/admin/").content.decode()
    assert "gravatar.com" not in page and "releases.wagtail.org" not in page


def test_only_pages_that_draw_charts_allow_inline_style_attributes(cast):
    staff = client_for(cast.staff)
    chart_page = directives(staff.get("/me/"))  # the year summary and /team/ draw HTML and SVG only: strict
    assert chart_page["style-src-attr"] == "style-src-attr 'unsafe-inline'"
    assert chart_page["script-src"] == "script-src 'self'" and chart_page["style-src"] == "style-src 'self'"
    assert "'unsafe-inline'" not in staff.get("/me/viewed-by/")["Content-Security-Policy"]
    assert "'unsafe-inline'" not in staff.get(f"/me/summary/{timezone.localdate().year}/")["Content-Security-Policy"]
