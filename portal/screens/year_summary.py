"""/me/summary/<year>/: a year-end summary draft a person would hand in, section by section."""

from dataclasses import dataclass

from assessments import selectors as assessment_selectors
from assessments.charts import ScoreCard, score_cards
from assessments.selectors import ItemRating
from learning import selectors as learning_selectors
from learning.selectors import IdeaOutcomeRow, YearStudy
from portal.models import User

from .improvements import Improvement, improvements


@dataclass(frozen=True)
class FrameworkChange:
    framework: str
    first_cycle: str
    first: float
    last_cycle: str
    last: float
    sentence: str


@dataclass(frozen=True)
class SummaryScreen:
    year: int
    name: str
    study: YearStudy
    hours: int
    ideas: list[IdeaOutcomeRow]
    changes: list[FrameworkChange]
    cards: list[ScoreCard]
    improvements: list[Improvement]


def _changes(cards: list[ScoreCard], ratings: list[ItemRating], year: int) -> list[FrameworkChange]:
    """Each framework against the cycles of the year that rated it: never a cycle that left it unrated."""
    in_year = {r.cycle_id for r in ratings if r.opens_on.year == year}
    changes = []
    for card in cards:
        if points := [p for p in card.points if p.cycle_id in in_year]:
            changes.append(FrameworkChange(card.framework_name, points[0].cycle_name, points[0].score,
                                           points[-1].cycle_name, points[-1].score, card.sentence))  # fmt: skip
    return changes


def year_summary_screen(*, user: User, year: int) -> SummaryScreen:
    study = learning_selectors.year_study(user=user, year=year)
    ratings = [r for r in assessment_selectors.person_item_ratings(user=user) if r.opens_on.year <= year]
    cards = score_cards(ratings)
    changes = _changes(cards, ratings, year)
    return SummaryScreen(
        year=year,
        name=str(user),
        study=study,
        hours=round(study.minutes / 60),
        ideas=learning_selectors.year_ideas_taken_up(user=user, year=year),
        changes=changes,
        cards=[card for card in cards if any(c.framework == card.framework_name for c in changes)],
        improvements=improvements(
            row for row in assessment_selectors.improvement_items(user=user) if row.opens_on.year == year
        ),
    )
