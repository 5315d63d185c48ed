"""/org/: departments side by side for office leaders, and each framework's trend across cycles.

A leader may not see individuals, so every number counts submissions, not people: a mean is
shown only where at least ``MIN_GROUP_SIZE`` submitted assessments rated that framework.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from assessments import charts as assessment_charts
from assessments import selectors as assessment_selectors
from assessments.models import Cycle
from learning import selectors as learning_selectors
from portal import charts
from portal.access import MIN_GROUP_SIZE
from portal.models import Department, Membership

from .team_parts import pick_cycle

STUDY_DAYS = 28
TREND_CYCLES = 6


@dataclass(frozen=True)
class DepartmentRow:
    pk: int
    name: str
    people: int
    submitted: int
    means: list[float | None]  # None: fewer than MIN_GROUP_SIZE submissions rated it
    study_days: float | None

    @property
    def hidden(self) -> bool:
        return self.submitted < MIN_GROUP_SIZE


@dataclass(frozen=True)
class OrgScreen:
    cycles: list[Cycle]
    cycle: Cycle | None
    framework_names: list[str]
    rows: list[DepartmentRow]
    min_group_size: int
    charts: list[charts.Chart]


def org_screen(*, cycle_id: str | None, today: datetime.date) -> OrgScreen:
    cycles = assessment_selectors.cycles_started(today=today)
    cycle = pick_cycle(cycles, cycle_id)
    members = Q(memberships__role=Membership.Role.MEMBER, memberships__user__is_active=True)
    departments = list(Department.objects.annotate(people=Count("memberships", filter=members)))
    recent = [c.pk for c in cycles[:TREND_CYCLES]]
    ids = list(dict.fromkeys([*([cycle.pk] if cycle else []), *recent]))
    means = assessment_selectors.group_framework_means(cycle_ids=ids, by_department=True) if ids else []
    office = assessment_selectors.group_framework_means(cycle_ids=recent, by_department=False) if recent else []
    submitted = assessment_selectors.department_submissions(cycle=cycle) if cycle else {}
    logs = learning_selectors.department_log_days(since=today - datetime.timedelta(days=STUDY_DAYS - 1), until=today)
    names = list(dict.fromkeys(m.framework_name for m in means if cycle and m.cycle_id == cycle.pk))
    cell = {(m.group_id, m.framework_name): m for m in means if cycle and m.cycle_id == cycle.pk}
    rows = []
    for d in departments:
        shown = [(c.mean if (c := cell.get((d.pk, n))) and c.submissions >= MIN_GROUP_SIZE else None) for n in names]
        days, writers = logs.get(d.pk, (0, 0))
        # a per-person mean of logs only where at least MIN_GROUP_SIZE people wrote them
        per_person = round(days / d.people, 1) if writers >= MIN_GROUP_SIZE and d.people else None
        rows.append(DepartmentRow(d.pk, d.name, d.people, submitted.get(d.pk, 0), shown, per_person))
    shown_charts = []
    visible = [row for row in rows if not row.hidden and any(v is not None for v in row.means)]
    if visible:
        table = charts.heat_table(columns=names, groups=[], rows=[(r.pk, r.name, "", r.means) for r in visible])
        shown_charts.append(charts.Chart(
            name="org-heatmap", title=_("Framework means by department"), heat=table,
            summary=_("%(shown)d departments shown, %(hidden)d hidden (fewer than %(size)d submissions).")
            % {"shown": len(visible), "hidden": len(rows) - len(visible), "size": MIN_GROUP_SIZE},
            explanation=_("Mean of submitted self ratings (1-5) in the cycle; the colour scale is below the grid."),
        ))  # fmt: skip
    trend = _trend(office)
    return OrgScreen(cycles, cycle, names, rows, MIN_GROUP_SIZE, [*shown_charts, *([trend] if trend else [])])


def _trend(office: list[assessment_selectors.GroupMean]) -> charts.Chart | None:
    kept = [m for m in office if m.submissions >= MIN_GROUP_SIZE]
    cycles = list(dict.fromkeys(m.cycle_name for m in kept))
    if len(cycles) < 2:
        return None
    by = {(m.framework_name, m.cycle_name): m.mean for m in kept}
    frameworks = list(dict.fromkeys(m.framework_name for m in kept))
    series = [(name, [by.get((name, c)) for c in cycles]) for name in frameworks]
    return charts.Chart(
        name="org-trend",
        title=_("The office across cycles"),
        summary=_("Office-wide framework means over the last %(cycles)d cycles.") % {"cycles": len(cycles)},
        multiples=assessment_charts.series_small_multiples(code="office", name="", cycles=cycles, series=series),
        explanation=_("A point is shown only where at least %(size)d submissions rated the framework.")
        % {"size": MIN_GROUP_SIZE},
        headers=(_("Cycle"), *frameworks),
        rows=[(c, *["—" if (v := by.get((n, c))) is None else f"{v:.2f}" for n in frameworks]) for c in cycles],
    )
