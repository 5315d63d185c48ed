"""/org/'s department table: people, submissions, framework means and study days, each behind MIN_GROUP_SIZE.

A leader may not see individuals, so every number counts submissions, not people.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q

from assessments import selectors as assessment_selectors
from assessments.models import Cycle
from learning import selectors as learning_selectors
from portal.access import MIN_GROUP_SIZE
from portal.models import Department, Membership

STUDY_DAYS = 28


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


def _departments() -> list[Department]:
    members = Q(memberships__role=Membership.Role.MEMBER, memberships__user__is_active=True)
    return list(Department.objects.annotate(people=Count("memberships", filter=members)))


def _study_days(days: int, writers: int, people: int) -> float | None:
    """Logged days per person, only where at least MIN_GROUP_SIZE people wrote them."""
    return round(days / people, 1) if writers >= MIN_GROUP_SIZE and people else None


def department_table(*, cycle: Cycle | None, today: datetime.date) -> DepartmentTable:
    departments = _departments()
    means = assessment_selectors.group_framework_means(cycle_ids=[cycle.pk], by_department=True) if cycle else []
    submitted = assessment_selectors.department_submissions(cycle=cycle) if cycle else {}
    logs = learning_selectors.department_log_days(since=today - datetime.timedelta(days=STUDY_DAYS - 1), until=today)
    names = list(dict.fromkeys(m.framework_name for m in means))
    cell = {(m.group_id, m.framework_name): m for m in means}
    rows = []
    for d in departments:
        shown = [(c.mean if (c := cell.get((d.pk, n))) and c.submissions >= MIN_GROUP_SIZE else None) for n in names]
        rows.append(DepartmentRow(d.pk, d.name, d.people, submitted.get(d.pk, 0), shown,
                                  _study_days(*logs.get(d.pk, (0, 0)), d.people)))  # fmt: skip
    return DepartmentTable(names, rows)
