"""/team/: a manager's department: completion, who may need a conversation, ratings by item, study minutes."""

import datetime
from dataclasses import dataclass

from assessments import selectors as assessment_selectors
from assessments.models import Cycle
from portal import charts
from portal.models import Department

from .attention import THRESHOLDS, Thresholds
from .cycles import pick_cycle
from .team_changes import Change
from .team_completion import Completion
from .team_cycle import InCycle, in_cycle
from .team_idle import idle_reasons
from .team_members import Member, merged, team_people
from .team_minutes import minutes


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
    completion: Completion  # (status, label, members)
    attention: list[Attention]
    thresholds: Thresholds
    changes: list[Change]
    change_columns: list[str]
    charts: list[charts.Chart]


def team_screen(*, department: Department, cycle_id: str | None, today: datetime.date,
                thresholds: Thresholds = THRESHOLDS) -> TeamScreen:  # fmt: skip
    cycles = assessment_selectors.cycles_started(today=today, department=department)
    cycle = pick_cycle(cycles, cycle_id)
    people = team_people(department)
    members = [Member(p.pk, str(p)) for p in people]
    rated = InCycle()
    if cycle is not None:
        rated = in_cycle(department=department, cycles=cycles, cycle=cycle, members=members, today=today,
                         thresholds=thresholds)  # fmt: skip
    reasons = merged(rated.reasons, idle_reasons(people, today, thresholds))
    return TeamScreen(
        department=department, cycles=cycles, cycle=cycle, members=members, completion=rated.completion,
        attention=[Attention(m, reasons[m.pk]) for m in members if reasons.get(m.pk)], thresholds=thresholds,
        changes=rated.changes, change_columns=rated.columns, charts=[*rated.charts, minutes(people, members, today)],
    )  # fmt: skip
