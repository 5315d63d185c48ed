"""The home page's today card, and the team and personal exports (moving to ``portal/exports.py``).

The dashboards themselves are screens in ``portal/screens/``.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from assessments import selectors as assessment_selectors
from assessments.models import Cycle, Item, SelfAssessment
from learning import selectors as learning_selectors

from .models import Department, Notice, User
from .params import int_param
from .selectors import portal_export

NOTICES_SHOWN = 5
SUBMITTED = SelfAssessment.Status.SUBMITTED


@dataclass(frozen=True)
class TodaySummary:
    date: datetime.date
    name: str
    notices: list[Notice]
    study: learning_selectors.StudyToday | None = None
    open_cycles: int = 0


def today_summary(*, user: User) -> TodaySummary:
    today = timezone.localdate()
    unread = Notice.objects.filter(user=user, read_at__isnull=True).order_by("-created_at")[:NOTICES_SHOWN]
    open_cycles = sum(
        1 for row in assessment_selectors.cycle_lists(user=user, today=today).open if row.person_state != SUBMITTED
    )
    return TodaySummary(
        date=today,
        name=str(user),
        notices=list(unread),
        study=learning_selectors.study_today(user=user, today=today),
        open_cycles=open_cycles,
    )


# --- A manager's team ------------------------------------------------------------------------------


def team_cycles(*, department: Department, today: datetime.date) -> list[Cycle]:
    """Cycles that have opened for a department, newest first."""
    audience = Q(audience=Cycle.Audience.OFFICE) | Q(departments=department)
    return list(Cycle.objects.filter(audience, opens_on__lte=today).distinct().order_by("-opens_on"))


def _pick_cycle(cycles: list[Cycle], cycle_id: str | None) -> Cycle | None:
    wanted = int_param(cycle_id)
    return next((cycle for cycle in cycles if cycle.pk == wanted), cycles[0] if cycles else None)


def _framework_of_codes() -> dict[str, tuple[str, str]]:
    rows = Item.all_versions.filter(is_current=True).select_related("framework").order_by("framework__order")
    return {item.code: (item.framework.code, item.framework.name) for item in rows}


def _framework_means(scores, frameworks: dict[str, tuple[str, str]]) -> dict[int, dict[str, float]]:
    """Mean rating per member and framework from member x item rows."""
    sums: dict[int, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    for score in scores:
        if score.rating is not None and score.code in frameworks:
            sums[score.user_id][frameworks[score.code][1]].append(score.rating)
    return {uid: {name: sum(v) / len(v) for name, v in by.items()} for uid, by in sums.items()}


def team_results(*, department: Department, cycle_id: str | None) -> tuple[str, list[dict]]:
    cycles = team_cycles(department=department, today=timezone.localdate())
    cycle = _pick_cycle(cycles, cycle_id)
    if cycle is None:
        return "", []
    frameworks = _framework_of_codes()
    scores = assessment_selectors.team_item_scores(department=department, cycle=cycle)
    means = _framework_means(scores, frameworks)
    rows: dict[int, dict] = {}
    for score in scores:
        row = rows.setdefault(score.user_id, {_("Person"): score.name, **{
            name: round(value, 2) for name, value in means.get(score.user_id, {}).items()}})  # fmt: skip
        row[f"{score.title} · {_('self')}"] = score.rating
        row[f"{score.title} · {_('manager')}"] = score.manager_rating
    return cycle.name, list(rows.values())


# --- Exports ---------------------------------------------------------------------------------------


def personal_export(*, user: User) -> dict[str, list[dict]]:
    """Everything the portal holds about the person, a sheet per record type."""
    return {
        **portal_export(user=user),
        **learning_selectors.learning_export(user=user),
        **assessment_selectors.assessments_export(user=user),
    }
