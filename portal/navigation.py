"""The main navigation and the user menu: each entry shows when its URL exists and the viewer's role allows it.

An entry may carry a badge, a count asking for action shown beside its label (待点评 3, unread notices).
A badge is one callable per entry, run only for the viewers the entry is shown to: keep it to one
query, so the header costs a handful of queries on every page whatever the data.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy

from . import access


def _everyone(user) -> bool:
    return True


def _new_things(count: int) -> str:
    return ngettext("%(count)d new", "%(count)d new", count) % {"count": count}


@dataclass(frozen=True)
class NavEntry:
    url_name: str
    label: str | Promise
    allowed: Callable = _everyone
    args: tuple[str, ...] = ()
    # Other paths under which this entry is the current one (search belongs to the library).
    also_current: tuple[str, ...] = ()
    # A count beside the label, e.g. ``lambda user: reviews_waiting(user)``; nothing shows for 0.
    badge: Callable | None = None
    # What the count means, read out by screen readers: ``lambda count: ngettext(...)``.
    badge_text: Callable[[int], str] = _new_things


@dataclass(frozen=True)
class NavLink:
    url: str
    label: str | Promise
    current: bool
    badge: int = 0
    badge_text: str = ""


ENTRIES = (
    NavEntry("wagtail_serve", _("Home"), args=("",)),
    NavEntry("wagtail_serve", _("Study"), args=("learning/",), also_current=("/search/",)),
    NavEntry("learning:log-today", _("Tonight's log"), also_current=("/logs/",)),
    NavEntry("learning:idea-list", _("Golden ideas")),
    NavEntry("assessments:cycle-list", _("Self-assessment")),
    NavEntry("dashboards:me", _("My growth")),
    NavEntry(
        "dashboards:team",
        _("My team"),
        access.is_manager,
        badge=lambda user: _reviews_waiting(user),
        badge_text=lambda count: (
            ngettext("%(count)d review waiting", "%(count)d reviews waiting", count) % {"count": count}
        ),
    ),
    NavEntry("dashboards:org", _("Office view"), access.is_office_leader),
    NavEntry(
        "wagtailadmin_home",
        pgettext_lazy("main navigation", "Admin"),
        lambda user: access.is_editor(user) or access.is_administrator(user),
    ),
)

USER_MENU = (
    NavEntry("dashboards:settings", _("My settings")),
    NavEntry("dashboards:viewed-by", _("Who viewed my records")),
)


def _reviews_waiting(user) -> int:
    from assessments.selectors import review_inbox_count  # the navigation loads before the apps

    from .page_cache import cached_screen

    return cached_screen("reviews-waiting", viewer=user, compose=lambda _today: review_inbox_count(manager=user))


def _links(entries, user, current_path: str) -> list[NavLink]:
    links = []
    for entry in entries:
        try:
            url = reverse(entry.url_name, args=list(entry.args))
        except NoReverseMatch:
            continue
        if not entry.allowed(user):
            continue
        current = current_path == url if url == "/" else current_path.startswith((url, *entry.also_current))
        count = entry.badge(user) if entry.badge else 0
        links.append(
            NavLink(url, entry.label, current, badge=count, badge_text=entry.badge_text(count) if count else "")
        )
    return links


def nav_for(user, current_path: str) -> list[NavLink]:
    return _links(ENTRIES, user, current_path)


def user_menu_for(user, current_path: str) -> list[NavLink]:
    return _links(USER_MENU, user, current_path)
