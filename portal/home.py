"""The portal's sections of the home page: tonight's card, and today's pick for the person's weakest item.

Today's pick composes assessments (the person's latest submitted ratings) and learning (the materials
linked to those items), which is why it lives here; learning adds the rest of the reading feed itself.
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
    rated = [item for item in assessment_selectors.latest_item_scores(user=user) if item.latest is not None]
    weakest = [[item.code for item in rated if item.latest == rating] for rating in sorted({i.latest for i in rated})]
    pick = learning_selectors.material_pick(user=user, weakest=weakest, today=today)
    if pick is not None:
        reason = next((item for item in rated if item.code == pick.code), None)
        sections.append(HomeSection("portal/home/pick.html", {"pick": pick, "reason": reason}, order=20))
    return sections
