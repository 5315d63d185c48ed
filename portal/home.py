"""The home page's sections: tonight's card, today's pick for the person's weakest item, and the reading feed.

Today's pick composes assessments (the person's latest submitted ratings) and learning (the materials
linked to those items), which is why the feed is composed here: its sections share their reads (the
newest materials are the pick when nothing is picked for a weak item, and the feed's "new").

The feed's sections are kept rendered, per person, as the dashboards are (``page_cache``), under the
data version and the person's own version (a material opened). Tonight's card is rendered on every
view: it holds a form, and its figures are kept on their own.
"""

import datetime

from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from assessments import selectors as assessment_selectors
from cms.home import AREAS, HomeSection
from learning import library

from . import data_version
from .dashboards import today_summary
from .page_cache import cached_screen

KEPT = "portal/home/kept.html"


def home_sections(*, request, page) -> list[HomeSection]:
    user = request.user
    today_card = HomeSection("portal/includes/today_card.html", {"today": today_summary(user=user)}, order=10)
    feed = cached_screen("home-feed", viewer=user, params=(data_version.person(user.pk),),
                         compose=lambda today: _rendered(request, feed_sections(user=user, today=today)))  # fmt: skip
    kept = [HomeSection(KEPT, {"html": feed[area]}, order=20, area=area) for area in AREAS]
    return [today_card, *kept]


def _rendered(request, sections: list[HomeSection]) -> dict[str, SafeString]:
    """The sections' HTML by area, in order (their templates hold no form: nothing of one request is kept)."""
    html = {area: "".join(render_to_string(s.template, s.context, request=request) for s in sections if s.area == area)
            for area in AREAS}  # fmt: skip
    return {area: mark_safe(text) for area, text in html.items()}  # noqa: S308 (rendered by the engine)


def feed_sections(*, user, today: datetime.date) -> list[HomeSection]:
    """Today's pick, "continue", the newest materials and the topics."""
    sections: list[HomeSection] = []
    feed = library.reading_feed(user=user, today=today)
    rated = [item for item in assessment_selectors.latest_item_ratings(user=user) if item.latest is not None]
    weakest = [[item.code for item in rated if item.latest == rating] for rating in sorted({i.latest for i in rated})]
    pick = library.todays_pick(feed=feed, weakest=weakest, today=today)
    if pick is not None:
        reason = next((item for item in rated if item.code == pick.code), None)
        sections.append(HomeSection("portal/home/pick.html", {"pick": pick, "reason": reason}, order=20))
    index_url = feed.library.index_url
    return [
        *sections,
        HomeSection("learning/home/continue.html", {"materials": feed.continuing}, order=30),
        HomeSection("learning/home/new.html", {"new": feed.new, "index_url": index_url}, order=40),
        HomeSection("learning/home/topics.html", {"topics": feed.library.topics, "index_url": index_url}, order=50,
                    area="aside"),
    ]  # fmt: skip
