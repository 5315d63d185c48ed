"""Leaver anonymisation: afterwards no text column of any table holds the person's original strings."""

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import models

from assessments.models import Answer, Improvement, LookBack, Review
from learning.models import GoldenIdea, IdeaStep, StudyLog
from portal.models import AuditEvent, User
from portal.services import ANONYMISERS, notice_send, user_anonymise
from tests.conftest import client_for
from tests.dashboards.conftest import history
from tests.factories import member_of
from tests.factories.learning import GoldenIdeaFactory, StudyLogFactory

pytestmark = pytest.mark.django_db
SECRETS = ("离职者甲乙丙", "leaver-xq7", "leaver-xq7@example.gov.cn", "独一无二的体会文字", "绝密金点子标题",
           "只属于我的改进事项", "处长写给我的点评", "我的证据说明")  # fmt: skip


def text_values():
    """Every value of every text-like column of every table (JSON and StreamField included)."""
    for model in apps.get_models(include_auto_created=True):
        fields = [f.attname for f in model._meta.concrete_fields if isinstance(f, models.CharField | models.TextField
                  | models.JSONField) or f.get_internal_type() in ("JSONField", "TextField")]  # fmt: skip
        if fields:
            for row in model._base_manager.values_list(*fields):
                yield model._meta.label, " ".join(str(value) for value in row)


@pytest.fixture
def leaver(cast, cycles):
    person = member_of(cast.department, username="leaver-xq7", display_name="离职者甲乙丙",
                       email="leaver-xq7@example.gov.cn")  # fmt: skip
    history(person, department=cast.department, cycles=cycles[:2])
    StudyLogFactory(user=person, insight="独一无二的体会文字", sources="独一无二的体会文字", date=cycles[0].opens_on)
    idea = GoldenIdeaFactory(author=person, title="绝密金点子标题", body="绝密金点子标题")
    IdeaStep.objects.create(idea=idea, status="studying", note="绝密金点子标题", by=cast.manager)
    assessment = person.selfassessment_set.first() if hasattr(person, "selfassessment_set") else None
    assessment = assessment or person.assessments.first()
    Answer.objects.filter(assessment=assessment).update(note="我的证据说明")
    Improvement.objects.create(assessment=assessment, position=1, text="只属于我的改进事项")
    Review.objects.create(assessment=assessment, reviewer=cast.manager, comment="处长写给我的点评")
    notice_send(user=person, kind="k", message="离职者甲乙丙，你好", dedupe_key="hello")
    client_for(cast.manager).get(f"/team/members/{person.pk}/")
    return person


def test_anonymising_leaves_no_original_string_anywhere(leaver):
    found_before = {label for label, text in text_values() if any(secret in text for secret in SECRETS)}
    assert {"portal.User", "learning.StudyLog", "learning.GoldenIdea", "assessments.Review"} <= found_before
    minutes = sum(StudyLog.objects.filter(user=leaver).values_list("minutes", flat=True))

    user_anonymise(user=leaver)

    leftovers = [(label, text[:80]) for label, text in text_values() if any(secret in text for secret in SECRETS)]
    assert leftovers == []
    leaver.refresh_from_db()
    assert leaver.username == f"anon-{leaver.pk}" and not leaver.is_active and not leaver.has_usable_password()
    assert sum(StudyLog.objects.filter(user=leaver).values_list("minutes", flat=True)) == minutes
    assert Answer.objects.filter(assessment__user=leaver, rating__isnull=False).exists()
    assert GoldenIdea.objects.filter(author=leaver).count() == 1 and AuditEvent.objects.filter(subject=leaver).exists()


def test_every_app_anonymiser_exists():
    from django.utils.module_loading import import_string

    assert all(callable(import_string(path)) for path in ANONYMISERS)


def test_the_command_asks_unless_told_yes(leaver, monkeypatch):
    monkeypatch.setattr("builtins.input", lambda prompt: "no")
    with pytest.raises(Exception, match="Nothing was changed"):
        call_command("anonymise_user", "leaver-xq7")
    assert User.objects.filter(username="leaver-xq7").exists()
    call_command("anonymise_user", "leaver-xq7", "--yes", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert not User.objects.filter(username="leaver-xq7").exists()


def test_administrators_anonymise_from_the_wagtail_admin_after_confirming(cast, leaver):
    url = f"/admin/accounts/{leaver.pk}/anonymise/"
    assert "离职者甲乙丙" in client_for(cast.admin).get(url).content.decode()
    assert client_for(cast.staff).post(url).status_code == 403
    assert User.objects.get(pk=leaver.pk).username == "leaver-xq7"
    client_for(cast.admin).post(url)
    assert User.objects.get(pk=leaver.pk).username == f"anon-{leaver.pk}"
    assert LookBack.objects.filter(assessment__user=leaver, note__contains="我的").count() == 0
