"""Reopening that survives a close: reopen -> the cycle closes -> the person submits -> the manager reviews."""

import datetime

import pytest
import time_machine

from assessments import services
from assessments.forms import StepForm
from assessments.models import AssessmentEvent, Cycle, Review, SelfAssessment
from portal.models import Notice
from tests.conftest import client_for
from tests.factories.assessments import CycleFactory, filled_assessment

pytestmark = pytest.mark.django_db
OPENS, CLOSES = datetime.date(2027, 1, 16), datetime.date(2027, 2, 15)
NOTE = "这一条是只给本人和处长看的证据说明"


def _at(day: datetime.date, hour: int = 9):
    """A moment on a local (Beijing) day: 09:00 UTC is 17:00 in Beijing."""
    return time_machine.travel(datetime.datetime(day.year, day.month, day.day, hour, tzinfo=datetime.UTC), tick=False)


def _day(offset: int) -> datetime.date:
    return CLOSES + datetime.timedelta(days=offset)


def _step_post(assessment: SelfAssessment, item_pk: int, note: str) -> dict:
    """Step 1 as the browser sends it: every answer as saved, one of them changed."""
    data = {key: value for key, value in StepForm.initial_for(assessment).items() if value is not None}
    return {**data, "step": 1, f"rating-{item_pk}": "2", f"note-{item_pk}": note, "go": 1}


def test_a_reopen_survives_the_close_and_is_submitted_and_reviewed(cast):
    with _at(OPENS):
        cycle = CycleFactory(opens_on=OPENS, closes_on=CLOSES)
        services.cycle_open(cycle=cycle)
        assessment = filled_assessment(cast.staff, cycle, submit=True)

    with _at(_day(-1)):  # the manager returns it the day before the cycle closes, with a week's deadline
        response = client_for(cast.manager).post(f"/assessments/{assessment.pk}/reopen/",
                                {"reason": "请补充四看中的具体事例", "until": _day(5).isoformat()})  # fmt: skip
        assert response.status_code == 302
    assessment.refresh_from_db()
    assert (assessment.status, assessment.reopened_until, assessment.reopened_by) == ("draft", _day(5), cast.manager)
    assert Notice.objects.filter(user=cast.staff, kind="assessment-reopened").count() == 1

    with _at(_day(1)):  # the cycle has closed on its date
        cycle.refresh_from_db()
        assert cycle.state() == Cycle.State.CLOSED
        staff = client_for(cast.staff)  # signed in on the day (sessions expire after inactivity)
        listing = staff.get("/assessments/").content.decode()
        open_now = listing.split('id="cycles-2"')[0]
        assert cycle.name in open_now and "Returned for changes" in open_now and "Continue" in open_now
        assert "请补充四看中的具体事例" in open_now
        page = staff.get(f"/assessments/{assessment.pk}/?step=1")
        assert page.status_code == 200 and "data-autosave=" in page.content.decode()
        assert "请补充四看中的具体事例" in page.content.decode()
        item = cycle.items.get(code="CARELESS_DETAIL")
        saved = staff.post(f"/assessments/{assessment.pk}/?step=1", _step_post(assessment, item.pk, NOTE))
        assert saved.status_code == 302
        assert assessment.answers.get(item=item).note == NOTE
        assert staff.post(f"/assessments/{assessment.pk}/submit/").status_code == 302
    assessment.refresh_from_db()
    assert assessment.status == "submitted"

    with _at(_day(2)):
        manager = client_for(cast.manager)
        review_page = manager.get(f"/assessments/{assessment.pk}/review/")
        assert review_page.status_code == 200 and NOTE in review_page.content.decode()
        posted = manager.post(f"/assessments/{assessment.pk}/review/", {"comment": "补充得很具体。", "version": 0})
        assert posted.status_code == 302
    assert Review.objects.get(assessment=assessment).comment == "补充得很具体。"
    kinds = list(AssessmentEvent.objects.filter(assessment=assessment).values_list("kind", "reason"))
    assert kinds == [("submitted", ""), ("reopened", "请补充四看中的具体事例"), ("submitted", ""), ("reviewed", "")]

    with _at(_day(3)):  # the person reads every change of state, with its reason
        page = client_for(cast.staff).get(f"/assessments/{assessment.pk}/").content.decode()
    assert "Returned for changes by 李志刚" in page and "请补充四看中的具体事例" in page
    assert page.count("Submitted.") == 2 and "Reviewed by 李志刚." in page


