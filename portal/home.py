"""The home page's sections: tonight's card, today's pick for the person's weakest item, and the reading feed.

Today's pick composes assessments (the person's latest submitted ratings) and learning (the materials
linked to those items), which is why the feed is composed here: its sections share their reads (the
newest materials are the pick when nothing is picked for a weak item, and the feed's "new").
"""

from django.utils import timezone

from assessments import selectors as assessment_selectors
from cms.home import HomeSection
from learning import selectors as learning_selectors

from .dashboards import today_summary


def home_sections(*, request, page) -> list[HomeSection]:
    user = request.user
    today = timezone.localdate()
    sections = [HomeSection("portal/includes/today_card.html", {"today": today_summary(user=user)}, order=10)]
    feed = learning_selectors.reading_feed(user=user, today=today)
    rated = [item for item in assessment_selectors.latest_item_ratings(user=user) if item.latest is not None]
    weakest = [[item.code for item in rated if item.latest == rating] for rating in sorted({i.latest for i in rated})]
    pick = learning_selectors.todays_pick(user=user, weakest=weakest, today=today, newest=feed.newest)
    if pick is not None:
        reason = next((item for item in rated if item.code == pick.code), None)
        sections.append(HomeSection("portal/home/pick.html", {"pick": pick, "reason": reason}, order=20))
    index = learning_selectors.material_index()
    return [
        *sections,
        HomeSection("learning/home/continue.html", {"materials": feed.continuing, "index": index}, order=30),
        HomeSection("learning/home/new.html", {"new": feed.new, "index": index}, order=40),
        HomeSection("learning/home/topics.html", {"topics": learning_selectors.material_topics(), "index": index},
                    order=50, area="aside"),
    ]  # fmt: skip
