"""The study calendar on /logs/: every day a link, missed workdays to fill in, rest days and holidays in words."""

import datetime

import pytest

from learning import selectors
from learning.selectors import DayState
from tests.conftest import client_for
from tests.factories.learning import StudyLogFactory

pytestmark = pytest.mark.django_db
SHANGHAI = datetime.timezone(datetime.timedelta(hours=8))
TODAY = datetime.date(2026, 11, 26)  # a Thursday


@pytest.fixture(autouse=True)
def afternoon(time_machine):
    time_machine.move_to(datetime.datetime(2026, 11, 26, 15, 0, tzinfo=SHANGHAI), tick=False)


@pytest.fixture
def november(cast):
    """Every November workday logged up to yesterday, except Monday 16th (too long ago) and Tuesday 24th."""
    for n in range(1, 26):
        day = datetime.date(2026, 11, n)
        if day.weekday() < 5 and n not in (16, 24):
            StudyLogFactory(user=cast.staff, date=day, minutes=30 + n)
    StudyLogFactory(user=cast.staff2, date=datetime.date(2026, 11, 24))  # someone else's day


def day_of(calendar, date):
    return next(d for m in calendar.months for w in m.weeks for d in w if d and d.date == date)


def test_each_day_says_what_it_is(cast, november, django_assert_max_num_queries):
    rules = selectors.study_rules()
    with django_assert_max_num_queries(2):
        calendar = selectors.study_calendar(user=cast.staff, year=2026, today=TODAY, rules=rules)
    states = {n: day_of(calendar, datetime.date(2026, 11, n)).state for n in (16, 22, 23, 24, 25, 26, 27)}
    assert states == {
        16: DayState.MISSED, 22: DayState.REST, 23: DayState.SAVED, 24: DayState.FILLABLE,
        25: DayState.SAVED, 26: DayState.TODAY, 27: DayState.FUTURE,
    }  # fmt: skip
    assert day_of(calendar, datetime.date(2026, 11, 25)).minutes == 55
    national_day = day_of(calendar, datetime.date(2026, 10, 1))
    assert (national_day.state, national_day.holiday) == (DayState.REST, "国庆节")
    make_up = day_of(calendar, datetime.date(2026, 10, 10))  # a Saturday made a workday
    assert make_up.make_up and make_up.is_workday
    # Two missed November workdays of the two allowed: none left.
    assert (calendar.skip_days_per_month, calendar.skip_days_left) == (2, 0)
    assert calendar.current_month.month == 11
    assert len(calendar.months) == 12 and all(len(week) == 7 for m in calendar.months for week in m.weeks)


def test_the_calendar_on_logs_links_every_past_day_and_names_the_marks(cast, november, django_assert_max_num_queries):
    client = client_for(cast.staff)
    client.get("/logs/how-it-works/")
    with django_assert_max_num_queries(18):  # whatever the number of logs: the calendar takes two
        page = client.get("/logs/").content.decode()
    assert 'href="/logs/2026-11-24/"' in page  # the missed workday opens its form
    assert 'href="/logs/2026-11-23/"' in page and 'href="/logs/today/"' in page
    assert 'href="/logs/2026-11-27/"' not in page  # the future is no link
    assert "11月24日，漏记的工作日：点开即可补记" in page
    assert "11月23日，已记录 53 分钟" in page
    assert "10月1日，休息日，国庆节" in page
    assert "本月还可豁免 0 天。" in page
    assert "调休上班" in page


def test_the_form_of_a_missed_day_opens_from_the_calendar_and_saves_with_its_date(cast, november):
    client = client_for(cast.staff)
    form = client.get("/logs/2026-11-24/")
    assert form.status_code == 200 and 'name="insight"' in form.content.decode()
    saved = client.post(
        "/logs/2026-11-24/", {"version": "0", "minutes": "30", "insight": "补记：周二学了公文格式。"}, follow=True
    )
    text = saved.content.decode()
    assert "11月24日的学习记录已保存。" in text
    calendar = selectors.study_calendar(user=cast.staff, year=2026, today=TODAY)
    assert day_of(calendar, datetime.date(2026, 11, 24)).state == DayState.SAVED
    assert calendar.skip_days_left == 1


def test_other_years_are_a_click_away_and_odd_years_fall_back(cast):
    client = client_for(cast.staff)
    page = client.get("/logs/?year=2025").content.decode()
    assert "2025年学习日历" in page and 'href="?year=2026"' in page
    assert "2026年学习日历" in client.get("/logs/?year=abc").content.decode()
    assert "2026年学习日历" in client.get("/logs/?year=2099").content.decode()


def test_english_readers_get_english_marks(cast, november):
    cast.staff.preferred_language = "en"
    cast.staff.save()
    page = client_for(cast.staff).get("/logs/").content.decode()
    assert "24 November, missed workday: open it to fill it in" in page
    assert "0 skip days left this month." in page
