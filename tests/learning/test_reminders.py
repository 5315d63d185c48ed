import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command

from learning.models import StudyLog
from portal.models import Notice
from tests.factories.learning import StudyLogFactory

pytestmark = pytest.mark.django_db
SHANGHAI = datetime.timezone(datetime.timedelta(hours=8))


def run() -> str:
    out = io.StringIO()
    call_command("send_study_reminders", stdout=out)
    return out.getvalue()


def test_people_without_a_log_get_one_email_and_one_notice_in_their_language(cast, time_machine):
    time_machine.move_to(datetime.datetime(2026, 11, 25, 21, 5, tzinfo=SHANGHAI), tick=False)
    cast.staff2.preferred_language = "en"
    cast.staff2.save()
    cast.other.reminders_enabled = False
    cast.other.save()
    StudyLogFactory(user=cast.manager, date=datetime.date(2026, 11, 25))
    StudyLogFactory(user=cast.staff, date=datetime.date(2026, 11, 25))
    assert "sent: 1" in run()
    assert [m.to for m in mail.outbox] == [[cast.staff2.email]]
    assert mail.outbox[0].subject == "Tonight's study log"
    assert "/logs/today/" in mail.outbox[0].body
    assert Notice.objects.filter(user=cast.staff2, kind="study-reminder").count() == 1
    # Idempotent for the day.
    assert "sent: 0" in run()
    assert len(mail.outbox) == 1


def test_a_draft_is_not_a_log_and_the_reminder_is_in_chinese_by_default(cast, time_machine):
    time_machine.move_to(datetime.datetime(2026, 11, 25, 22, 0, tzinfo=SHANGHAI), tick=False)
    StudyLog.objects.create(user=cast.staff, date=datetime.date(2026, 11, 25), draft={"insight": "写了一半"})
    run()
    subjects = {m.to[0]: m.subject for m in mail.outbox}
    assert subjects[cast.staff.email] == "今晚的学习记录"


@pytest.mark.parametrize(
    "moment",
    [
        datetime.datetime(2026, 11, 25, 20, 59, tzinfo=SHANGHAI),  # before the reminder time
        datetime.datetime(2026, 11, 28, 21, 30, tzinfo=SHANGHAI),  # Saturday
        datetime.datetime(2026, 10, 2, 21, 30, tzinfo=SHANGHAI),  # National Day holiday
    ],
)
def test_nobody_is_reminded_before_the_time_or_on_a_day_off(cast, time_machine, moment):
    time_machine.move_to(moment, tick=False)
    assert "sent: 0" in run()
    assert mail.outbox == [] and not Notice.objects.exists()


def test_a_make_up_workday_gets_reminders(cast, time_machine):
    time_machine.move_to(datetime.datetime(2026, 10, 10, 21, 30, tzinfo=SHANGHAI), tick=False)  # Saturday, 调休
    assert "sent: 3" in run()  # staff, staff2 and other; the leaver is inactive


def test_a_person_who_turned_reminders_off_in_settings_is_skipped(cast, time_machine):
    from tests.conftest import client_for

    time_machine.move_to(datetime.datetime(2026, 11, 25, 21, 5, tzinfo=SHANGHAI), tick=False)
    client_for(cast.staff).post("/me/settings/", {"reminder_time": "", "preferred_language": "zh-hans"})
    run()
    assert not Notice.objects.filter(user=cast.staff).exists()
    assert Notice.objects.filter(user=cast.staff2).exists()
    assert cast.staff.email not in [m.to[0] for m in mail.outbox]


def test_each_person_is_reminded_from_their_own_time_and_emailed_only_if_they_want(cast, time_machine):
    cast.staff.reminder_time = datetime.time(19, 0)
    cast.staff.email_notices = False
    cast.staff.save()
    cast.staff2.reminder_time = datetime.time(22, 0)
    cast.staff2.save()
    time_machine.move_to(datetime.datetime(2026, 11, 25, 19, 30, tzinfo=SHANGHAI), tick=False)
    assert "sent: 1" in run()  # only the 19:00 person; the site's 21:00 has not come yet
    assert Notice.objects.filter(user=cast.staff, kind="study-reminder").exists()
    assert mail.outbox == []  # no email wanted
    time_machine.move_to(datetime.datetime(2026, 11, 25, 21, 30, tzinfo=SHANGHAI), tick=False)
    assert "sent: 1" in run()  # other, at the site's time; staff2 waits for 22:00
    time_machine.move_to(datetime.datetime(2026, 11, 25, 22, 0, tzinfo=SHANGHAI), tick=False)
    assert "sent: 1" in run()
    assert [m.to for m in mail.outbox] == [[cast.other.email], [cast.staff2.email]]
