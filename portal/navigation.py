"""The main navigation: each entry shows when its URL exists and the viewer's role allows it."""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from . import access


@dataclass(frozen=True)
class NavEntry:
    url_name: str
    label: str | Promise
    allowed: Callable = lambda user: True
    badge: Callable | None = None  # a count asking for action (e.g. reviews waiting), shown beside the label


ENTRIES = (
    NavEntry("wagtail_serve", _("Home")),
    NavEntry("learning:log-today", _("Tonight's log")),
    NavEntry("learning:idea-list", _("Golden ideas")),
    NavEntry("assessments:cycle-list", _("Self-assessment")),
    NavEntry("dashboards:me", _("My growth")),
    NavEntry("dashboards:team", _("My team"), access.is_manager, badge=lambda user: _reviews_waiting(user)),
    NavEntry("dashboards:org", _("Office view"), access.is_office_leader),
    NavEntry("wagtailadmin_home", _("Admin"), lambda user: access.is_editor(user) or access.is_administrator(user)),
)


def _reviews_waiting(user) -> int:
    from assessments.selectors import review_inbox_count  # noqa: PLC0415 - the navigation loads before the apps

    return review_inbox_count(manager=user)


def nav_for(user, current_path: str) -> list[dict]:
    items = []
    for entry in ENTRIES:
        try:
            url = reverse(entry.url_name, args=[""]) if entry.url_name == "wagtail_serve" else reverse(entry.url_name)
        except NoReverseMatch:
            continue
        if not entry.allowed(user):
            continue
        current = current_path == url if url == "/" else current_path.startswith(url)
        items.append({"url": url, "label": entry.label, "current": current,
                      "badge": entry.badge(user) if entry.badge else 0})  # fmt: skip
    return items
