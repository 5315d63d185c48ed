"""The part of /team/ that needs a cycle: completion, who is late, changes since the previous cycle, the grid."""

import datetime
from dataclasses import dataclass, field

from assessments import selectors as assessment_selectors
from assessments.models import Cycle
from portal.charts import Chart
from portal.models import Department

from .attention import Thresholds
from .cycles import previous_cycle
from .team_changes import Change, changes
from .team_completion import Completion, completion, not_submitted
from .team_heat import heat
from .team_members import Member, Reasons, merged


@dataclass(frozen=True)
class InCycle:
    completion: Completion = field(default_factory=list)
    reasons: Reasons = field(default_factory=dict)
    columns: list[str] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)


def in_cycle(*, department: Department, cycles: list[Cycle], cycle: Cycle, members: list[Member],
             today: datetime.date, thresholds: Thresholds) -> InCycle:  # fmt: skip
    states = assessment_selectors.assessment_states(cycle=cycle, user_ids=[m.pk for m in members])
    previous = previous_cycle(cycles, cycle)
    ratings = assessment_selectors.team_item_ratings(
        department=department, cycle_ids=[cycle.pk] + ([previous.pk] if previous else [])
    )
    found = changes(ratings, cycle, members, thresholds)
    current = [row for row in ratings if row.cycle_id == cycle.pk]
    return InCycle(
        completion=completion(states, members),
        reasons=merged(not_submitted(cycle, states, members, today, thresholds), found.reasons),
        columns=found.columns,
        changes=found.rows,
        charts=[heat(current, members)] if current else [],
    )
