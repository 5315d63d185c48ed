"""The attention list counts real consecutive workdays and leaves out new accounts and people on leave (12.5)."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from learning.models import StudyLog
from portal.models import LeavePeriod
from portal.screens import attention
from tests.conftest import client_for

pytestmark = pytest.mark.django_db
MONDAY = "2026-11-30 20:00 +0800"


def weekdays(day: datetime.date) -> bool:
    return day.weekday() < 5


def test_idle_workdays_skips_weekends_leave_and_starts_at_the_account():
    today = datetime.date(2026, 11, 30)
    friday = datetime.date(2026, 11, 20)
    assert attention.idle_workdays(last_log=friday, joined=datetime.date(2026, 1, 1), today=today,
                                   is_workday=weekdays) == 5  # fmt: skip
    leave = [(datetime.date(2026, 11, 23), datetime.date(2026, 11, 24))]
    assert attention.idle_workdays(last_log=friday, joined=datetime.date(2026, 1, 1), today=today,
                                   is_workday=weekdays, leave=leave) == 3  # fmt: skip
    assert attention.idle_workdays(last_log=None, joined=datetime.date(2026, 11, 26), today=today,
                                   is_workday=weekdays) == 2  # fmt: skip
    assert attention.idle_workdays(last_log=today, joined=datetime.date(2026, 1, 1), today=today,
                                   is_workday=weekdays) == 0  # fmt: skip


def log(user, day: str) -> None:
    StudyLog.objects.create(user=user, date=datetime.date.fromisoformat(day), minutes=30, insight="体会", version=1,
                            saved_at=timezone.now())  # fmt: skip


def reasons(cast) -> dict[str, list[str]]:
    screen = client_for(cast.manager).get("/team/").context["screen"]
    return {str(entry.member): entry.reasons for entry in screen.attention}


@time_machine.travel(MONDAY, tick=False)
def test_the_real_gap_is_shown_with_how_it_was_counted(cast):
    old = timezone.now() - datetime.timedelta(days=200)
    type(cast.staff).objects.filter(pk__in=[cast.staff.pk, cast.staff2.pk]).update(date_joined=old)
    log(cast.staff, "2026-11-17")  # a Tuesday: Nov 18-20 and 23-27 missed, 8 workdays
    log(cast.staff2, "2026-11-27")
    found = reasons(cast)
    assert found["王芳"] == ["连续 8 个工作日没有学习日志（最近一篇在11月17日；休息日、调休和休假不计）"]
    assert "赵磊" not in found


@time_machine.travel(MONDAY, tick=False)
def test_new_accounts_and_people_on_leave_are_left_out(cast):
    type(cast.staff).objects.filter(pk=cast.staff.pk).update(date_joined=timezone.now() - datetime.timedelta(days=2))
    type(cast.staff).objects.filter(pk=cast.staff2.pk).update(date_joined=timezone.now() - datetime.timedelta(days=90))
    LeavePeriod.objects.create(
        user=cast.staff2, starts_on=datetime.date(2026, 11, 16), ends_on=datetime.date(2026, 12, 4)
    )
    assert reasons(cast) == {}
    LeavePeriod.objects.all().delete()
    assert reasons(cast)["赵磊"][0].startswith("开通账号以来")


@time_machine.travel(MONDAY, tick=False)
def test_the_thresholds_on_the_page_are_the_ones_applied(cast):
    page = client_for(cast.manager).get("/team/").content.decode()
    t = attention.THRESHOLDS
    assert f"距截止不足 {t.days_left} 天" in page and f"连续 {t.idle_workdays} 个工作日" in page
    assert f"开通不满 {t.new_account_days} 天" in page


def test_a_manager_records_and_removes_a_members_leave(cast):
    manager = client_for(cast.manager)
    url = f"/team/members/{cast.staff.pk}/leave/"
    response = manager.post(url, {"starts_on": "2026-12-10", "ends_on": "2026-12-01", "note": "年休假"})
    assert "最后一天不能早于第一天。" in response.content.decode() and not LeavePeriod.objects.exists()
    assert 'value="年休假"' in response.content.decode()  # what was typed is kept
    response = manager.post(url, {"starts_on": "2026-12-01", "ends_on": "2026-12-10", "note": "年休假"})
    assert response.status_code == 302
    period = LeavePeriod.objects.get()
    assert (period.user, period.created_by, period.note) == (cast.staff, cast.manager, "年休假")
    assert "年休假" in manager.get(f"/team/members/{cast.staff.pk}/").content.decode()
    assert client_for(cast.other_manager).post(url, {"delete": period.pk}).status_code == 404
    assert client_for(cast.staff2).post(url, {"delete": period.pk}).status_code == 403
    assert manager.post(url, {"delete": period.pk}).status_code == 302
    assert not LeavePeriod.objects.exists()


def test_administrators_record_leave_in_the_wagtail_admin(cast):
    admin = client_for(cast.admin)
    form = {"user": cast.staff.pk, "starts_on": "2026-12-01", "ends_on": "2026-12-03", "note": "培训"}
    response = admin.post("/admin/snippets/portal/leaveperiod/add/", form)
    assert response.status_code == 302
    assert LeavePeriod.objects.get().note == "培训"
    assert "培训" in admin.get("/admin/snippets/portal/leaveperiod/").content.decode()
    assert client_for(cast.staff).get("/admin/snippets/portal/leaveperiod/").status_code in (302, 403)
