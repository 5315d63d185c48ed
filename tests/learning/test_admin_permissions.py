import pytest
from django.contrib.auth.models import Group


@pytest.mark.django_db
def test_administrators_may_edit_the_holiday_list():
    codenames = set(Group.objects.get(name="Administrators").permissions.values_list("codename", flat=True))
    assert {"add_workdayoverride", "change_workdayoverride", "delete_workdayoverride"} <= codenames


@pytest.mark.django_db
def test_administrators_may_change_the_study_rules():
    codenames = set(Group.objects.get(name="Administrators").permissions.values_list("codename", flat=True))
    assert "change_studysettings" in codenames
