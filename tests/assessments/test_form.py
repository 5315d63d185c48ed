import datetime

import pytest
import time_machine

from assessments import services
from assessments.models import Answer, Framework, Improvement, Item, SelfAssessment
from assessments.selectors import ERROR_RATING_MISSING, cycle_item_rows
from assessments.views import ERROR_CONFLICT
from portal.models import AuditEvent, Membership, Notice
from tests.conftest import client_for
from tests.factories import member_of
from tests.factories.assessments import filled_assessment, open_cycle

pytestmark = pytest.mark.django_db


@pytest.fixture
def cycle():
    return open_cycle()


def _start(client, cycle) -> SelfAssessment:
    response = client.post(f"/assessments/cycles/{cycle.pk}/start/")
    assert response.status_code == 302
    return SelfAssessment.objects.get(pk=int(response["Location"].strip("/").split("/")[-1]))


def _item(cycle, code) -> Item:
    return next(item for item in cycle_item_rows(cycle=cycle) if item.code == code)


def test_list_shows_open_cycle_with_the_persons_state(cast, cycle):
    client = client_for(cast.staff)
    assert "Not started" in client.get("/assessments/").content.decode()
    _start(client, cycle)
    page = client.get("/assessments/").content.decode()
    assert cycle.name_zh in page or cycle.name_en in page
    assert "Draft saved" in page


def test_start_records_department_and_is_unique_per_person_and_cycle(cast, cycle):
    client = client_for(cast.staff)
    first, second = _start(client, cycle), _start(client, cycle)
    assert first.pk == second.pk
    assert first.department == cast.department
    assert SelfAssessment.objects.filter(user=cast.staff).count() == 1


def test_department_stays_as_when_started_after_a_move(cast, cycle):
    assessment = filled_assessment(cast.staff, cycle, submit=True)
    Membership.objects.filter(user=cast.staff).update(department=cast.other_department)
    assessment.refresh_from_db()
    assert assessment.department == cast.department
    assert client_for(cast.manager).get(f"/assessments/{assessment.pk}/review/").status_code == 200
    assert client_for(cast.other_manager).get(f"/assessments/{assessment.pk}/review/").status_code == 404


def test_a_person_who_joins_during_an_open_cycle_can_take_part(cast, cycle):
    newcomer = member_of(cast.department, username="newcomer")
    assessment = _start(client_for(newcomer), cycle)
    assert assessment.department == cast.department


def test_cycle_for_other_departments_is_not_offered(cast):
    cycle = open_cycle(audience="departments")
    cycle.departments.set([cast.other_department])
    assert client_for(cast.staff).post(f"/assessments/cycles/{cycle.pk}/start/").status_code == 404
    assert SelfAssessment.objects.count() == 0


def test_step_saves_without_javascript_and_answers_survive_a_reload(cast, cycle):
    client = client_for(cast.staff)
    assessment = _start(client, cycle)
    detail = _item(cycle, "CARELESS_DETAIL")
    response = client.post(
        f"/assessments/{assessment.pk}/?step=1",
        {
            "version": assessment.version,
            "step": 1,
            f"rating-{detail.pk}": "4",
            f"note-{detail.pk}": "本月公文零差错",
            "go": 2,
        },  # fmt: skip
    )
    assert response.status_code == 302 and response["Location"].endswith("?step=2")
    page = client.get(f"/assessments/{assessment.pk}/?step=1").content.decode()
    assert "本月公文零差错" in page
    assert f'value="4" id="id_rating-{detail.pk}_3" checked' in page or 'value="4"' in page
    answer = Answer.objects.get(assessment=assessment, item=detail)
    assert (answer.rating, answer.note) == (4, "本月公文零差错")


