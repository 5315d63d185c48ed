"""The home page's today card. The dashboards themselves are screens in ``portal/screens/``."""

import datetime
from dataclasses import dataclass, replace

from assessments import selectors as assessment_selectors
from assessments.models import SelfAssessment
from learning import selectors as learning_selectors

from .models import User
from .notices import NoticeCard, notice_cards, unread_count
from .page_cache import cached_screen

NOTICES_SHOWN = 5


@dataclass(frozen=True)
class TodaySummary:
    date: datetime.date
    name: str
    notices: list[NoticeCard]
    study: learning_selectors.StudyToday | None = None
    open_cycles: int = 0


def today_summary(*, user: User) -> TodaySummary:
    """Tonight's card: the study figures and waiting self-assessments from the cache, the unread notices fresh.

    Reading a notice is a queryset update that moves no data version, so notices are read every time,
    unless the header's unread count (kept until a notice changes) says there are none.
    """
    kept = cached_screen("today", viewer=user, compose=lambda today: _today_figures(user=user, today=today))
    unread = notice_cards(user=user, unread_only=True, limit=NOTICES_SHOWN) if unread_count(user=user) else []
    return replace(kept, notices=list(unread))


def _today_figures(*, user: User, today: datetime.date) -> TodaySummary:
    open_cycles = sum(
        1
        for row in assessment_selectors.cycle_lists(user=user, today=today).open
        if row.person_state != SelfAssessment.Status.SUBMITTED
    )
    return TodaySummary(
        date=today,
        name=str(user),
        notices=[],
        study=learning_selectors.study_today(user=user, today=today),
        open_cycles=open_cycles,
    )
