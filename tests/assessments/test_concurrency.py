"""Parallel submits and saves on PostgreSQL (row locks; SQLite has none)."""

import threading

import pytest
from django.db import close_old_connections

from assessments import services
from assessments.models import Answer, Review, SelfAssessment
from tests.factories.assessments import filled_assessment, open_cycle

pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True), pytest.mark.postgres]


def _in_parallel(count: int, work) -> list:
    barrier = threading.Barrier(count)
    results: list = []

    def run():
        try:
            barrier.wait()
            results.append(work())
        except Exception as error:  # noqa: BLE001 - collected and asserted on
            results.append(error)
        finally:
            close_old_connections()

    threads = [threading.Thread(target=run) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def test_twenty_parallel_submits_submit_once(on_postgres, cast):
    assessment = filled_assessment(cast.staff, open_cycle())
    results = _in_parallel(20, lambda: services.assessment_submit(assessment=assessment, by=cast.staff))
    assert all(isinstance(result, SelfAssessment) and result.is_submitted for result in results)
    assessment.refresh_from_db()
    assert assessment.version == 2  # one transition: created at 1, submitted once
    assert len({result.submitted_at for result in results}) == 1
    assert Answer.objects.filter(assessment=assessment).count() == 15


def test_parallel_saves_of_one_version_let_one_win_and_the_rest_conflict(on_postgres, cast):
    cycle = open_cycle()
    assessment = services.assessment_start(cycle=cycle, user=cast.staff)
    item = cycle.items.get(code="CARELESS_DETAIL")
    counter = iter(range(100))

    def save():
        note = f"tab {next(counter)}"
        changes = services.DraftInput(answers={item.pk: services.AnswerInput(rating=3, note=note)})
        services.assessment_save(assessment=assessment, changes=changes, version=1)
        return note

    results = _in_parallel(10, save)
    winners = [result for result in results if isinstance(result, str)]
    assert len(winners) == 1
    assert all(isinstance(result, services.VersionConflict) for result in results if result not in winners)
    assert Answer.objects.get(assessment=assessment, item=item).note == winners[0]
    assert SelfAssessment.objects.get(pk=assessment.pk).version == 2


def test_parallel_reviews_of_one_version_keep_one_and_refuse_the_rest(on_postgres, cast):
    assessment = filled_assessment(cast.staff, open_cycle(), submit=True)
    counter = iter(range(100))

    def review():
        comment = f"点评 {next(counter)}"
        services.review_save(assessment=assessment, reviewer=cast.manager, comment=comment, ratings={}, version=0)
        return comment

    results = _in_parallel(10, review)
    winners = [result for result in results if isinstance(result, str)]
    assert len(winners) == 1
    assert all(isinstance(result, services.ReviewConflict) for result in results if result not in winners)
    saved = Review.objects.get(assessment=assessment)
    assert (saved.comment, saved.version) == (winners[0], 1)
