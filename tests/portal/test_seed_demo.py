import pytest
from django.core.management import CommandError, call_command

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
def test_seed_demo_refuses_production(settings):
    settings.PORTAL_IS_PRODUCTION = True
    with pytest.raises(CommandError, match="production"):
        call_command("seed_demo")
    assert not User.objects.exists()
