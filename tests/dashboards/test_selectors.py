"""Each read a dashboard needs is a selector of the app that owns the table, with its own query count."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from assessments import selectors as assessment_selectors
from learning import selectors as learning_selectors
from portal import leave
from portal.models import Membership
from tests.dashboards.conftest import history
from tests.factories import DepartmentFactory, manager_of, member_of
from tests.factories.learning import StudyLogFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def team(cast, cycles):
    for person in (cast.staff, cast.staff2, member_of(cast.department, username="third")):
        history(person, department=cast.department, cycles=cycles, ratings=(2, 3, 4), months=1)
    return cast


def test_assessment_chart_selectors_read_in_one_query_each(team, cycles, django_assert_num_queries):
    cast = team
    ids = [c.pk for c in cycles]
    with django_assert_num_queries(1):
        ratings = assessment_selectors.person_item_ratings(user=cast.staff)
    assert {r.cycle_id for r in ratings} == set(ids) and all(r.rating for r in ratings)
    with django_assert_num_queries(1):
        team_rows = assessment_selectors.team_item_ratings(department=cast.department, cycle_ids=ids[-1:])
    assert len({r.user_id for r in team_rows}) == 3
    with django_assert_num_queries(1):
        medians = assessment_selectors.group_item_medians(department_id=cast.department.pk, cycle_id=ids[-1])
    assert set(medians.values()) == {4.0}
    with django_assert_num_queries(1):
        assert assessment_selectors.latest_review_gaps(user=cast.staff) == []
    with django_assert_num_queries(1):
        assert (
            assessment_selectors.cycles_started(today=timezone.localdate(), department=cast.department)[0] == cycles[-1]
        )
    with django_assert_num_queries(1):
        states = assessment_selectors.assessment_states(cycle=cycles[-1], user_ids=[cast.staff.pk, cast.manager.pk])
    assert states == {cast.staff.pk: "submitted"}
    with django_assert_num_queries(1):
        assert len(assessment_selectors.submitted_assessments(user=cast.staff)) == 3
    with django_assert_num_queries(1):
        means = assessment_selectors.group_framework_means(cycle_ids=ids, by_department=True)
    assert {m.submissions for m in means} == {3}
    with django_assert_num_queries(1):
        assert assessment_selectors.department_submissions(cycle=cycles[-1]) == {cast.department.pk: 3}


def test_a_median_needs_three_ratings_of_the_item(cast, cycles):
    for person in (cast.staff, cast.staff2):
        history(person, department=cast.department, cycles=cycles[-1:], months=0)
    assert assessment_selectors.group_item_medians(department_id=cast.department.pk, cycle_id=cycles[-1].pk) == {}


def test_learning_selectors_read_in_one_query_each(team, django_assert_num_queries):
    cast = team
    year = timezone.localdate().year
    with django_assert_num_queries(1):
        last = learning_selectors.last_log_dates(user_ids=[cast.staff.pk, cast.manager.pk])
    assert list(last) == [cast.staff.pk]
    with django_assert_num_queries(1):
        assert learning_selectors.shared_insights(user=cast.staff) == []
    with django_assert_num_queries(1):
        assert learning_selectors.idea_rows(user=cast.staff) == []
    with django_assert_num_queries(3):
        study = learning_selectors.year_study(user=cast.staff, year=year)
    assert study.days >= 1 and study.materials == []
    with django_assert_num_queries(1):
        assert learning_selectors.year_ideas_taken_up(user=cast.staff, year=year) == []
    four_weeks = {"since": timezone.localdate() - datetime.timedelta(days=27), "until": timezone.localdate()}
    with django_assert_num_queries(2):  # today's logs, and the past days' once
        days = learning_selectors.department_log_days(department_ids=[cast.department.pk], **four_weeks)
    assert days[cast.department.pk][1] == 3
    with django_assert_num_queries(1):
        assert learning_selectors.department_log_days(department_ids=[cast.department.pk], **four_weeks) == days
    with django_assert_num_queries(1):
        assert leave.leave_days(user_ids=[cast.staff.pk], since=timezone.localdate(), until=timezone.localdate()) == {}


def test_department_log_days_counts_saved_logs_of_active_members_in_the_range(db):
    today = timezone.localdate()
    department, other = DepartmentFactory(), DepartmentFactory()
    writer, second, leaver = (member_of(department) for _ in range(3))
    elsewhere = member_of(other)
    boss = manager_of(department)
    for day in (today, today - datetime.timedelta(days=1)):
        StudyLogFactory(user=writer, date=day)
    StudyLogFactory(user=writer, date=today - datetime.timedelta(days=9))  # before the range
    StudyLogFactory(user=second, date=today, saved_at=None)  # a draft
    StudyLogFactory(user=second, date=today - datetime.timedelta(days=2))
    StudyLogFactory(user=leaver, date=today)
    leaver.is_active = False
    leaver.save()
    StudyLogFactory(user=boss, date=today)  # a manager's log counts for no department
    StudyLogFactory(user=elsewhere, date=today)
    week = {"since": today - datetime.timedelta(days=6), "until": today}
    days = learning_selectors.department_log_days(department_ids=[department.pk, other.pk], **week)
    assert days == {department.pk: (3, 2), other.pk: (1, 1)}
    assert learning_selectors.department_log_days(department_ids=[other.pk], **week) == {other.pk: (1, 1)}


def test_last_log_dates_are_each_persons_latest_saved_log_not_a_later_draft(db):
    today = timezone.localdate()
    department = DepartmentFactory()
    writer, drafter, silent = (member_of(department) for _ in range(3))
    for days_ago in (30, 3, 9):
        StudyLogFactory(user=writer, date=today - datetime.timedelta(days=days_ago))
    StudyLogFactory(user=writer, date=today, saved_at=None)  # tonight's draft
    StudyLogFactory(user=drafter, date=today, saved_at=None)
    last = learning_selectors.last_log_dates(user_ids=[writer.pk, drafter.pk, silent.pk])
    assert last == {writer.pk: today - datetime.timedelta(days=3)}


def test_department_log_days_keep_the_past_until_a_late_log_a_move_or_a_leaver(db, django_assert_num_queries):
    today = timezone.localdate()
    department, other = DepartmentFactory(), DepartmentFactory()
    first, second, third = (member_of(department) for _ in range(3))
    for person in (first, second):
        StudyLogFactory(user=person, date=today - datetime.timedelta(days=1))
    four_weeks = {"department_ids": [department.pk, other.pk], "since": today - datetime.timedelta(days=27),
                  "until": today}  # fmt: skip

    def days(queries: int) -> dict[int, tuple[int, int]]:
        with django_assert_num_queries(queries):
            return learning_selectors.department_log_days(**four_weeks)

    assert days(2) == {department.pk: (2, 2)}
    StudyLogFactory(user=third, date=today)  # tonight's log: the past stays kept
    assert days(1) == {department.pk: (3, 3)}
    late = StudyLogFactory(user=third, date=today - datetime.timedelta(days=3))
    assert days(2) == {department.pk: (4, 3)}
    moved = Membership.objects.get(user=second)
    moved.department = other
    moved.save()
    assert days(2) == {department.pk: (3, 2), other.pk: (1, 1)}
    first.is_active = False
    first.save()
    assert days(2) == {department.pk: (2, 1), other.pk: (1, 1)}
    late.delete()
    assert days(2) == {department.pk: (1, 1), other.pk: (1, 1)}


def test_department_log_days_count_last_nights_log_after_midnight(db):
    department = DepartmentFactory()
    writer = member_of(department)
    evening = timezone.make_aware(datetime.datetime.combine(timezone.localdate(), datetime.time(23, 59)))
    with time_machine.travel(evening, tick=False) as clock:
        since = evening.date() - datetime.timedelta(days=6)
        assert learning_selectors.department_log_days(department_ids=[department.pk], since=since,
                                                      until=evening.date()) == {}  # fmt: skip
        StudyLogFactory(user=writer, date=evening.date())
        clock.shift(datetime.timedelta(minutes=2))
        tomorrow = evening.date() + datetime.timedelta(days=1)
        assert learning_selectors.department_log_days(department_ids=[department.pk], since=since,
                                                      until=tomorrow) == {department.pk: (1, 1)}  # fmt: skip
