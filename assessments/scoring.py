"""How the numbers of a self-assessment are computed. Pure functions: no ORM, no request.

- An item score is the 1-5 rating given to it (self or manager); no rating, no score.
- A framework score is the mean of its rated items; a framework nobody rated (a
  reflective one left unrated) has no score.
- Growth compares the person's framework score with their previous submitted cycle,
  over the item codes rated in both cycles only, so a new or dropped item, or a reworded
  version of the same code, does not distort the comparison. The first cycle has no growth.
- The gap of an item is the self rating minus the manager's rating: positive when the
  person sees themselves higher than their manager does.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from statistics import mean, median

MIN_RATING, MAX_RATING = 1, 5

Ratings = Mapping[str, int | None]  # item code -> rating (None: not rated)


@dataclass(frozen=True)
class Growth:
    previous: float
    current: float
    codes: tuple[str, ...]

    @property
    def change(self) -> float:
        return round(self.current - self.previous, 2)


def item_score(rating: int | None) -> int | None:
    """Return the rating when it is on the 1-5 scale, else None."""
    if rating is None or not MIN_RATING <= rating <= MAX_RATING:
        return None
    return rating


def _rated(ratings: Ratings) -> dict[str, int]:
    return {code: score for code, rating in ratings.items() if (score := item_score(rating)) is not None}


def framework_score(ratings: Ratings) -> float | None:
    """Return the mean of the rated items, rounded to two decimals; None when no item is rated."""
    rated = _rated(ratings)
    return round(mean(rated.values()), 2) if rated else None


def growth(current: Ratings, previous: Ratings | None) -> Growth | None:
    """Compare two cycles of one framework over the item codes rated in both; None without a common item."""
    if previous is None:
        return None
    now, before = _rated(current), _rated(previous)
    common = tuple(sorted(now.keys() & before.keys()))
    if not common:
        return None
    return Growth(
        previous=round(mean(before[code] for code in common), 2),
        current=round(mean(now[code] for code in common), 2),
        codes=common,
    )


def gaps(self_ratings: Ratings, manager_ratings: Ratings) -> dict[str, int]:
    """Return self minus manager per item code, for the items both rated."""
    mine, theirs = _rated(self_ratings), _rated(manager_ratings)
    return {code: mine[code] - theirs[code] for code in mine if code in theirs}


def median_score(ratings: Iterable[int | None]) -> float | None:
    values = [score for rating in ratings if (score := item_score(rating)) is not None]
    return round(float(median(values)), 2) if values else None
