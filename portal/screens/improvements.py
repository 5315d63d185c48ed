"""A person's improvement points with how far each got (the next cycle's look back), for /me/ and the summary."""

from collections.abc import Iterable
from dataclasses import dataclass

from assessments.models import LookBack
from assessments.selectors import ImprovementRow


@dataclass(frozen=True)
class Improvement:
    text: str
    cycle: str
    progress: str


def progress_label(progress: str) -> str:
    return str(LookBack.Progress(progress).label) if progress else ""


def improvements(rows: Iterable[ImprovementRow]) -> list[Improvement]:
    return [Improvement(row.text, row.cycle_name, progress_label(row.progress)) for row in rows]
