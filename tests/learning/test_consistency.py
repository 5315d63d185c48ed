"""The streak and weekly target over real holiday dates of 2025 and 2026 (and an unknown 2027)."""

import datetime

import pytest

from learning.consistency import calendar_knows, streak, week_progress, workday_rule

D = datetime.date
is_workday = workday_rule({})


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (D(2025, 1, 26), True),  # Sunday, 调休 make-up workday before the Spring Festival
        (D(2025, 1, 28), False),  # Spring Festival holiday on a Tuesday
        (D(2025, 2, 8), True),  # Saturday make-up workday
        (D(2025, 10, 8), False),  # National Day holiday on a Wednesday
        (D(2025, 10, 11), True),  # Saturday make-up workday
        (D(2026, 1, 4), True),  # Sunday make-up workday after New Year
        (D(2026, 10, 1), False),
        (D(2026, 10, 10), True),  # Saturday make-up workday
        (D(2026, 11, 25), True),  # an ordinary Wednesday
        (D(2026, 11, 28), False),  # an ordinary Saturday
    ],
)
def test_workdays_follow_the_official_calendar(day, expected):
    assert is_workday(day) is expected


def test_an_unknown_year_falls_back_to_weekends_and_the_administrators_list_without_failing():
    assert not calendar_knows(2027)
    rule = workday_rule({D(2027, 2, 8): False, D(2027, 2, 20): True})
    assert rule(D(2027, 2, 8)) is False  # Monday entered as a holiday
    assert rule(D(2027, 2, 20)) is True  # Saturday entered as a make-up workday
    assert rule(D(2027, 3, 1)) is True  # an ordinary Monday
    assert rule(D(2027, 3, 6)) is False  # an ordinary Saturday


def test_the_weekly_target_counts_only_the_weeks_workdays():
    # Week of 2026-09-28: Monday to Wednesday are workdays, then the National Day holiday.
    progress = week_progress(
        minutes_by_date={D(2026, 9, 28): 60, D(2026, 10, 2): 30, D(2026, 9, 27): 500},
        today=D(2026, 9, 30),
        target_per_workday=60,
        is_workday=is_workday,
    )
    assert (progress.start, progress.workdays, progress.target, progress.minutes) == (D(2026, 9, 28), 3, 180, 90)
    assert progress.percent == 50


NATIONAL_DAY_2025 = {
    D(2025, 9, 26), D(2025, 9, 28), D(2025, 9, 29), D(2025, 9, 30), D(2025, 10, 9), D(2025, 10, 10), D(2025, 10, 11),
}  # fmt: skip


def test_the_streak_passes_over_the_holiday_and_counts_the_make_up_workdays():
    result = streak(logged=NATIONAL_DAY_2025, today=D(2025, 10, 13), is_workday=is_workday, skip_days_per_month=0)
    assert (result.days, result.skips_used, result.since, result.today_pending) == (7, 0, D(2025, 9, 26), True)


def test_a_missed_make_up_workday_breaks_the_streak_without_skip_days():
    logged = NATIONAL_DAY_2025 - {D(2025, 9, 28)}
    result = streak(logged=logged, today=D(2025, 10, 13), is_workday=is_workday, skip_days_per_month=0)
    assert (result.days, result.since) == (5, D(2025, 9, 29))


def test_a_skip_day_keeps_the_streak_alive_and_each_month_has_its_own():
    logged = NATIONAL_DAY_2025 - {D(2025, 9, 28)}
    result = streak(logged=logged, today=D(2025, 10, 13), is_workday=is_workday, skip_days_per_month=1)
    assert (result.days, result.skips_used, result.since) == (6, 1, D(2025, 9, 26))


def test_today_counts_once_logged_and_a_day_off_is_never_pending():
    logged = {D(2026, 11, 23), D(2026, 11, 24), D(2026, 11, 25)}
    assert streak(logged=logged, today=D(2026, 11, 25), is_workday=is_workday, skip_days_per_month=2).days == 3
    weekend = streak(logged=logged, today=D(2026, 11, 29), is_workday=is_workday, skip_days_per_month=0)
    assert weekend.today_pending is False
    assert weekend.days == 0  # Thursday 26th and Friday 27th were missed


def test_nobody_who_never_logged_has_a_streak_or_used_skips():
    result = streak(logged=set(), today=D(2026, 11, 25), is_workday=is_workday, skip_days_per_month=2)
    assert (result.days, result.skips_used, result.since) == (0, 0, None)


def test_the_streak_works_into_a_year_the_calendar_does_not_know():
    rule = workday_rule({D(2027, 1, 1): False})
    logged = {D(2026, 12, 30), D(2026, 12, 31), D(2027, 1, 4)}
    result = streak(logged=logged, today=D(2027, 1, 4), is_workday=rule, skip_days_per_month=0)
    assert result.days == 3
