"""The study rules are learning's site settings; an administrator keeps them in the Wagtail settings menu."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from wagtail.models import Site

from learning import selectors
from learning.models import StudySettings
from portal.models import Role
from tests.conftest import client_for
from tests.factories import UserFactory

BEFORE_THE_MOVE = [("learning", "0006_study_rules"), ("cms", "0002_create_homepage")]
AFTER_THE_MOVE = [
    ("learning", "0007_study_rules_from_portal_settings"),
    ("cms", "0003_portal_settings_without_study_rules"),
]


@pytest.fixture
def administrator(db):
    return UserFactory(username="administrator", roles=[Role.ADMINISTRATOR])


def test_the_settings_menu_offers_the_office_settings_and_the_study_rules(administrator):
    page = client_for(administrator).get("/admin/").content.decode()
    assert "/admin/settings/cms/portalsettings/" in page
    assert "/admin/settings/learning/studysettings/" in page


def test_an_administrator_changes_the_study_rules_and_they_count_at_once(administrator):
    site = Site.objects.get(is_default_site=True)
    url = f"/admin/settings/learning/studysettings/{site.pk}/"
    client = client_for(administrator)
    assert client.get(url).status_code == 200
    assert selectors.study_rules().target_per_workday == 60
    response = client.post(url, {"study_target_minutes": 45, "streak_skip_days": 3, "reminder_time": "20:30"})
    assert response.status_code == 302
    rules = selectors.study_rules()
    assert (rules.target_per_workday, rules.skip_days_per_month, rules.reminder_time) == (45, 3, datetime.time(20, 30))


def test_a_staff_member_cannot_change_the_study_rules(cast):
    site = Site.objects.get(is_default_site=True)
    client = client_for(cast.staff)
    client.post(f"/admin/settings/learning/studysettings/{site.pk}/", {"study_target_minutes": 5})
    assert selectors.study_rules().target_per_workday == 60


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_move_copies_the_rules_from_the_portal_settings_and_back():
    site_id = Site.objects.get(is_default_site=True).pk
    old = _migrate(BEFORE_THE_MOVE)
    try:
        old.get_model("learning", "StudySettings").objects.all().delete()
        old.get_model("cms", "PortalSettings").objects.update_or_create(
            site_id=site_id,
            defaults={"study_target_minutes": 50, "streak_skip_days": 4, "reminder_time": datetime.time(20, 0)},
        )
        new = _migrate(AFTER_THE_MOVE)
        moved = new.get_model("learning", "StudySettings").objects.get(site_id=site_id)
        assert (moved.study_target_minutes, moved.streak_skip_days, moved.reminder_time) == (50, 4, datetime.time(20))
        moved.study_target_minutes = 40
        moved.save()
        back = _migrate(BEFORE_THE_MOVE).get_model("cms", "PortalSettings").objects.get(site_id=site_id)
        assert (back.study_target_minutes, back.streak_skip_days, back.reminder_time) == (40, 4, datetime.time(20))
    finally:
        _migrate(AFTER_THE_MOVE)
    assert StudySettings.objects.get(site_id=site_id).study_target_minutes == 40