def test_after_the_personal_deadline_the_draft_is_kept_and_refused(cast):
    with _at(OPENS):
        cycle = CycleFactory(opens_on=OPENS, closes_on=CLOSES)
        services.cycle_open(cycle=cycle)
        assessment = filled_assessment(cast.staff, cycle, submit=True)
    with _at(_day(1)):
        services.assessment_reopen(assessment=assessment, by=cast.manager, reason="再看看", until=_day(3))
    with _at(_day(3), hour=15):  # 23:00 in Beijing on the deadline: still open
        assert SelfAssessment.objects.get(pk=assessment.pk).is_editable()
    with _at(_day(4)):
        with pytest.raises(services.AssessmentRefused) as refused:
            services.assessment_submit(assessment=assessment, by=cast.staff)
        assert refused.value.message == services.ERROR_DEADLINE_PASSED
        page = client_for(cast.staff).get(f"/assessments/{assessment.pk}/").content.decode()
        assert str(services.ERROR_DEADLINE_PASSED) in page and "data-autosave=" not in page
    assert SelfAssessment.objects.get(pk=assessment.pk).status == "draft"


@pytest.mark.parametrize(
    ("until", "accepted"),
    [(-1, False), (0, True), (services.REOPEN_MAX_DAYS, True), (services.REOPEN_MAX_DAYS + 1, False)],
)
def test_the_personal_deadline_is_from_today_to_the_limit(cast, until, accepted):
    with _at(OPENS):
        cycle = CycleFactory(opens_on=OPENS, closes_on=CLOSES)
        services.cycle_open(cycle=cycle)
        assessment = filled_assessment(cast.staff, cycle, submit=True)
    with _at(_day(1)):
        day = _day(1) + datetime.timedelta(days=until)
        response = client_for(cast.manager).post(
            f"/assessments/{assessment.pk}/reopen/", {"reason": "补充", "until": day.isoformat()}, follow=True
        )
    assessment.refresh_from_db()
    assert assessment.status == ("draft" if accepted else "submitted")
    if not accepted:
        assert str(services.ERROR_REOPEN_UNTIL % {"days": services.REOPEN_MAX_DAYS}) in response.content.decode()


def test_an_administrator_reopens_one_stranded_draft_of_a_closed_cycle(cast):
    with _at(OPENS):
        cycle = CycleFactory(opens_on=OPENS, closes_on=CLOSES)
        services.cycle_open(cycle=cycle)
        draft = filled_assessment(cast.staff, cycle)
        filled_assessment(cast.staff2, cycle, submit=True)
        services.cycle_close(cycle=cycle)  # closed early: the draft is stranded
    with _at(OPENS + datetime.timedelta(days=2)):
        admin = client_for(cast.admin)
        people = admin.get(f"/admin/assessments/cycles/{cycle.pk}/people/")
        text = people.content.decode()
        assert people.status_code == 200 and "王芳" in text and "赵磊" in text and "孙丽华" in text
        assert "Draft" in text and "Submitted" in text and "Not started" in text
        assert "这一期我认真对照了自己的工作" not in text  # names and states, never content
        url = f"/admin/assessments/cycles/{cycle.pk}/people/{cast.staff.pk}/reopen/"
        assert admin.post(url, {"reason": "", "until": ""}).status_code == 400
        response = admin.post(
            url, {"reason": "因公出差，补交", "until": (OPENS + datetime.timedelta(days=9)).isoformat()}
        )
        assert response.status_code == 302
        draft.refresh_from_db()
        assert draft.reopened_until == OPENS + datetime.timedelta(days=9) and draft.reopened_by == cast.admin
        assert (
            "Returned for changes, open until"
            in admin.get(f"/admin/assessments/cycles/{cycle.pk}/people/").content.decode()
        )
        assert client_for(cast.staff).post(f"/assessments/{draft.pk}/submit/").status_code == 302
        # Someone outside the cycle answers 404; only administrators reach the page.
        assert admin.get(f"/admin/assessments/cycles/{cycle.pk}/people/{cast.editor.pk}/reopen/").status_code == 404
        assert client_for(cast.manager).get(f"/admin/assessments/cycles/{cycle.pk}/people/").status_code == 403
    draft.refresh_from_db()
    assert draft.status == "submitted"
