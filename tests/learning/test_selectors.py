import datetime

import pytest

from learning.access import visible_insight
from learning.models import GoldenIdea, IdeaStep, StudyLog
from learning.selectors import (
    idea_outcomes,
    learning_export,
    study_days,
    study_minutes_by_week,
    study_today,
    team_study_minutes,
)
from learning.services import learning_anonymise_user
from tests.factories import member_of
from tests.factories.learning import GoldenIdeaFactory, StudyLogFactory, make_material

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 11, 25)  # a Wednesday


def logs(user, *days_back, minutes=60):
    for back in days_back:
        StudyLogFactory(user=user, date=TODAY - datetime.timedelta(days=back), minutes=minutes)


def test_weekly_minutes_come_from_saved_logs_with_each_weeks_target(cast):
    logs(cast.staff, 0, 1, 2, 7)
    StudyLog.objects.create(user=cast.staff, date=TODAY - datetime.timedelta(days=3), minutes=99)  # draft only
    weeks = study_minutes_by_week(user=cast.staff, weeks=3, today=TODAY)
    assert [(w.week_start, w.minutes, w.target) for w in weeks] == [
        (datetime.date(2026, 11, 9), 0, 300),
        (datetime.date(2026, 11, 16), 60, 300),
        (datetime.date(2026, 11, 23), 180, 300),
    ]


def test_study_today_and_days_of_the_year(cast):
    logs(cast.staff, 1, 2, 5, 6)  # Tue, Mon, previous Fri, Thu
    today = study_today(user=cast.staff, today=TODAY)
    assert (today.logged, today.week.minutes, today.streak.days, today.streak.today_pending) == (False, 120, 4, True)
    assert [d.date.day for d in study_days(user=cast.staff, year=2026)] == [19, 20, 23, 24]


def test_team_minutes_take_one_query_whatever_the_team_size(cast, django_assert_num_queries):
    members = [member_of(cast.department) for _n in range(12)]
    for member in members:
        logs(member, 1, 8)
    with django_assert_num_queries(1):
        rows = team_study_minutes(members=members, weeks=4, today=TODAY)
    assert len(rows) == 48
    assert {r.minutes for r in rows if r.week_start == datetime.date(2026, 11, 23)} == {60}
    assert {r.minutes for r in rows if r.week_start == datetime.date(2026, 11, 2)} == {0}


def test_idea_outcomes_count_every_status_in_pipeline_order(cast):
    GoldenIdeaFactory(author=cast.staff)
    GoldenIdeaFactory(author=cast.staff, status="adopted")
    GoldenIdeaFactory(author=cast.staff2)
    assert [(o.status, o.count) for o in idea_outcomes(user=cast.staff)] == [
        ("submitted", 1), ("under_study", 0), ("adopted", 1), ("not_adopted", 0), ("implemented", 0),
    ]  # fmt: skip


def test_a_manager_sees_an_insight_only_when_it_is_shared(cast):
    private = StudyLogFactory(user=cast.staff, date=TODAY, insight="不分享的体会")
    shared = StudyLogFactory(
        user=cast.staff, date=TODAY - datetime.timedelta(days=1), insight="分享的", share_insight=True
    )
    assert visible_insight(cast.manager, private) == ""
    assert visible_insight(cast.manager, shared) == "分享的"
    assert visible_insight(cast.other_manager, shared) == ""
    assert visible_insight(cast.leader, shared) == ""
    assert visible_insight(cast.staff, private) == "不分享的体会"


def test_export_holds_everything_and_anonymising_keeps_only_numbers(cast):
    material = make_material()
    log = StudyLogFactory(user=cast.staff, date=TODAY, insight="我的体会", sources="《条例》", minutes=50)
    log.materials.add(material)
    idea = GoldenIdeaFactory(author=cast.staff, title="我的点子", body="内容")
    IdeaStep.objects.create(idea=idea, status="under_study", note="处长的说明", by=cast.manager)
    other_idea = GoldenIdeaFactory(author=cast.staff2)
    IdeaStep.objects.create(idea=other_idea, status="under_study", note="staff 写的？不会", by=cast.staff)

    export = learning_export(user=cast.staff)
    assert export["study_logs"][0]["insight"] == "我的体会"
    assert export["study_logs"][0]["materials"] == [material.title]
    assert export["golden_ideas"][0]["title"] == "我的点子"
    assert [s["note"] for s in export["idea_steps"]] == ["", "处长的说明"]

    learning_anonymise_user(user=cast.staff)
    log.refresh_from_db()
    assert (log.insight, log.sources, log.minutes, log.date) == ("", "", 50, TODAY)
    idea.refresh_from_db()
    assert (idea.body, idea.title != "我的点子") == ("", True)
    # A manager's note on a leaver's idea is about the leaver: it goes too, like a review of them.
    assert IdeaStep.objects.get(idea=idea, status="under_study").note == ""
    assert IdeaStep.objects.get(idea=other_idea, status="under_study").note == ""
    assert GoldenIdea.objects.get(pk=other_idea.pk).body != ""
