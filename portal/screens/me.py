"""/me/: the person's own growth. Fewer, larger charts: score cards, a radar, item small multiples, minutes."""

import datetime
from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext as _

from assessments import selectors as assessment_selectors
from assessments.charts import ScoreCard
from assessments.models import LookBack
from assessments.selectors import ItemGap
from learning import charts as learning_charts
from learning import selectors as learning_selectors
from learning.selectors import IdeaRow
from portal import charts
from portal.models import User

from .growth import growth

WEEKS_SHOWN = 26


@dataclass(frozen=True)
class Improvement:
    text: str
    cycle: str
    progress: str


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


def progress_label(progress: str) -> str:
    return str(LookBack.Progress(progress).label) if progress else ""


def weekly_minutes(*, user: User, today: datetime.date) -> charts.Chart:
    weeks = learning_selectors.study_minutes_by_week(user=user, weeks=WEEKS_SHOWN, today=today)
    met = sum(1 for week in weeks if week.target and week.minutes >= week.target)
    return charts.Chart(
        name="weekly-minutes",
        title=_("Study minutes per week"),
        summary=_("The target was reached in %(met)d of the last %(weeks)d weeks.") % {"met": met, "weeks": len(weeks)},
        figure=learning_charts.minutes_by_week(
            weeks=[_("%(month)d/%(day)d") % {"month": w.week_start.month, "day": w.week_start.day} for w in weeks],
            minutes=[week.minutes for week in weeks],
            targets=[week.target for week in weeks],
            names=(_("Minutes"), _("Target")),
        ),
        explanation=_("Target = the daily target times the week's workdays (holidays and 调休 counted)."),
        headers=(_("Week of"), _("Minutes"), _("Target")),
        rows=[(week.week_start, week.minutes, week.target) for week in weeks],
    )


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
        improvements=[
            Improvement(row.text, row.cycle_name, progress_label(row.progress))
            for row in assessment_selectors.improvement_items(user=user)[:9]
        ],
        gaps=assessment_selectors.latest_review_gaps(user=user),
        first_steps=[
            (reverse("learning:log-today"), _("Write tonight's study log")),
            (reverse("assessments:cycle-list"), _("Open the self-assessment")),
        ],
        calendar=learning_selectors.study_calendar(user=user, year=today.year, today=today),
    )
