import uuid

import pytest
from django.utils import translation

from learning.forms import ERROR_BODY_REQUIRED, ERROR_NOTE_REQUIRED
from learning.idea_views import ERROR_MOVED_MEANWHILE
from learning.models import GoldenIdea, IdeaStep
from portal.models import AuditEvent, Notice
from tests.conftest import client_for
from tests.factories.learning import GoldenIdeaFactory

pytestmark = pytest.mark.django_db


def idea_form(**overrides):
    data = {"title": "通知回执一览", "category": "efficiency", "body": "发出两小时后自动提示未回执单位。"}
    data["submission_key"] = str(uuid.uuid4())
    data.update(overrides)
    return data


def test_staff_submits_an_idea_once_even_when_the_form_is_sent_twice(cast):
    client = client_for(cast.staff)
    data = idea_form()
    first = client.post("/ideas/new/", data)
    second = client.post("/ideas/new/", data)
    idea = GoldenIdea.objects.get()
    assert first["Location"] == second["Location"] == f"/ideas/{idea.pk}/?submitted=1"
    assert (idea.author, idea.status, idea.category) == (cast.staff, "submitted", "efficiency")
    assert list(idea.steps.values_list("status", flat=True)) == ["submitted"]


def test_an_empty_idea_is_refused_with_a_clear_message_keeping_the_title(cast):
    response = client_for(cast.staff).post("/ideas/new/", idea_form(body="   "))
    with translation.override("zh-hans"):
        assert str(ERROR_BODY_REQUIRED) in response.content.decode()
    assert "通知回执一览" in response.content.decode()
    assert not GoldenIdea.objects.exists()


def test_the_manager_moves_the_idea_along_and_the_author_sees_every_step_and_a_notice(cast):
    idea = GoldenIdeaFactory(author=cast.staff)
    manager = client_for(cast.manager)
    prefix = f"idea{idea.pk}"
    response = manager.post(
        f"/ideas/{idea.pk}/move/",
        {f"{prefix}-from_status": "submitted", f"{prefix}-to_status": "under_study", f"{prefix}-note": "下周例会讨论。",
         "next": "/team/ideas/"},
    )  # fmt: skip
    assert response["Location"] == "/team/ideas/"
    idea.refresh_from_db()
    assert idea.status == "under_study"
    step = idea.steps.last()
    assert (step.status, step.note, step.by) == ("under_study", "下周例会讨论。", cast.manager)
    assert Notice.objects.filter(user=cast.staff, kind="idea").count() == 1
    page = client_for(cast.staff).get(f"/ideas/{idea.pk}/").content.decode()
    assert "下周例会讨论。" in page and "研究中" in page


def test_a_step_needs_a_note_and_a_valid_next_status(cast):
    idea = GoldenIdeaFactory(author=cast.staff)
    manager = client_for(cast.manager)
    prefix = f"idea{idea.pk}"
    response = manager.post(
        f"/ideas/{idea.pk}/move/",
        {f"{prefix}-from_status": "submitted", f"{prefix}-to_status": "implemented", f"{prefix}-note": ""},
        follow=True,
    )
    with translation.override("zh-hans"):
        assert str(ERROR_NOTE_REQUIRED) in response.content.decode()
    idea.refresh_from_db()
    assert idea.status == "submitted" and idea.steps.count() == 1


def test_a_move_from_a_stale_page_changes_nothing(cast):
    idea = GoldenIdeaFactory(author=cast.staff, status="under_study")
    prefix = f"idea{idea.pk}"
    response = client_for(cast.manager).post(
        f"/ideas/{idea.pk}/move/",
        {f"{prefix}-from_status": "submitted", f"{prefix}-to_status": "adopted", f"{prefix}-note": "采纳"},
        follow=True,
    )
    with translation.override("zh-hans"):
        idea.refresh_from_db()
        assert str(ERROR_MOVED_MEANWHILE % {"status": idea.get_status_display()}) in response.content.decode()
    assert idea.status == "under_study"


def test_only_the_authors_managers_may_move_an_idea(cast):
    idea = GoldenIdeaFactory(author=cast.staff)
    prefix = f"idea{idea.pk}"
    data = {f"{prefix}-from_status": "submitted", f"{prefix}-to_status": "under_study", f"{prefix}-note": "好"}
    for person in (cast.staff, cast.staff2, cast.leader, cast.other_manager, cast.admin):
        assert client_for(person).post(f"/ideas/{idea.pk}/move/", data).status_code == 404
    assert IdeaStep.objects.count() == 1


def test_reading_someone_elses_idea_is_audited_and_others_get_404(cast):
    idea = GoldenIdeaFactory(author=cast.staff)
    assert client_for(cast.manager).get(f"/ideas/{idea.pk}/").status_code == 200
    assert client_for(cast.leader).get(f"/ideas/{idea.pk}/").status_code == 200
    assert client_for(cast.staff).get(f"/ideas/{idea.pk}/").status_code == 200
    assert set(AuditEvent.objects.values_list("viewer__username", "what")) == {
        ("manager", "golden idea"), ("leader", "golden idea"),
    }  # fmt: skip
    assert client_for(cast.staff2).get(f"/ideas/{idea.pk}/").status_code == 404
    assert client_for(cast.other_manager).get("/ideas/999999/").status_code == 404


def test_team_ideas_lists_the_managers_departments_only(cast, django_assert_max_num_queries):
    for _n in range(15):
        GoldenIdeaFactory(author=cast.staff)
    GoldenIdeaFactory(author=cast.other, title="别处的点子")
    client = client_for(cast.manager)
    with django_assert_max_num_queries(40):
        page = client.get("/team/ideas/").content.decode()
    assert "别处的点子" not in page and "记录下一步" in page or "Record the next step" in page
    leader_page = client_for(cast.leader).get("/team/ideas/?status=submitted").content.decode()
    assert "别处的点子" in leader_page
    assert 'class="move-form"' not in leader_page
    assert client_for(cast.staff).get("/team/ideas/").status_code == 403


def test_the_idea_page_shows_which_weeks_have_an_idea(cast):
    GoldenIdeaFactory(author=cast.staff)
    page = client_for(cast.staff).get("/ideas/").content.decode()
    assert page.count("idea-weeks__week--yes") == 1
    assert page.count('class="idea-weeks__week') == 12
