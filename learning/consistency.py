"""Consistency of study: workdays, this week's minutes against the target, and the streak. Pure: no ORM.

The rules, shown to people on /logs/how-it-works/:
- A workday is a day the office works: Monday to Friday, minus public holidays, plus the
  weekend days made workdays by 调休. Dates come from the ``chinese_calendar`` package for
  the years it knows; for a later year, from the weekends and the holidays and make-up
  workdays administrators enter (``WorkdayOverride``).
- This week's target is the daily target times the workdays of the week (Monday to Sunday);
  minutes logged on any day of the week count.
- The streak counts workdays with a saved log, walking back from today. Today does not
  break it while it is not over. Each month allows a few missed workdays ("skip days")
  that keep the streak alive without adding to it. Weekends and holidays neither add nor break.
"""

import datetime
from collections import Counter
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache

import chinese_calendar

IsWorkday = Callable[[datetime.date], bool]
STREAK_LOOKBACK_DAYS = 400


@cache
def calendar_knows(year: int) -> bool:
    """Say whether the chinese_calendar package has the official holiday dates of ``year``."""
    try:
        chinese_calendar.is_workday(datetime.date(year, 6, 1))
    except NotImplementedError:
        return False
    return True


@lru_cache(maxsize=4096)
def official_workday(day: datetime.date) -> bool:
    """chinese_calendar's answer, kept: the package checks its whole table at every call (a year's calendar
    asked it 4,500 times a page, 15 ms)."""
    return chinese_calendar.is_workday(day)


def workday_rule(overrides: Mapping[datetime.date, bool]) -> IsWorkday:
    """Return ``is_workday(date)``: chinese_calendar where it knows the year, else weekends plus ``overrides``.

    ``overrides`` maps a date to True (a make-up workday) or False (a holiday).
    """

    def is_workday(day: datetime.date) -> bool:
        if calendar_knows(day.year):
            return official_workday(day)
        return overrides.get(day, day.weekday() < 5)

    return is_workday


def week_start(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


def workdays_in(start: datetime.date, end: datetime.date, is_workday: IsWorkday) -> int:
    """Count the workdays from ``start`` to ``end``, both included."""
    return sum(1 for n in range((end - start).days + 1) if is_workday(start + datetime.timedelta(days=n)))


@dataclass(frozen=True)
class WeekProgress:
    start: datetime.date
    minutes: int
    target: int
    workdays: int

    @property
    def percent(self) -> int:
        return round(100 * self.minutes / self.target) if self.target else 0


def week_progress(
    *,
    minutes_by_date: Mapping[datetime.date, int],
    today: datetime.date,
    target_per_workday: int,
    is_workday: IsWorkday,
) -> WeekProgress:
    """Minutes logged this week (Monday to Sunday) against the daily target times the week's workdays."""
    start = week_start(today)
    end = start + datetime.timedelta(days=6)
    workdays = workdays_in(start, end, is_workday)
    minutes = sum(m for day, m in minutes_by_date.items() if start <= day <= end)
    return WeekProgress(start=start, minutes=minutes, target=workdays * target_per_workday, workdays=workdays)


@dataclass(frozen=True)
class Streak:
    days: int
    skips_used: int
    since: datetime.date | None
    today_pending: bool


def streak(
    *,
    logged: Collection[datetime.date],
    today: datetime.date,
    is_workday: IsWorkday,
    skip_days_per_month: int,
    lookback_days: int = STREAK_LOOKBACK_DAYS,
) -> Streak:
    """Count the workdays with a log in an unbroken run ending today (see the module's rules)."""
    logged = set(logged)
    today_pending = is_workday(today) and today not in logged
    days, since = 0, None
    skips: Counter[tuple[int, int]] = Counter()
    skips_since_last_log = 0
    for back in range(lookback_days):
        day = today - datetime.timedelta(days=back)
        if not is_workday(day) or (back == 0 and today_pending):
            continue
        if day in logged:
            days, since = days + 1, day
            skips_since_last_log = 0
            continue
        month = (day.year, day.month)
        if skips[month] >= skip_days_per_month:
            break
        skips[month] += 1
        skips_since_last_log += 1
    # Skips spent beyond the first logged day kept nothing alive.
    skips_used = sum(skips.values()) - skips_since_last_log if days else 0
    return Streak(days=days, skips_used=skips_used, since=since, today_pending=today_pending)


@lru_cache(maxsize=4096)
def holiday_names(day: datetime.date) -> tuple[str, str] | None:
    """The official holiday on ``day`` as (Chinese, English) names, when chinese_calendar knows one."""
    if not calendar_knows(day.year):
        return None
    on_holiday, name = chinese_calendar.get_holiday_detail(day)
    if not on_holiday or not name:
        return None
    return chinese_calendar.Holiday(name).chinese, name


def missed_workdays(
    *, logged: Collection[datetime.date], start: datetime.date, end: datetime.date, is_workday: IsWorkday
) -> int:
    """Count the workdays from ``start`` to ``end`` (both included) without a saved log."""
    return sum(
        1
        for n in range((end - start).days + 1)
        if is_workday(day := start + datetime.timedelta(days=n)) and day not in logged
    )
