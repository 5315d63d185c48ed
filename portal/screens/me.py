"""/me/: the person's own growth. Fewer, larger charts: score cards, a radar, item small multiples, minutes."""

import datetime
from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext as _

from assessments import selectors as assessment_selectors
from assessments.charts import ScoreCard
from assessments.selectors import ItemGap
from learning import selectors as learning_selectors
from learning.selectors import IdeaRow
from portal import charts
from portal.models import User

from .growth import growth
from .improvements import Improvement, improvements
from .me_minutes import weekly_minutes

IMPROVEMENTS_SHOWN = 9


@dataclass(frozen=True)
class MeScreen:
    today: datetime.date
    has_data: bool
    cards: list[ScoreCard]
    charts: list[charts.Chart]
    ideas: list[IdeaRow]
    improvements: list[Improvement]
    gaps: list[ItemGap]
    first_steps: list[tuple[str, str]]
    calendar: learning_selectors.StudyCalendar


def _first_steps() -> list[tuple[str, str]]:
    return [
        (reverse("learning:log-today"), _("Write tonight's study log")),
        (reverse("assessments:cycle-list"), _("Open the self-assessment")),
    ]


def me_screen(*, user: User, today: datetime.date) -> MeScreen:
    mine = growth(ratings=assessment_selectors.person_item_ratings(user=user), name=None)
    minutes = weekly_minutes(user=user, today=today)
    ideas = learning_selectors.idea_rows(user=user, limit=10)
    logged = any(row[1] for row in minutes.rows) or learning_selectors.has_saved_log(user=user)
    return MeScreen(
        today=today,
        has_data=bool(mine.cards or ideas or logged),
        cards=mine.cards,
        charts=[*mine.radars, minutes, *mine.multiples],
        ideas=ideas,
        improvements=improvements(assessment_selectors.improvement_items(user=user)[:IMPROVEMENTS_SHOWN]),
        gaps=assessment_selectors.latest_review_gaps(user=user),
        first_steps=_first_steps(),
        calendar=learning_selectors.study_calendar(user=user, year=today.year, today=today),
    )
