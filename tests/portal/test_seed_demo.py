import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from learning.models import StudyLog, StudyMaterialPage
from portal.models import Department, Membership, Role, User


@pytest.mark.django_db
def test_seed_demo_creates_the_demo_office_and_is_idempotent(settings):
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    counts = (User.objects.count(), Department.objects.count(), Membership.objects.count())
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert (User.objects.count(), Department.objects.count(), Membership.objects.count()) == counts
    assert Department.objects.count() == 6
    assert 35 <= User.objects.count() <= 60

    manager = User.objects.get(username="manager")
    department = Department.objects.managed_by(manager).get()
    members = set(department.memberships.filter(role="member").values_list("user__username", flat=True))
    assert {"staff", "staff2"} <= members
    assert "other" not in members
    assert User.objects.get(username="leader").has_role(Role.OFFICE_LEADER)
    assert User.objects.get(username="editor").has_role(Role.EDITOR)
    assert User.objects.get(username="admin").has_role(Role.ADMINISTRATOR)
    assert User.objects.get(username="staff").check_password(settings.PORTAL_DEMO_PASSWORD)


@pytest.mark.django_db
def test_seed_demo_translates_a_material_into_english_once():
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    original = StudyMaterialPage.objects.get(slug="san-si", locale__language_code="zh-hans")
    english = StudyMaterialPage.objects.get(translation_key=original.translation_key, locale__language_code="en")
    assert english.live and english.title == "Three thoughts before drafting"
    reader = User.objects.get(username="staff")
    reader.preferred_language = "en"
    reader.save()
    client = Client()
    client.force_login(reader)
    assert "Exercise: take the draft" in client.get(original.url).content.decode()
    assert not StudyLog.materials.through.objects.filter(studymaterialpage=english).exists()


@pytest.mark.django_db
def test_seed_demo_refuses_production(settings):
    settings.PORTAL_IS_PRODUCTION = True
    with pytest.raises(CommandError, match="production"):
        call_command("seed_demo")
    assert not User.objects.exists()
