"""The header on every signed-in page: the main navigation by role, the search box and the user menu."""

import html
import re

import pytest
from django.urls import NoReverseMatch, reverse

from portal import navigation
from portal.models import User
from portal.navigation import NavEntry
from tests.conftest import client_for
from tests.factories.learning import make_material

pytestmark = pytest.mark.django_db

STAFF_NAV = ["首页", "学习", "今晚日志", "金点子", "自我评估", "我的成长"]


def nav_labels(page: str) -> list[str]:
    nav = re.search(r'<ul class="site-nav__list">(.*?)</ul>', page, re.S).group(1)
    labels = re.findall(r"<a [^>]*>(.*?)</a>", nav, re.S)
    return [html.unescape(re.sub(r"<.*?>", "", label)).strip() for label in labels]


@pytest.mark.parametrize(
    ("persona", "labels"),
    [
        ("staff", STAFF_NAV),
        ("manager", [*STAFF_NAV, "我的团队"]),
        ("leader", [*STAFF_NAV, "全办概览"]),
        ("editor", [*STAFF_NAV, "后台"]),
        ("admin", [*STAFF_NAV, "后台"]),
    ],
)
def test_the_main_navigation_names_every_part_a_role_uses(cast, persona, labels):
    assert nav_labels(client_for(cast.get(persona)).get("/").content.decode()) == labels


def test_the_navigation_reads_english_on_english_pages(cast):
    cast.staff.preferred_language = "en"
    cast.staff.save()
    page = client_for(cast.staff).get("/me/").content.decode()
    assert nav_labels(page) == ["Home", "Study", "Tonight's log", "Golden ideas", "Self-assessment", "My growth"]


@pytest.mark.parametrize(
    ("path", "current"),
    [("/", "首页"), ("/learning/", "学习"), ("/search/?q=三思", "学习"), ("/logs/", "今晚日志"), ("/me/", "我的成长")],
)
def test_the_current_part_is_marked(cast, path, current):
    make_material()
    page = client_for(cast.staff).get(path).content.decode()
    marked = re.findall(r'<a href="[^"]*" aria-current="page">([^<]*)', page)
    assert marked[:1] == [current]


@pytest.mark.parametrize("path", ["/", "/learning/", "/me/", "/logs/today/", "/ideas/", "/assessments/"])
def test_every_signed_in_page_has_the_search_box_and_the_user_menu(cast, path):
    make_material()
    page = client_for(cast.staff).get(path).content.decode()
    search = re.search(r'<form class="header-search" method="get" action="/search/".*?</form>', page, re.S)
    assert search and 'name="q"' in search.group(0)
    menu = re.search(r'<details class="user-menu".*?</details>', page, re.S).group(0)
    assert "王芳" in menu and 'href="/me/viewed-by/"' in menu and "谁查看了我的记录" in menu
    assert re.search(r'<form method="post" action="/accounts/logout/">.*?退出', menu, re.S)


def test_the_login_page_has_no_search_box_nor_user_menu(client):
    page = client.get("/accounts/login/").content.decode()
    assert "header-search" not in page and "user-menu" not in page


def test_the_header_search_finds_materials(cast):
    make_material("拟稿前的“三思”")
    page = client_for(cast.staff).get("/search/", {"q": "三思"}).content.decode()
    assert "拟稿前的" in page


def test_my_settings_shows_in_the_user_menu_only_when_its_url_exists(cast):
    try:
        settings_url = reverse("dashboards:settings")
    except NoReverseMatch:
        settings_url = None
    menu = navigation.user_menu_for(cast.staff, "/")
    assert [link.url for link in menu] == [u for u in (settings_url, "/me/viewed-by/") if u]


def test_an_entry_whose_url_does_not_exist_is_left_out():
    assert navigation.nav_for.__module__ == "portal.navigation"
    links = navigation._links((NavEntry("nowhere:missing", "x"), NavEntry("dashboards:me", "me")), None, "/me/")
    assert [(link.url, link.current) for link in links] == [("/me/", True)]


def test_a_badge_shows_its_count_beside_the_label_and_nothing_for_zero(cast, monkeypatch):
    counts = {cast.manager.pk: 3, cast.staff.pk: 0}
    entries = (
        *navigation.ENTRIES[:-3],
        NavEntry(
            "dashboards:team",
            "我的团队",
            badge=lambda user: counts.get(user.pk, 0),
            badge_text=lambda count: f"{count} 份待点评",
        ),
    )
    monkeypatch.setattr(navigation, "ENTRIES", entries)
    page = client_for(cast.manager).get("/").content.decode()
    assert re.search(
        r'我的团队 <span class="nav-badge"><span aria-hidden="true">3</span>'
        r'<span class="visually-hidden">3 份待点评</span></span>',
        page,
    )
    assert "nav-badge" not in client_for(cast.staff).get("/").content.decode()


@pytest.mark.parametrize("persona", ["staff", "manager", "leader", "admin"])
def test_the_navigation_costs_two_queries_whatever_the_role(cast, persona, django_assert_max_num_queries):
    user = User.objects.get(pk=cast.get(persona).pk)
    # The person's roles and whether they manage a department; a manager's reviews waiting count adds one.
    with django_assert_max_num_queries(3 if persona == "manager" else 2):
        navigation.nav_for(user, "/")
        navigation.user_menu_for(user, "/")
