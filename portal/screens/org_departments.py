"""/org/'s department table: people, submissions, framework means and study days, each behind MIN_GROUP_SIZE.

A leader may not see individuals, so every number counts submissions, not people. The table comes a page
of departments at a time, and each page reads only its own departments' people and logs: an office of 200
departments reads and draws 25 of them.
"""

import datetime
from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce

from assessments import selectors as assessment_selectors
from assessments.models import Cycle
from learning import selectors as learning_selectors
from portal.access import MIN_GROUP_SIZE
from portal.models import Department, Membership

STUDY_DAYS = 28
DEPARTMENTS_PER_PAGE = 25


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
class DepartmentTable:
    framework_names: list[str]
    rows: list[DepartmentRow]
    page: Page[Department]


def _departments(page_number: int | None) -> Page[Department]:
    """A page of departments with their active members counted: the page's own, not every department's."""
    members = Membership.objects.filter(department=OuterRef("pk"), role=Membership.Role.MEMBER, user__is_active=True)
    people = members.order_by().values("department").annotate(n=Count("*")).values("n")
    departments = Department.objects.annotate(people=Coalesce(Subquery(people), 0)).order_by("order", "name_zh", "pk")
    return Paginator(departments, DEPARTMENTS_PER_PAGE).get_page(page_number)


def _study_days(days: int, writers: int, people: int) -> float | None:
    """Logged days per person, only where at least MIN_GROUP_SIZE people wrote them."""
    return round(days / people, 1) if writers >= MIN_GROUP_SIZE and people else None


def department_table(*, cycle: Cycle | None, today: datetime.date, page_number: int | None) -> DepartmentTable:
    page = _departments(page_number)
    departments = list(page)
    means = assessment_selectors.group_framework_means(cycle_ids=[cycle.pk], by_department=True) if cycle else []
    submitted = assessment_selectors.department_submissions(cycle=cycle) if cycle else {}
    logs = learning_selectors.department_log_days(
        department_ids=[d.pk for d in departments], since=today - datetime.timedelta(days=STUDY_DAYS - 1), until=today
    )
    names = list(dict.fromkeys(m.framework_name for m in means))
    cell = {(m.group_id, m.framework_name): m for m in means}
    rows = []
    for d in departments:
        shown = [(c.mean if (c := cell.get((d.pk, n))) and c.submissions >= MIN_GROUP_SIZE else None) for n in names]
        rows.append(DepartmentRow(d.pk, d.name, d.people, submitted.get(d.pk, 0), shown,
                                  _study_days(*logs.get(d.pk, (0, 0)), d.people)))  # fmt: skip
    return DepartmentTable(names, rows, page)
