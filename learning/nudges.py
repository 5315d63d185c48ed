"""Gentle nudges against formalism, shown to the author only. Pure: no ORM.

- An insight identical or nearly identical to an earlier one (copied from another day).
- More than ``BACKFILL_SITTING_LIMIT`` earlier days filled in within one sitting.
"""

import datetime
import re
from collections.abc import Iterable
from difflib import SequenceMatcher

SIMILARITY_THRESHOLD = 0.9
MIN_COMPARABLE_LENGTH = 8
BACKFILL_SITTING_LIMIT = 3
SITTING = datetime.timedelta(hours=2)


def _normalise(text: str) -> str:
    return re.sub(r"[\s\W_]+", "", text).lower()


def similar_earlier_insight(insight: str, earlier: Iterable[tuple[datetime.date, str]]) -> datetime.date | None:
    """Return the date of an earlier insight that is the same or nearly the same text, if any."""
    mine = _normalise(insight)
    if len(mine) < MIN_COMPARABLE_LENGTH:
        return None
    for day, text in earlier:
        other = _normalise(text)
        if not other:
            continue
        if other == mine or SequenceMatcher(None, mine, other, autojunk=False).ratio() >= SIMILARITY_THRESHOLD:
            return day
    return None


def backfilled_in_sitting(saves: Iterable[tuple[datetime.date, datetime.datetime]], *, now: datetime.datetime) -> int:
    """Count the earlier days (date before the day it was saved) saved within the last sitting."""
    return sum(1 for day, saved_at in saves if now - saved_at <= SITTING and day < saved_at.date())
