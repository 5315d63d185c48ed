"""Everything is reachable by clicking: every part of the URL contract a role uses is at most two clicks from /.

The crawl follows the links (``<a href>``) of the home page and of every page they lead to, as each
persona; a form a person submits by clicking (log out, "I studied this") counts as a click too, but
is not sent.
"""

from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.urls import Resolver404, resolve

from tests.conftest import client_for
from tests.dashboards.conftest import history
from tests.factories.learning import GoldenIdeaFactory, make_material

pytestmark = pytest.mark.django_db

# The URL contract (DESIGN.md) as URL names, by who uses it.
STAFF = {
    "wagtail_serve",  # /, /learning/ and the materials
    "learning:search",
    "dashboards:me",
    "dashboards:my-export",
    "dashboards:year-summary",
    "dashboards:viewed-by",
    "learning:log-history",
    "learning:log-today",
    "learning:log-day",
    "learning:idea-list",
    "learning:idea-new",
    "learning:idea-detail",
    "assessments:cycle-list",
    "assessments:detail",
    "account_logout",
}
MANAGERS = {"dashboards:team", "dashboards:team-member", "learning:team-ideas", "dashboards:team-export"}
LEADERS = {"dashboards:org"}


class Clicks(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: set[str] = set()
        self.forms: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "a" and attributes.get("href"):
            self.links.add(attributes["href"])
        elif tag == "form" and (attributes.get("method") or "get").lower() == "post" and attributes.get("action"):
            self.forms.add(attributes["action"])


def local_path(url: str, base: str) -> str | None:
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or url.startswith(("#", "mailto:")):
        return None
    if not parts.path:
        path = base
    else:
        path = parts.path if parts.path.startswith("/") else base.rsplit("/", 1)[0] + "/" + parts.path
    return path + (f"?{parts.query}" if parts.query else "")


def url_name(path: str) -> str | None:
    try:
        match = resolve(urlsplit(path).path)
    except Resolver404:
        return None
    return match.view_name


def crawl(client, clicks: int = 2) -> tuple[set[str], set[str]]:
    """Return the URL names and the paths reachable from / in ``clicks`` clicks."""
    seen_paths = {"/"}
    frontier = ["/"]
    for _click in range(clicks):
        next_frontier = []
        for path in frontier:
            response = client.get(path)
            if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
                continue
            parser = Clicks()
            parser.feed(response.content.decode())
            for found in parser.links | parser.forms:
                target = local_path(found, urlsplit(path).path)
                if target is None or target.startswith(("/static/", "/media/")) or target in seen_paths:
                    continue
                seen_paths.add(target)
                if found in parser.links:
                    next_frontier.append(target)
        frontier = next_frontier
    names = {name for name in map(url_name, seen_paths) if name}
    return names, {urlsplit(path).path for path in seen_paths}


@pytest.fixture
def office(cast, cycles):
    for person in (cast.staff, cast.manager, cast.leader):
        history(person, department=cast.department, cycles=cycles[:2])
        GoldenIdeaFactory(author=person)
    return make_material("拟稿前的“三思”")


@pytest.mark.parametrize(
    ("persona", "expected"),
    [("staff", STAFF), ("manager", STAFF | MANAGERS), ("leader", STAFF | LEADERS)],
)
def test_every_part_of_the_url_contract_a_role_uses_is_within_two_clicks_of_home(cast, office, persona, expected):
    names, paths = crawl(client_for(cast.get(persona)))
    assert expected - names == set(), f"not reachable within two clicks: {sorted(expected - names)}"
    assert {"/", "/learning/", office.url} <= paths
    assert f"/logs/today/materials/{office.pk}/" in paths  # "I studied this", a click on the material


def test_staff_never_reach_the_team_or_the_office_view(cast, office):
    names, _paths = crawl(client_for(cast.staff))
    assert names & (MANAGERS | LEADERS) == set()
