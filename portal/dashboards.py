"""Screens that compose learning and assessments for one person, a team or the office."""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from .models import User


@dataclass(frozen=True)
class TodaySummary:
    date: datetime.date
    name: str


def today_summary(*, user: User) -> TodaySummary:
    return TodaySummary(date=timezone.localdate(), name=str(user))
