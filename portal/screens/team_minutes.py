"""/team/'s study minutes per person over the last four weeks, as bars with the numbers by week."""

import datetime

from django.utils import formats
from django.utils.translation import gettext as _

from learning import charts as learning_charts
from learning import selectors as learning_selectors
from portal import charts
from portal.models import User

from .team_members import Member


def minutes(people: list[User], members: list[Member], today: datetime.date) -> charts.Chart:
    rows = learning_selectors.team_study_minutes(members=people, weeks=4, today=today)
    weeks = sorted({row.week_start for row in rows})
    minutes = {(row.user_id, row.week_start): row.minutes for row in rows}
    totals = [sum(minutes.get((m.pk, week), 0) for week in weeks) for m in members]
    return charts.Chart(
        name="team-minutes",
        title=_("Study minutes, last four weeks"),
        summary=_("Minutes per person over the last four weeks (Monday start) for %(people)d people.")
        % {"people": len(members)},
        bars=learning_charts.people_bars(people=[(m.pk, m.name) for m in members], minutes=totals),
        explanation=_("Minutes are what people report; the insight matters more than the count."),
        headers=(_("Person"), *[formats.date_format(week, "MONTH_DAY_FORMAT") for week in weeks], _("Total")),
        rows=[
            (m.name, *[minutes.get((m.pk, week), 0) for week in weeks], total)
            for m, total in zip(members, totals, strict=True)
        ],  # fmt: skip
    )
