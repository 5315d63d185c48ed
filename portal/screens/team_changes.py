"""/team/'s change table: each person's framework scores against the previous cycle, and the drops."""

from collections import defaultdict
from dataclasses import dataclass

from django.utils.translation import gettext_lazy

from assessments import scoring
from assessments.models import Cycle
from assessments.selectors import ItemRating

from .attention import Thresholds
from .team_members import Member, Reasons

REASON_DROP = gettext_lazy(
    "%(framework)s dropped by %(delta).1f (from %(before).2f to %(after).2f, items rated in both cycles)"
)
Scores = dict[tuple[int, str, bool], dict[str, int | None]]  # (person, framework, this cycle?): {item: rating}


@dataclass(frozen=True)
class Change:
    member: Member
    deltas: list[float | None]


@dataclass(frozen=True)
class Changes:
    columns: list[str]  # framework names
    rows: list[Change]  # people with a change in at least one framework
    reasons: Reasons


def _scores(ratings: list[ItemRating], cycle: Cycle) -> Scores:
    by: Scores = defaultdict(dict)
    for row in ratings:
        by[(row.user_id, row.framework_name, row.cycle_id == cycle.pk)][row.item_code] = row.rating
    return by


def _drop(framework: str, found: scoring.Growth) -> str:
    return str(REASON_DROP) % {
        "framework": framework, "delta": -found.change, "before": found.previous, "after": found.current,
    }  # fmt: skip


def changes(ratings: list[ItemRating], cycle: Cycle, members: list[Member], thresholds: Thresholds) -> Changes:
    columns = list(dict.fromkeys(row.framework_name for row in ratings))
    by = _scores(ratings, cycle)
    rows, reasons = [], {}
    for member in members:
        found = [scoring.growth(by.get((member.pk, c, True), {}), by.get((member.pk, c, False))) for c in columns]
        if drops := [_drop(c, g) for c, g in zip(columns, found, strict=True) if g and g.change <= -thresholds.drop]:
            reasons[member.pk] = drops
        if any(g is not None for g in found):
            rows.append(Change(member, [g.change if g else None for g in found]))
    return Changes(columns, rows, reasons)
