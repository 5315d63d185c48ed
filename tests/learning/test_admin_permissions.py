import pytest
from django.contrib.auth.models import Group


@pytest.mark.django_db
def test_administrators_may_edit_the_holiday_list():
    codenames = set(Group.objects.get(name="Administrators").permissions.values_list("codename", flat=True))
    assert {"add_workdayoverride", "change_workdayoverride", "delete_workdayoverride"} <= codenames
