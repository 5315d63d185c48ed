"""Every main non-dashboard page in at most 12 queries, the same number at two sizes (issue 15).

The dashboards (/me/, /team/, /team/members/<id>/, /org/) are measured by the dashboards' own tests.
"""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from assessments import selectors
from learning.models import StudyLog
from portal import data_version
from tests.conftest import client_for
from tests.factories import member_of
from tests.factories.assessments import filled_assessment, open_cycle
from tests.factories.learning import GoldenIdeaFactory, make_material

pytestmark = pytest.mark.django_db
PAGE_BUDGET = 12


def grow(cast, size: int) -> None:
    """More colleagues, materials, ideas and years of logs: nothing a page shows per person may cost a query."""
    today = timezone.localdate()
    for n in range(size):
        colleague = member_of(cast.department, username=f"grow{size}-{n}")
        StudyLog.objects.bulk_create(
            StudyLog(user=colleague, date=today - datetime.timedelta(days=d), minutes=30, insight="体会",
                     saved_at=timezone.now()) for d in range(1, 40)
        )  # fmt: skip
        GoldenIdeaFactory(author=cast.staff)
        make_material(f"资料{size}-{n}")
    StudyLog.objects.bulk_create(
        StudyLog(user=cast.staff, date=today - datetime.timedelta(days=d), minutes=45, insight=f"体会{d}",
                 saved_at=timezone.now()) for d in range(1 + 400 * (size > 1), 400 * (size > 1) + 300)
    )  # fmt: skip


def main_pages(cast) -> dict[str, str]:
    cycle = open_cycle(name_zh="预算期")
    assessment = filled_assessment(cast.staff, cycle)
    GoldenIdeaFactory(author=cast.staff)
    review = selectors.assessment_steps(items=selectors.cycle_item_rows(cycle=cycle))[-1].number
    return {
        "/": "/",
        "/logs/today/": "/logs/today/",
        "assessment step": f"/assessments/{assessment.pk}/?step=1",
        "review step": f"/assessments/{assessment.pk}/?step={review}",
        "material page": make_material("预算资料").url,
        "/learning/": "/learning/",
        "/ideas/": "/ideas/",
    }


def page_counts(cast, pages: dict[str, str]) -> dict[str, int]:
    client = client_for(cast.staff)
    counts = {}
    for label, url in pages.items():
        client.get(url)  # the person has been signed in a while: the session holds their state
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, (label, response.status_code)
        counts[label] = len(queries)
    return counts


def assert_within_budget_at_two_sizes(cast, pages: dict[str, str]) -> None:
    small = page_counts(cast, pages)
    grow(cast, 8)
    large = page_counts(cast, pages)
    assert large == small, "a page's queries grow with the data"
    assert max(large.values()) <= PAGE_BUDGET, large


def test_every_main_page_stays_within_twelve_queries_at_two_sizes(cast):
    pages = main_pages(cast)
    assert_within_budget_at_two_sizes(cast, pages)


def test_with_an_earlier_cycle_the_assessment_steps_and_the_review_stay_within_twelve_queries(cast):
    """The look-back step and the review read the previous cycle too: its improvements and its ratings."""
    today = timezone.localdate()
    earlier = open_cycle(opens_on=today - datetime.timedelta(days=70), closes_on=today - datetime.timedelta(days=50))
    with time_machine.travel(earlier.opens_on):
        filled_assessment(cast.staff, earlier, submit=True)
    cycle = open_cycle(name_zh="预算期")
    assessment = filled_assessment(cast.staff, cycle)
    steps = selectors.assessment_steps(items=selectors.cycle_item_rows(cycle=cycle))
    pages = {f"step {step.kind} {step.number}": f"/assessments/{assessment.pk}/?step={step.number}" for step in steps}
    assert_within_budget_at_two_sizes(cast, pages)


def test_the_home_page_before_tonights_card_is_cached_stays_within_twelve_queries_at_two_sizes(cast):
    """The first view after a write composes tonight's card again: still within the budget."""

    def fresh_home() -> int:
        client = client_for(cast.staff)
        client.get("/")
        data_version.bump()
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/").status_code == 200
        return len(queries)

    main_pages(cast)
    small = fresh_home()
    grow(cast, 8)
    assert fresh_home() == small <= PAGE_BUDGET
