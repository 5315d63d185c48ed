"""The home page as a reading feed: sections that other apps add through a Wagtail hook.

cms knows no other app. Each function registered for ``HOME_HOOK`` is called as
``fn(request=request, page=home_page)`` and returns an iterable of ``HomeSection``; the page shows
them by ``order`` in their ``area`` ("main": the feed, "aside": beside it on a wide screen, after
it on a phone). Each section renders its own template with its own context. Keep each section to
a fixed number of queries: the home page is the page everybody opens every evening.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from wagtail import hooks

HOME_HOOK = "portal_home_context"
AREAS = ("main", "aside")


@dataclass(frozen=True)
class HomeSection:
    template: str
    context: Mapping[str, Any] = field(default_factory=dict)
    order: int = 100
    area: str = "main"


def home_sections(*, request, page) -> dict[str, list[HomeSection]]:
    """Collect the sections every registered hook gives for this request, by area and order."""
    sections = [section for fn in hooks.get_hooks(HOME_HOOK) for section in fn(request=request, page=page) or ()]
    sections.sort(key=lambda section: section.order)
    return {area: [section for section in sections if section.area == area] for area in AREAS}
