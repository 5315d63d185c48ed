"""/org/'s charts: framework means by department (a heat grid) and the office across cycles."""

from django.utils.translation import gettext as _

from assessments import charts as assessment_charts
from assessments.selectors import GroupMean
from portal import charts
from portal.access import MIN_GROUP_SIZE

from .org_departments import DepartmentTable


def department_heat(table: DepartmentTable) -> charts.Chart | None:
    rows = table.rows
    visible = [row for row in rows if not row.hidden and any(v is not None for v in row.means)]
    if not visible:
        return None
    grid = charts.heat_table(columns=table.framework_names, groups=[],
                             rows=[(r.pk, r.name, "", r.means) for r in visible])  # fmt: skip
    return charts.Chart(
        name="org-heatmap", title=_("Framework means by department"), heat=grid,
        summary=_("%(shown)d departments shown, %(hidden)d hidden (fewer than %(size)d submissions).")
        % {"shown": len(visible), "hidden": len(rows) - len(visible), "size": MIN_GROUP_SIZE},
        explanation=_("Mean of submitted self ratings (1-5) in the cycle; the colour scale is below the grid."),
    )  # fmt: skip


def office_trend(office: list[GroupMean]) -> charts.Chart | None:
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
