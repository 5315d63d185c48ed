"""/team/: a manager's department: completion, who may need a conversation, ratings by item, study minutes."""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.utils import formats
from django.utils.translation import gettext_lazy

from assessments import selectors as assessment_selectors
from assessments.models import Cycle, SelfAssessment
from portal import charts
from portal.models import Department, Membership, User

from . import team_parts as parts
from .attention import THRESHOLDS, Thresholds
from .team_parts import Change, Member, pick_cycle

NOT_STARTED = "not_started"
STATE_LABELS = {
    SelfAssessment.Status.SUBMITTED: gettext_lazy("✓ Submitted"),
    SelfAssessment.Status.DRAFT: gettext_lazy("✎ Draft"),
    NOT_STARTED: gettext_lazy("○ Not started"),
}


@dataclass(frozen=True)
class Attention:
    member: Member
    reasons: list[str]


@dataclass(frozen=True)
class TeamScreen:
    department: Department
    cycles: list[Cycle]
    cycle: Cycle | None
    members: list[Member]
    completion: list[tuple[str, object, list[Member]]]  # (status, label, members)
    attention: list[Attention]
    thresholds: Thresholds
    changes: list[Change]
    change_columns: list[str]
    charts: list[charts.Chart]


def team_screen(*, department: Department, cycle_id: str | None, today: datetime.date,
                thresholds: Thresholds = THRESHOLDS) -> TeamScreen:  # fmt: skip
    cycles = assessment_selectors.cycles_started(today=today, department=department)
    cycle = pick_cycle(cycles, cycle_id)
    people: list[User] = list(
        Membership.objects.active_members_of(department).order_by("display_name", "username", "pk")
    )
    members = [Member(p.pk, str(p)) for p in people]
    ids = [m.pk for m in members]
    reasons: dict[int, list[str]] = defaultdict(list)
    completion: list[tuple[str, object, list[Member]]] = []
    columns: list[str] = []
    changes: list[Change] = []
    shown: list[charts.Chart] = []
    if cycle is not None:
        states = assessment_selectors.assessment_states(cycle=cycle, user_ids=ids)
        labels = [(s.value, STATE_LABELS.get(s.value, s.label)) for s in SelfAssessment.Status]
        labels = sorted(labels, key=lambda pair: pair[0] != SelfAssessment.Status.SUBMITTED)
        labels.append((NOT_STARTED, STATE_LABELS[NOT_STARTED]))
        completion = [(v, label, [m for m in members if states.get(m.pk, NOT_STARTED) == v]) for v, label in labels]
        days = cycle.days_left(today)
        for member in members:
            if (
                states.get(member.pk) != SelfAssessment.Status.SUBMITTED
                and cycle.is_open(today)
                and days <= thresholds.days_left
            ):
                closes = formats.date_format(cycle.closes_on, "MONTH_DAY_FORMAT")
                reasons[member.pk].append(str(parts.REASON_NOT_SUBMITTED) % {"days": days, "date": closes})
        previous = next((c for c in cycles if c.opens_on < cycle.opens_on), None)
        ratings = assessment_selectors.team_item_ratings(
            department=department, cycle_ids=[cycle.pk] + ([previous.pk] if previous else [])
        )
        columns, changes = parts.changes(ratings, cycle, members, reasons, thresholds)
        current = [row for row in ratings if row.cycle_id == cycle.pk]
        if current:
            shown.append(parts.heat(current, members))
    parts.idle_reasons(people, today, reasons, thresholds)
    shown.append(parts.minutes(people, members, today))
    return TeamScreen(
        department=department, cycles=cycles, cycle=cycle, members=members, completion=completion,
        attention=[Attention(m, reasons[m.pk]) for m in members if reasons.get(m.pk)], thresholds=thresholds,
        changes=changes, change_columns=columns, charts=shown,
    )  # fmt: skip
