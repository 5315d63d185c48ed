"""The home page's today card. The dashboards themselves are screens in ``portal/screens/``."""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from assessments import selectors as assessment_selectors
from assessments.models import SelfAssessment
from learning import selectors as learning_selectors

from .models import User
from .notices import NoticeCard, notice_cards

NOTICES_SHOWN = 5


@dataclass(frozen=True)
class TodaySummary:
    date: datetime.date
    name: str
    notices: list[NoticeCard]
    study: learning_selectors.StudyToday | None = None
    open_cycles: int = 0


def today_summary(*, user: User) -> TodaySummary:
    today = timezone.localdate()
    unread = notice_cards(user=user, unread_only=True, limit=NOTICES_SHOWN)
    open_cycles = sum(
        1
        for row in assessment_selectors.cycle_lists(user=user, today=today).open
        if row.person_state != SelfAssessment.Status.SUBMITTED
    )
    return TodaySummary(
        date=today,
        name=str(user),
        notices=list(unread),
        study=learning_selectors.study_today(user=user, today=today),
        open_cycles=open_cycles,
    )
