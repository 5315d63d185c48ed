"""A person's growth from their submitted ratings: score cards, radars and item small multiples.

Shared by /me/, a manager's member page and the year-end summary; ``name`` is None on the
person's own page and their name elsewhere, so every title speaks of the right person.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from assessments import charts as assessment_charts
from assessments import selectors as assessment_selectors
from assessments.selectors import ItemRating
from portal import charts

from .growth_radar import Medians, radar
from .growth_trends import item_trends


@dataclass(frozen=True)
class Growth:
    cards: list[assessment_charts.ScoreCard]
    radars: list[charts.Chart]
    multiples: list[charts.Chart]

    @property
    def charts(self) -> list[charts.Chart]:
        return [*self.radars, *self.multiples]


def _medians(ratings: Sequence[ItemRating]) -> Medians:
    """The department's item medians in the person's latest cycle (one query; none without a department)."""
    if not ratings or (department_id := ratings[-1].department_id) is None:
        return (0, {})
    cycle_id = ratings[-1].cycle_id
    return (cycle_id, assessment_selectors.group_item_medians(department_id=department_id, cycle_id=cycle_id))


def growth(*, ratings: Sequence[ItemRating], name: str | None) -> Growth:
    """Score cards, radars and small multiples from a person's ratings (one query, for the median)."""
    frameworks = assessment_charts.by_framework(ratings).values()
    medians = _medians(ratings)
    return Growth(
        cards=assessment_charts.score_cards(ratings),
        radars=[chart for rows in frameworks if (chart := radar(rows, medians, name))],
        multiples=[chart for rows in frameworks if (chart := item_trends(rows))],
    )
