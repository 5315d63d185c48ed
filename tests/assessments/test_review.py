"""The manager's review: against the person's rubric, with a version check and the next one a click away."""

import re

import pytest

from assessments import forms, views
from assessments.models import Answer, Review, SelfAssessment
from tests.conftest import client_for
from tests.factories.assessments import filled_assessment, open_cycle

pytestmark = pytest.mark.django_db


@pytest.fixture
def cycle(db):
    return open_cycle()


def _review_url(assessment: SelfAssessment) -> str:
    return f"/assessments/{assessment.pk}/review/"


def test_a_stale_tab_gets_409_with_both_texts_and_nothing_is_overwritten(cast, cycle):
    assessment = filled_assessment(cast.staff, cycle, submit=True)
    manager = client_for(cast.manager)
    first_tab = manager.get(_review_url(assessment)).content.decode()
    assert 'name="version" value="0"' in first_tab
    assert manager.post(_review_url(assessment), {"comment": "第一个标签页的点评。", "version": 0}).status_code == 302
    stale = manager.post(_review_url(assessment), {"comment": "第二个标签页写的，不同的内容。", "version": 0})
    assert stale.status_code == 409
    page = stale.content.decode()
    assert str(views.ERROR_REVIEW_CONFLICT) in page
    assert re.search(r'data-conflict="theirs">第一个标签页的点评。', page)
    assert re.search(r'data-conflict="mine">第二个标签页写的，不同的内容。', page)
    assert "第二个标签页写的，不同的内容。</textarea>" in page  # what was typed is kept in the form
    assert 'name="version" value="1"' in page  # saving again is a deliberate choice
    review = Review.objects.get(assessment=assessment)
    assert (review.comment, review.version) == ("第一个标签页的点评。", 1)
    again = manager.post(_review_url(assessment), {"comment": "合并后的点评。", "version": 1})
    assert again.status_code == 302
    assert Review.objects.get(assessment=assessment).comment == "合并后的点评。"


def test_the_review_page_shows_the_anchors_the_persons_rating_and_evidence_and_a_rating_control(cast, cycle):
    assessment = filled_assessment(cast.staff, cycle, submit=True)
    detail = Answer.objects.get(assessment=assessment, item__code="CARELESS_DETAIL")
    Answer.objects.filter(pk=detail.pk).update(note="上周核对了三遍材料的数字。")
    page = client_for(cast.manager).get(_review_url(assessment)).content.decode()
    row = re.split(r'<div class="review-row[" ]', page.split(detail.item.title_en, 1)[1], maxsplit=1)[0]
    for _point, anchor in detail.item.anchors:
        assert anchor in row
    assert "Self rating" in row and '<strong class="review-row__score">4</strong>' in row
    assert "上周核对了三遍材料的数字。" in row
    assert f'name="manager-{detail.pk}"' in row and row.count('type="radio"') == 5
    assert page.count('class="card review-framework"') == 3  # one fieldset per framework


def test_review_errors_are_summarised_at_the_top_with_links_and_what_was_typed_is_kept(cast, cycle):
    assessment = filled_assessment(cast.staff, cycle, submit=True)
    detail = Answer.objects.get(assessment=assessment, item__code="CARELESS_DETAIL")
    response = client_for(cast.manager).post(
        _review_url(assessment), {"comment": "", "version": 0, f"manager-{detail.pk}": "9"}
    )
    assert response.status_code == 400
    page = response.content.decode()
    summary = page.split('id="errors-heading"', 1)[1].split("</section>", 1)[0]
    assert 'href="#id_comment"' in summary and f'href="#id_manager-{detail.pk}"' in summary
    assert detail.item.title_en in summary and str(forms.ERROR_COMMENT_REQUIRED) in summary
    assert page.index('id="errors-heading"') < page.index('class="card review-framework"')
    assert f'id="id_manager-{detail.pk}"' in page and 'id="id_comment"' in page
    assert not Review.objects.filter(assessment=assessment).exists()


def test_after_saving_the_next_waiting_review_is_one_click_away(cast, cycle):
    first = filled_assessment(cast.staff, cycle, submit=True)
    second = filled_assessment(cast.staff2, cycle, submit=True)
    manager = client_for(cast.manager)
    page = manager.post(_review_url(first), {"comment": "很好。", "version": 0}, follow=True).content.decode()
    assert str(views.MESSAGE_REVIEW_SAVED) in page
    assert f'href="/assessments/{second.pk}/review/"' in page and "Next waiting review: 赵磊" in page
    last = manager.post(_review_url(second), {"comment": "也很好。", "version": 0}, follow=True).content.decode()
    assert "No other self-assessment is waiting for your review." in last


def test_the_review_page_names_the_person_in_the_third_person(cast):
    cast.manager.preferred_language = "zh-hans"
    cast.manager.save()
    assessment = filled_assessment(cast.staff, open_cycle(), submit=True)
    page = client_for(cast.manager).get(f"/assessments/{assessment.pk}/review/").content.decode()
    assert "王芳的改进计划" in page and "我要改进的" not in page
