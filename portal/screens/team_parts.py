"""The pieces of /team/: who needs a conversation and why, ratings by item, minutes per person."""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from assessments import scoring
from assessments.models import Cycle
from assessments.selectors import ItemRating
from learning import charts as learning_charts
from learning import selectors as learning_selectors
from portal import charts, leave
from portal.models import User
from portal.params import int_param

from . import attention
from .attention import Thresholds

REASON_NOT_SUBMITTED = gettext_lazy("not submitted, %(days)d days left (the cycle closes on %(date)s)")
REASON_DROP = gettext_lazy(
    "%(framework)s dropped by %(delta).1f (from %(before).2f to %(after).2f, items rated in both cycles)"
)
REASON_IDLE = gettext_lazy(
    "no study log for %(days)d workdays in a row (last log %(date)s; rest days, 调休 and leave not counted)"
)
REASON_NEVER_LOGGED = gettext_lazy(
    "no study log yet: %(days)d workdays since the account was opened (rest days and leave not counted)"
)


@dataclass(frozen=True)
class Member:
    pk: int
    name: str

    def __str__(self) -> str:
        return self.name


@dataclass(frozen=True)
class Change:
    member: Member
    deltas: list[float | None]


def pick_cycle(cycles: list[Cycle], cycle_id: str | None) -> Cycle | None:
    wanted = int_param(cycle_id)
    return next((cycle for cycle in cycles if cycle.pk == wanted), cycles[0] if cycles else None)


def heat(ratings: list[ItemRating], members: list[Member]) -> charts.Chart:
    columns: dict[str, tuple[str, str]] = {}
    for row in ratings:
        columns.setdefault(row.item_code, (row.item_title, row.framework_name))
    grid = {(row.user_id, row.item_code): float(row.rating) for row in ratings}
    rated = [m for m in members if any((m.pk, code) in grid for code in columns)]
    groups: dict[str, int] = defaultdict(int)
    for _title, framework in columns.values():
        groups[framework] += 1
    table = charts.heat_table(
        columns=[title for title, _framework in columns.values()],
        groups=list(groups.items()),
        rows=[
            (m.pk, m.name, reverse("dashboards:team-member", args=[m.pk]), [grid.get((m.pk, code)) for code in columns])
            for m in rated
        ],  # fmt: skip
    )
    return charts.Chart(
        name="team-heatmap",
        title=_("Self ratings by item"),
        summary=_("%(people)d submitted assessments, %(items)d rated items.")
        % {"people": len(rated), "items": len(columns)},  # fmt: skip
        heat=table,
        explanation=_(
            "Each cell is the person's own 1-5 rating (colour scale below the grid). "
            "Members are listed by name, not by score."
        ),
    )


def changes(ratings: list[ItemRating], cycle: Cycle, members: list[Member], reasons: dict[int, list[str]],
             thresholds: Thresholds) -> tuple[list[str], list[Change]]:  # fmt: skip
    columns = list(dict.fromkeys(row.framework_name for row in ratings))
    by: dict[tuple[int, str, bool], dict[str, int | None]] = defaultdict(dict)
    for row in ratings:
        by[(row.user_id, row.framework_name, row.cycle_id == cycle.pk)][row.item_code] = row.rating
    changes = []
    for member in members:
        deltas: list[float | None] = []
        for column in columns:
            found = scoring.growth(by.get((member.pk, column, True), {}), by.get((member.pk, column, False)))
            deltas.append(found.change if found else None)
            if found and found.change <= -thresholds.drop:
                reasons[member.pk].append(
                    str(REASON_DROP)
                    % {"framework": column, "delta": -found.change, "before": found.previous, "after": found.current}
                )
        if any(delta is not None for delta in deltas):
            changes.append(Change(member, deltas))
    return columns, changes


def idle_reasons(
    people: list[User], today: datetime.date, reasons: dict[int, list[str]], thresholds: Thresholds
) -> None:
    ids = [p.pk for p in people]
    last = learning_selectors.last_log_dates(user_ids=ids)
    is_workday = learning_selectors.workday_checker()
    away = leave.leave_days(user_ids=ids, since=today - datetime.timedelta(days=attention.IDLE_CAP * 2), until=today)
    for person in people:
        joined = timezone.localtime(person.date_joined).date()
        if attention.left_out(joined=joined, today=today, leave=away.get(person.pk, []), thresholds=thresholds):
            continue
        days = attention.idle_workdays(last_log=last.get(person.pk), joined=joined, today=today,
                                       is_workday=is_workday, leave=away.get(person.pk, []))  # fmt: skip
        if days < thresholds.idle_workdays:
            continue
        if person.pk in last:
            reasons[person.pk].append(
                str(REASON_IDLE) % {"days": days, "date": formats.date_format(last[person.pk], "MONTH_DAY_FORMAT")}
            )
        else:
            reasons[person.pk].append(str(REASON_NEVER_LOGGED) % {"days": days})


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
