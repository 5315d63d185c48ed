"""/me/'s study minutes per week against the target (the daily target times the week's workdays)."""

import datetime

from django.utils.translation import gettext as _

from learning import charts as learning_charts
from learning import selectors as learning_selectors
from portal import charts
from portal.models import User

WEEKS_SHOWN = 26


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
