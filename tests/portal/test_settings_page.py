"""My settings (/me/settings/): one form for reminders, their time, language and notices by email."""

import datetime

import pytest

from portal.models import User
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def test_settings_are_saved_in_one_place_and_the_confirmation_names_them(cast):
    client = client_for(cast.staff)
    page = client.get("/me/settings/").content.decode()
    for link in ("/accounts/password/change/", "/accounts/2fa/", "/accounts/email/"):
        assert f'href="{link}"' in page
    assert "办公室统一时间（21:00）" in page
    response = client.post(
        "/me/settings/",
        {"reminder_time": "21:30", "preferred_language": "zh-hans", "email_notices": "on"},  # reminders off
        follow=True,
    )
    user = User.objects.get(pk=cast.staff.pk)
    assert (user.reminders_enabled, user.reminder_time, user.email_notices) == (False, datetime.time(21, 30), True)
    assert "已保存：学习提醒（关闭）、提醒时间（21:30）。" in response.content.decode()


def test_switching_to_english_confirms_in_english_and_remembers_it(cast, settings):
    client = client_for(cast.staff)
    response = client.post(
        "/me/settings/", {"reminders_enabled": "on", "reminder_time": "", "preferred_language": "en"}, follow=True
    )
    assert User.objects.get(pk=cast.staff.pk).preferred_language == "en"
    assert User.objects.get(pk=cast.staff.pk).email_notices is False
    text = response.content.decode()
    assert "Saved: language (English), notices by email (off)." in text
    assert response.redirect_chain[-1][0] == "/me/settings/"
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"


def test_a_time_not_offered_is_refused_next_to_the_field_and_nothing_changes(cast):
    response = client_for(cast.staff).post(
        "/me/settings/", {"reminders_enabled": "on", "reminder_time": "03:17", "preferred_language": "zh-hans"}
    )
    assert response.status_code == 400
    assert "请从列出的时间中选择一个。" in response.content.decode()
    assert User.objects.get(pk=cast.staff.pk).reminder_time is None


def test_nobody_changes_fields_the_form_does_not_offer(cast):
    client_for(cast.staff).post(
        "/me/settings/",
        {"preferred_language": "zh-hans", "is_staff": "on", "is_superuser": "on", "username": "boss"},
    )
    user = User.objects.get(pk=cast.staff.pk)
    assert (user.is_staff, user.is_superuser, user.username) == (False, False, cast.staff.username)
