"""Screens that compose learning and assessments for one person, a team or the office."""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from .models import Notice, User

NOTICES_SHOWN = 5


@dataclass(frozen=True)
class TodaySummary:
    date: datetime.date
    name: str
    notices: list[Notice]


def today_summary(*, user: User) -> TodaySummary:
    unread = Notice.objects.filter(user=user, read_at__isnull=True).order_by("-created_at")[:NOTICES_SHOWN]
    return TodaySummary(date=timezone.localdate(), name=str(user), notices=list(unread))