def test_bad_rating_is_refused_beside_the_field_and_typed_text_kept(cast, cycle):
    client = client_for(cast.staff)
    assessment = _start(client, cycle)
    detail = _item(cycle, "CARELESS_DETAIL")
    response = client.post(
        f"/assessments/{assessment.pk}/?step=1",
        {"version": assessment.version, "step": 1, f"rating-{detail.pk}": "9", f"note-{detail.pk}": "我的证据"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Choose a rating from 1 to 5." in page and "我的证据" in page
    assert not Answer.objects.filter(assessment=assessment).exists()


def test_autosave_answers_json_and_rejects_a_stale_version_with_the_newer_text(cast, cycle):
    client = client_for(cast.staff)
    assessment = _start(client, cycle)
    look = _item(cycle, "LOOK_SELF")
    step = 2  # 四看 is the second framework
    url = f"/assessments/{assessment.pk}/autosave/"
    first = client.post(url, {"version": 1, "step": step, f"note-{look.pk}": "第一个标签页写的反思"})
    assert first.status_code == 200 and first.json()["version"] == 2
    stale = client.post(url, {"version": 1, "step": step, f"note-{look.pk}": "第二个标签页的旧版本"})
    assert stale.status_code == 409
    assert stale.json() == {"version": 2, "fields": stale.json()["fields"]}
    assert stale.json()["fields"][f"note-{look.pk}"] == "第一个标签页写的反思"
    assert Answer.objects.get(assessment=assessment, item=look).note == "第一个标签页写的反思"


def test_two_tabs_without_javascript_never_silently_overwrite(cast, cycle):
    client = client_for(cast.staff)
    assessment = _start(client, cycle)
    detail = _item(cycle, "CARELESS_DETAIL")
    data = {"step": 1, f"rating-{detail.pk}": "3", f"note-{detail.pk}": "tab one"}
    client.post(f"/assessments/{assessment.pk}/?step=1", {**data, "version": 1})
    second_tab = {**data, "version": 1, f"note-{detail.pk}": "tab two"}
    response = client.post(f"/assessments/{assessment.pk}/?step=1", second_tab)
    assert response.status_code == 409
    assert str(ERROR_CONFLICT) in response.content.decode().replace("&#x27;", "'")
    assert "tab two" in response.content.decode()
    assert Answer.objects.get(assessment=assessment, item=detail).note == "tab one"


def test_submit_lists_what_is_missing_and_keeps_the_draft(cast, cycle):
    client = client_for(cast.staff)
    assessment = _start(client, cycle)
    response = client.post(f"/assessments/{assessment.pk}/submit/", follow=True)
    assert str(services.ERROR_INCOMPLETE) in response.content.decode()
    assert str(ERROR_RATING_MISSING) in response.content.decode()
    assessment.refresh_from_db()
    assert assessment.status == "draft"


def test_submit_locks_and_a_double_submit_submits_once(cast, cycle):
    assessment = filled_assessment(cast.staff, cycle)
    client = client_for(cast.staff)
    client.post(f"/assessments/{assessment.pk}/submit/")
    submitted_at = SelfAssessment.objects.get(pk=assessment.pk).submitted_at
    client.post(f"/assessments/{assessment.pk}/submit/")
    assessment.refresh_from_db()
    assert assessment.status == "submitted" and assessment.submitted_at == submitted_at
    detail = _item(cycle, "CARELESS_DETAIL")
    saved = client.post(f"/assessments/{assessment.pk}/autosave/", {"version": assessment.version, "step": 1,
                                                                    f"rating-{detail.pk}": "1"})  # fmt: skip
    assert saved.status_code == 400
    assert Answer.objects.get(assessment=assessment, item=detail).rating == 4
    page = client.get(f"/assessments/{assessment.pk}/").content.decode()
    assert 'name="autosave-clear"' in page and "data-autosave=" not in page


def test_late_submission_is_refused_with_a_clear_message_and_the_draft_kept(cast, cycle):
    assessment = filled_assessment(cast.staff, cycle)
    with time_machine.travel(cycle.closes_on + datetime.timedelta(days=1)):
        response = client_for(cast.staff).post(f"/assessments/{assessment.pk}/submit/", follow=True)  # fmt: skip
    assert str(services.ERROR_CYCLE_CLOSED) in response.content.decode()
    assessment.refresh_from_db()
    assert assessment.status == "draft" and assessment.answers.count() == 15


def test_manager_reviews_and_the_person_sees_comment_and_gap(cast, cycle):
    assessment = filled_assessment(cast.staff, cycle, submit=True)
    detail = assessment.answers.get(item__code="CARELESS_DETAIL")
    response = client_for(cast.manager).post(
        f"/assessments/{assessment.pk}/review/", {"comment": "细节上进步明显，继续保持。", f"manager-{detail.pk}": "2"}
    )
    assert response.status_code == 302
    detail.refresh_from_db()
    assert detail.manager_rating == 2
    assert AuditEvent.objects.filter(viewer=cast.manager, subject=cast.staff, what="assessment").exists()
    assert Notice.objects.filter(user=cast.staff, kind="assessment-reviewed").count() == 1
    page = client_for(cast.staff).get(f"/assessments/{assessment.pk}/").content.decode()
    assert "细节上进步明显，继续保持。" in page
    assert "<td>+2</td>" in page  # self 4, manager 2


def test_review_without_a_comment_is_refused(cast, cycle):
    assessment = filled_assessment(cast.staff, cycle, submit=True)
    response = client_for(cast.manager).post(f"/assessments/{assessment.pk}/review/", {"comment": ""})
    assert response.status_code == 400
    assert not hasattr(SelfAssessment.objects.get(pk=assessment.pk), "review")


def test_manager_reopens_with_a_reason_the_person_sees(cast, cycle):
    assessment = filled_assessment(cast.staff, cycle, submit=True)
    manager = client_for(cast.manager)
    assert manager.post(f"/assessments/{assessment.pk}/reopen/", {"reason": ""}).status_code == 302
    assert SelfAssessment.objects.get(pk=assessment.pk).is_submitted
    manager.post(f"/assessments/{assessment.pk}/reopen/", {"reason": "请补充四看中的具体事例"})
    assessment.refresh_from_db()
    assert assessment.status == "draft" and assessment.reopened_by == cast.manager
    assert "请补充四看中的具体事例" in client_for(cast.staff).get(f"/assessments/{assessment.pk}/").content.decode()
    assert Notice.objects.filter(user=cast.staff, kind="assessment-reopened").exists()
    # The reopened draft is the person's again: invisible to the manager.
    assert manager.get(f"/assessments/{assessment.pk}/review/").status_code == 404


PERSONAS = ["staff2", "manager", "other", "other_manager", "leader", "editor", "admin"]


@pytest.mark.parametrize("persona", PERSONAS)
def test_idor_another_persons_draft_answers_404_everywhere(cast, cycle, persona):
    assessment = filled_assessment(cast.staff, cycle)
    client = client_for(getattr(cast, persona))
    base = f"/assessments/{assessment.pk}/"
    assert client.get(base).status_code == 404
    assert client.post(base + "?step=1", {"version": 1, "step": 1}).status_code == 404
    assert client.post(base + "autosave/", {"version": 1, "step": 1}).status_code == 404
    assert client.post(base + "submit/").status_code == 404
    assert client.get(base + "review/").status_code == 404  # drafts are invisible to managers too
    assert client.post(base + "reopen/", {"reason": "x"}).status_code == 404
    assert SelfAssessment.objects.get(pk=assessment.pk).status == "draft"


@pytest.mark.parametrize("persona", ["staff", "staff2", "other", "other_manager", "leader", "editor", "admin"])
def test_idor_a_submitted_assessment_is_reviewed_by_its_departments_manager_only(cast, cycle, persona):
    assessment = filled_assessment(cast.staff, cycle, submit=True)
    client = client_for(getattr(cast, persona))
    base = f"/assessments/{assessment.pk}/"
    assert client.get(base + "review/").status_code == 404
    assert client.post(base + "review/", {"comment": "x"}).status_code == 404
    assert client.post(base + "reopen/", {"reason": "x"}).status_code == 404
    assert SelfAssessment.objects.get(pk=assessment.pk).is_submitted
    assert not AuditEvent.objects.exists()


def test_missing_assessment_answers_404(cast):
    assert client_for(cast.staff).get("/assessments/999999/").status_code == 404


def test_look_back_at_the_previous_cycles_improvement_items(cast):
    earlier = open_cycle(opens_on=datetime.date.today() - datetime.timedelta(days=70),
                         closes_on=datetime.date.today() - datetime.timedelta(days=60))  # fmt: skip
    with time_machine.travel(earlier.opens_on):
        filled_assessment(cast.staff, earlier, submit=True, improvements=("提前三分之二完成", "每晚学习"))
    cycle = open_cycle()
    assessment = filled_assessment(cast.staff, cycle)
    assessment.look_backs.all().delete()
    with pytest.raises(services.AssessmentIncomplete) as refused:
        services.assessment_submit(assessment=assessment, by=cast.staff)
    assert [m.label for m in refused.value.missing] == ["提前三分之二完成", "每晚学习"]
    client = client_for(cast.staff)
    previous = list(Improvement.objects.filter(assessment__cycle=earlier))
    step = 5  # three frameworks, improvements, then the look back
    assert "提前三分之二完成" in client.get(f"/assessments/{assessment.pk}/?step={step}").content.decode()
    data = {"version": assessment.version, "step": step}
    data.update({f"progress-{i.pk}": "partly" for i in previous})
    data[f"lookback-{previous[0].pk}"] = "大部分做到了"
    assert client.post(f"/assessments/{assessment.pk}/?step={step}", data).status_code == 302
    client.post(f"/assessments/{assessment.pk}/submit/")
    assert SelfAssessment.objects.get(pk=assessment.pk).is_submitted


def test_reflective_framework_without_ratings_can_be_submitted(cast):
    cycle = open_cycle(frameworks=Framework.objects.filter(code="FOUR_LOOKS"))
    assessment = filled_assessment(cast.staff, cycle)
    assessment.answers.update(rating=None)
    submitted = services.assessment_submit(assessment=assessment, by=cast.staff)
    assert submitted.is_submitted
