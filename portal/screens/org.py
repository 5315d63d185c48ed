"""/org/: departments side by side for office leaders, and each framework's trend across cycles.

A leader may not see individuals, so every number counts submissions, not people: a mean is
shown only where at least ``MIN_GROUP_SIZE`` submitted assessments rated that framework.
"""

import datetime
from dataclasses import dataclass

from django.core.paginator import Page

from assessments import selectors as assessment_selectors
from assessments.models import Cycle
from portal import charts
from portal.access import MIN_GROUP_SIZE
from portal.models import Department

from .cycles import pick_cycle
from .org_charts import department_heat, office_trend
from .org_departments import DepartmentRow, department_table

TREND_CYCLES = 6


@dataclass(frozen=True)
class OrgScreen:
    cycles: list[Cycle]
    cycle: Cycle | None
    framework_names: list[str]
    rows: list[DepartmentRow]
    page: Page[Department]
    min_group_size: int
    charts: list[charts.Chart]

    @property
    def page_query(self) -> str:
        """What the department table's page links keep: the cycle shown."""
        return f"cycle={self.cycle.pk}" if self.cycle else ""


def org_screen(*, cycle_id: str | None, page_number: int | None, today: datetime.date) -> OrgScreen:
    cycles = assessment_selectors.cycles_started(today=today)
    cycle = pick_cycle(cycles, cycle_id)
    table = department_table(cycle=cycle, today=today, page_number=page_number)
    recent = [c.pk for c in cycles[:TREND_CYCLES]]
    office = assessment_selectors.group_framework_means(cycle_ids=recent, by_department=False) if recent else []
    shown = [chart for chart in (department_heat(table), office_trend(office)) if chart is not None]
    return OrgScreen(cycles, cycle, table.framework_names, table.rows, table.page, MIN_GROUP_SIZE, shown)
