import datetime

import pytest
import time_machine

from assessments import selectors, services
from assessments.charts import score_cards
from assessments.models import Answer, Improvement
from tests.factories import member_of
from tests.factories.assessments import filled_assessment, open_cycle

pytestmark = pytest.mark.django_db


def _two_cycles(cast, *, first_rating=3, second_rating=4):
    today = datetime.date.today()
    earlier = open_cycle(opens_on=today - datetime.timedelta(days=70), closes_on=today - datetime.timedelta(days=50))
    with time_machine.travel(earlier.opens_on):
        filled_assessment(cast.staff, earlier, rating=first_rating, submit=True)
    latest = open_cycle()
    return earlier, latest, filled_assessment(cast.staff, latest, rating=second_rating, submit=True)


def test_framework_scores_and_growth_over_cycles(cast, django_assert_num_queries):
    earlier, latest, assessment = _two_cycles(cast)
    with django_assert_num_queries(1):
        cards = score_cards(selectors.person_item_ratings(user=cast.staff))
    assert [(card.framework_code, [(p.cycle_id, p.score) for p in card.points]) for card in cards] == [
        ("SEVEN_CARELESS", [(earlier.pk, 3.0), (latest.pk, 4.0)]),
        ("FOUR_LOOKS", [(earlier.pk, 3.0), (latest.pk, 4.0)]),
        ("FOUR_MODESTIES", [(earlier.pk, 3.0), (latest.pk, 4.0)]),
    ]
    report = selectors.assessment_report(assessment=assessment)
    assert [r.growth.change for r in report] == [1.0, 1.0, 1.0]
    with django_assert_num_queries(1):
        trends = selectors.latest_item_ratings(user=cast.staff)
    assert (trends[0].code, trends[0].latest, trends[0].previous) == ("CARELESS_POST", 4, 3)


def test_drafts_never_count_in_scores(cast):
    filled_assessment(cast.staff, open_cycle())
    assert selectors.person_item_ratings(user=cast.staff) == []
    assert selectors.latest_item_ratings(user=cast.staff) == []


def test_team_ratings_leave_drafts_out_and_states_name_them(cast, django_assert_num_queries):
    cycle = open_cycle()
    filled_assessment(cast.staff, cycle, submit=True)
    filled_assessment(cast.staff2, cycle)
    others = [member_of(cast.department) for _ in range(5)]
    with django_assert_num_queries(1):
        ratings = selectors.team_item_ratings(department=cast.department, cycle_ids=[cycle.pk])
    assert {row.user_id for row in ratings} == {cast.staff.pk} and len(ratings) == 15
    with django_assert_num_queries(1):
        states = selectors.assessment_states(
            cycle=cycle, user_ids=[cast.staff.pk, cast.staff2.pk, *[o.pk for o in others]]
        )
    assert states == {cast.staff.pk: "submitted", cast.staff2.pk: "draft"}  # not started: no row


def test_gaps_and_improvement_items_with_their_look_back(cast):
    earlier, latest, assessment = _two_cycles(cast)
    answer = assessment.answers.get(item__code="CARELESS_DETAIL")
    services.review_save(assessment=assessment, reviewer=cast.manager, comment="好", ratings={answer.pk: 2})
    gaps = {gap.code: gap.gap for gap in selectors.latest_review_gaps(user=cast.staff)}
    assert gaps["CARELESS_DETAIL"] == 2 and gaps["CARELESS_POST"] is None
    previous_item = Improvement.objects.get(assessment__cycle=earlier)
    assessment.look_backs.filter(improvement=previous_item).update(progress="done", note="做到了")
    rows = selectors.improvement_items(user=cast.staff)
    assert [(row.cycle_name, row.progress) for row in rows] == [(latest.name, ""), (earlier.name, "done")]


def test_export_holds_everything_and_anonymise_blanks_free_text_keeping_numbers(cast):
    assessment = filled_assessment(cast.staff, open_cycle(), submit=True)
    services.review_save(assessment=assessment, reviewer=cast.manager, comment="继续努力", ratings={})
    sheets = selectors.assessments_export(user=cast.staff)
    assert len(sheets["Answers"]) == 15 and sheets["Self-assessments"][0]["manager_comment"] == "继续努力"
    assert sheets["Improvement items"][0]["text"] == "少转手，多亲历"
    services.assessments_anonymise_user(user=cast.staff)
    assert not Answer.objects.filter(assessment__user=cast.staff).exclude(note="").exists()
    assert Answer.objects.filter(assessment__user=cast.staff, rating=4).count() == 15
    assert Improvement.objects.get(assessment=assessment).text == "—"
    assessment.refresh_from_db()
    assert assessment.review.comment == ""
