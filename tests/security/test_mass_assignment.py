"""Mass assignment: fields a form does not show change nothing.

Each test posts a valid form plus fields it does not carry, pointing at another person,
another department, a later status or the poster's own account flags, then checks the
database: the record is the poster's, the status is what the flow allows, and every
other row is as it was.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from assessments.models import Answer, Review, SelfAssessment
from assessments.selectors import assessment_steps, cycle_item_rows
from learning.models import GoldenIdea, IdeaStep, StudyLog
from learning.services import LOG_FIELDS
from portal.models import Membership, Notice, User
from portal.services import notice_send
from tests.conftest import client_for
from tests.factories.assessments import filled_assessment, open_cycle
from tests.factories.learning import GoldenIdeaFactory, StudyLogFactory, days_ago, make_material

pytestmark = pytest.mark.django_db


def hidden_fields(cast) -> dict[str, str]:
    """Fields no portal form shows, each aimed at someone or something the poster may not set."""
    other = str(cast.other.pk)
    return {
        "user": other, "user_id": other, "author": other, "author_id": other, "owner": other, "by": other,
        "department": str(cast.other_department.pk), "department_id": str(cast.other_department.pk),
        "status": "implemented", "submitted_at": "2020-01-01 00:00", "saved_at": "2020-01-01 00:00",
        "reviewer": other, "reopened_by": other, "is_staff": "on", "is_superuser": "on", "is_active": "on",
        "groups": "1", "pk": other, "id": other,
    }  # fmt: skip


def row(model, pk) -> dict:
    return model._base_manager.values().get(pk=pk)


def rows(queryset) -> list[dict]:
    return list(queryset.order_by("pk").values())


def account(user: User) -> dict:
    return User.objects.values().get(pk=user.pk)


# --- Study log --------------------------------------------------------------------------------


@pytest.fixture
def others_log(cast) -> StudyLog:
    return StudyLogFactory(user=cast.other, date=timezone.localdate())


def log_post(cast, **fields) -> dict:
    return {"version": "0", "minutes": "45", "insight": "核对数字要对照原始材料。", **hidden_fields(cast), **fields}


def test_saving_a_log_writes_only_the_posters_log(cast, others_log):
    client = client_for(cast.staff)  # signing in sets last_login: take the account's state after it
    others_before, account_before = row(StudyLog, others_log.pk), account(cast.staff)
    response = client.post("/logs/today/", log_post(cast, date=str(days_ago(1)), version="0"))
    assert response.status_code == 302
    log = StudyLog.objects.get(date=timezone.localdate(), user=cast.staff)
    assert (log.minutes, log.insight, log.saved_at.year) == (45, "核对数字要对照原始材料。", timezone.now().year)
    assert not StudyLog.objects.filter(user=cast.staff, date=days_ago(1)).exists()
    assert row(StudyLog, others_log.pk) == others_before
    assert account(cast.staff) == account_before


def test_autosave_keeps_only_the_log_fields_in_the_posters_draft(cast, others_log):
    client = client_for(cast.staff)
    others_before, account_before = row(StudyLog, others_log.pk), account(cast.staff)
    response = client.post(f"/logs/{timezone.localdate()}/autosave/", log_post(cast, draft="{}"))
    assert response.status_code == 200
    log = StudyLog.objects.get(date=timezone.localdate(), user=cast.staff)
    assert set(log.draft) == set(LOG_FIELDS)
    assert log.draft["insight"] == "核对数字要对照原始材料。"
    assert log.saved_at is None  # a draft is not a saved log, whatever saved_at says
    assert row(StudyLog, others_log.pk) == others_before
    assert account(cast.staff) == account_before


def test_i_studied_this_adds_the_material_to_the_posters_log_only(cast, others_log):
    material = make_material()
    response = client_for(cast.staff).post(f"/logs/today/materials/{material.pk}/", hidden_fields(cast))
    assert response.status_code == 302
    assert list(StudyLog.objects.get(user=cast.staff).materials.all()) == [material]
    assert not others_log.materials.exists()


# --- Golden ideas -----------------------------------------------------------------------------


def test_a_new_idea_is_the_posters_and_only_submitted(cast):
    data = {
        "title": "会议通知自动提醒", "category": "work_method", "body": "发出后自动提醒回执。",
        "submission_key": "00000000-0000-0000-0000-000000000001", "created_at": "2020-01-01", **hidden_fields(cast),
    }  # fmt: skip
    client = client_for(cast.staff)
    account_before = account(cast.staff)
    assert client.post("/ideas/new/", data).status_code == 302
    idea = GoldenIdea.objects.get()
    assert (idea.author, idea.status, idea.created_at.year) == (cast.staff, "submitted", timezone.now().year)
    assert list(IdeaStep.objects.values_list("status", "by")) == [("submitted", cast.staff.pk)]
    assert not GoldenIdea.objects.filter(author=cast.other).exists()
    assert account(cast.staff) == account_before


def test_moving_an_idea_changes_only_its_status_one_step(cast):
    idea = GoldenIdeaFactory(author=cast.staff, status=GoldenIdea.Status.UNDER_STUDY)
    prefix = f"idea{idea.pk}-"
    data = {
        f"{prefix}to_status": "adopted", f"{prefix}from_status": "under_study", f"{prefix}note": "值得推广",
        f"{prefix}title": "改掉的标题", f"{prefix}author": str(cast.manager.pk), f"{prefix}status": "implemented",
        "title": "改掉的标题", "body": "改掉的内容", "category": "other", **hidden_fields(cast),
    }  # fmt: skip
    before = row(GoldenIdea, idea.pk)
    client_for(cast.manager).post(f"/ideas/{idea.pk}/move/", data)
    after = row(GoldenIdea, idea.pk)
    assert after["status"] == "adopted"
    assert {k: v for k, v in after.items() if k not in ("status", "updated_at")} == {
        k: v for k, v in before.items() if k not in ("status", "updated_at")
    }
    assert IdeaStep.objects.filter(idea=idea).latest("pk").by == cast.manager


# --- Self-assessments -------------------------------------------------------------------------


@pytest.fixture
def cycle(cast):
    return open_cycle()


def test_starting_an_assessment_makes_a_draft_of_the_posters_own_department(cast, cycle):
    response = client_for(cast.staff).post(
        f"/assessments/cycles/{cycle.pk}/start/", {**hidden_fields(cast), "version": "99", "cycle": "0"}
    )
    assert response.status_code == 302
    assessment = SelfAssessment.objects.get()
    assert (assessment.user, assessment.department, assessment.cycle) == (cast.staff, cast.department, cycle)
    assert (assessment.status, assessment.version, assessment.submitted_at) == ("draft", 1, None)


@pytest.mark.parametrize("endpoint", ["", "autosave/"])
def test_a_step_saves_only_its_own_items_in_the_posters_draft(cast, cycle, endpoint):
    draft = filled_assessment(cast.staff, cycle, rating=3)
    colleagues = filled_assessment(cast.staff2, cycle, rating=3)
    first, second = assessment_steps(items=cycle_item_rows(cycle=cycle))[:2]
    step_item = next(i for i in cycle_item_rows(cycle=cycle) if i.framework_id == first.framework.pk)
    later_item = next(i for i in cycle_item_rows(cycle=cycle) if i.framework_id == second.framework.pk)
    colleagues_answer = colleagues.answers.get(item=step_item)
    data = {
        "version": str(draft.version), "step": "1", f"rating-{step_item.pk}": "5",
        f"rating-{later_item.pk}": "1", f"note-{later_item.pk}": "不是这一步的",
        f"manager-{draft.answers.get(item=step_item).pk}": "1", f"answer-{colleagues_answer.pk}": "1",
        f"rating-{colleagues_answer.pk}": "1", **hidden_fields(cast), "status": "submitted",
    }  # fmt: skip
    colleagues_before = rows(Answer.objects.filter(assessment=colleagues))
    response = client_for(cast.staff).post(f"/assessments/{draft.pk}/{endpoint}", data)
    assert response.status_code in (200, 302)
    draft.refresh_from_db()
    assert (draft.user, draft.status, draft.submitted_at) == (cast.staff, "draft", None)
    assert draft.answers.get(item=step_item).rating == 5
    assert draft.answers.get(item=step_item).manager_rating is None
    assert draft.answers.get(item=later_item).rating == 3
    assert rows(Answer.objects.filter(assessment=colleagues)) == colleagues_before
    assert SelfAssessment.objects.get(pk=colleagues.pk).status == "draft"


def test_submitting_submits_only_the_posters_assessment(cast, cycle):
    mine = filled_assessment(cast.staff, cycle)
    colleagues = filled_assessment(cast.staff2, cycle)
    colleagues_before = row(SelfAssessment, colleagues.pk)
    data = {**hidden_fields(cast), "assessment": str(colleagues.pk), "user": str(cast.staff2.pk)}
    client_for(cast.staff).post(f"/assessments/{mine.pk}/submit/", data)
    assert SelfAssessment.objects.get(pk=mine.pk).is_submitted
    assert row(SelfAssessment, colleagues.pk) == colleagues_before


def test_the_managers_review_cannot_touch_the_staffs_own_ratings_or_another_assessment(cast, cycle):
    submitted = filled_assessment(cast.staff, cycle, rating=4, submit=True)
    colleagues = filled_assessment(cast.staff2, cycle, rating=2, submit=True)
    answer = submitted.answers.first()
    data = {
        "comment": "材料核对细致，继续保持。", f"manager-{answer.pk}": "3",
        f"rating-{answer.item_id}": "1", f"note-{answer.item_id}": "经理改写的", "rating": "1", "note": "经理改写的",
        f"manager-{colleagues.answers.first().pk}": "1", **hidden_fields(cast), "status": "draft",
        "reviewer": str(cast.other_manager.pk),
    }  # fmt: skip
    own_answers = list(submitted.answers.order_by("pk").values_list("rating", "note"))
    colleagues_before = rows(Answer.objects.filter(assessment=colleagues))
    assert client_for(cast.manager).post(f"/assessments/{submitted.pk}/review/", data).status_code == 302
    assert list(submitted.answers.order_by("pk").values_list("rating", "note")) == own_answers
    assert Answer.objects.get(pk=answer.pk).manager_rating == 3
    assert Review.objects.get(assessment=submitted).reviewer == cast.manager
    assert SelfAssessment.objects.get(pk=submitted.pk).status == "submitted"
    assert rows(Answer.objects.filter(assessment=colleagues)) == colleagues_before


def test_reopening_is_recorded_as_the_manager_and_keeps_the_owner(cast, cycle):
    submitted = filled_assessment(cast.staff, cycle, submit=True)
    data = {"reason": "请补充第二项的例子。", **hidden_fields(cast), "status": "submitted", "version": "1"}
    client_for(cast.manager).post(f"/assessments/{submitted.pk}/reopen/", data)
    submitted.refresh_from_db()
    assert (submitted.status, submitted.user, submitted.reopened_by) == ("draft", cast.staff, cast.manager)
    assert submitted.department == cast.department


# --- Portal -------------------------------------------------------------------------------------


def test_the_language_switch_changes_nothing_but_the_language(cast):
    data = {
        "language": "en", **hidden_fields(cast), "username": "root", "display_name": "改名", "email": "x@evil.example",
        "preferred_language": "zh-hans", "reminders_enabled": "", "password": "x",
    }  # fmt: skip
    client = client_for(cast.staff)
    before = account(cast.staff)
    memberships = rows(Membership.objects.all())
    client.post("/language/", data)
    assert account(cast.staff) == {**before, "preferred_language": "en"}
    assert list(cast.staff.groups.all()) == []
    assert rows(Membership.objects.all()) == memberships


def test_reading_a_notice_only_marks_the_posters_notice_read(cast):
    notice_send(user=cast.staff, kind="idea", message="你的金点子已采纳", url="/ideas/", dedupe_key="mine")
    notice_send(user=cast.other, kind="idea", message="别人的通知", url="/ideas/", dedupe_key="theirs")
    mine, theirs = Notice.objects.get(user=cast.staff), Notice.objects.get(user=cast.other)
    data = {**hidden_fields(cast), "read_at": "2020-01-01 00:00", "url": "https://evil.example/", "message": "改"}
    response = client_for(cast.staff).post(f"/notices/{mine.pk}/read/", data)
    assert response["Location"] == "/ideas/"
    read = Notice.objects.get(pk=mine.pk)
    assert (read.read_at.year, read.url, read.message) == (timezone.now().year, "/ideas/", "你的金点子已采纳")
    assert row(Notice, theirs.pk)["read_at"] is None


def test_confirming_an_import_creates_exactly_the_previewed_accounts(cast):
    content = "name,username,email,department,role\n刘洋,liuyang,liuyang@example.gov.cn,综合处,member\n".encode()
    client = client_for(cast.admin)
    client.post("/admin/accounts/import/", {"file": SimpleUploadedFile("people.csv", content)})
    data = {"confirm": "1", **hidden_fields(cast), "role": "administrator", "username": "root", "rows": "[]"}
    client.post("/admin/accounts/import/", data)
    created = User.objects.get(username="liuyang")
    assert (created.is_staff, created.is_superuser, list(created.groups.all())) == (False, False, [])
    assert list(created.memberships.values_list("department", "role")) == [(cast.other_department.pk, "member")]
    assert not User.objects.filter(username="root").exists()
