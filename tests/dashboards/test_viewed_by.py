import pytest
import time_machine
from django.utils import timezone

from portal.models import AuditEvent
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def test_the_owner_sees_who_viewed_their_records_and_nobody_elses(cast):
    client_for(cast.manager).get(f"/team/members/{cast.staff.pk}/")
    client_for(cast.manager).get(f"/team/members/{cast.staff2.pk}/")
    page = client_for(cast.staff).get("/me/viewed-by/").content.decode()
    assert "李志刚" in page and "成员页面" in page
    assert client_for(cast.staff).get("/me/viewed-by/").context["page"].paginator.count == 1


def test_reading_ones_own_records_is_not_audited(cast):
    client_for(cast.staff).get("/me/")
    assert not AuditEvent.objects.exists()
    assert "还没有人查看过你的记录" in client_for(cast.staff).get("/me/viewed-by/").content.decode()


def test_the_audit_cannot_be_changed_through_the_portal(cast):
    client_for(cast.manager).get(f"/team/members/{cast.staff.pk}/")
    response = client_for(cast.staff).post("/me/viewed-by/", {"what": "nothing"})
    assert response.status_code == 405
    assert AuditEvent.objects.get().what == "member page"


def local_minute(subject) -> str:
    return timezone.localtime(AuditEvent.objects.get(subject=subject).created_at).strftime("%Y-%m-%d %H:%M")


def test_administrators_read_filter_and_export_the_audit_in_the_admin(cast):
    client_for(cast.manager).get(f"/team/members/{cast.staff.pk}/")
    client_for(cast.manager).get(f"/team/members/{cast.staff2.pk}/")
    admin = client_for(cast.admin)
    page = admin.get("/admin/reports/record-views/").content.decode()
    assert "王芳" in page and "赵磊" in page and "成员页面" in page
    filtered = admin.get(f"/admin/reports/record-views/results/?subject={cast.staff2.pk}").content.decode()
    assert "赵磊" in filtered and "王芳" not in filtered
    export = admin.get("/admin/reports/record-views/?export=csv")
    rows = b"".join(export.streaming_content).decode().strip().splitlines()
    assert rows[0] == "时间,查看人,记录所属人,查看内容,记录"
    assert rows[1:] == [
        f"{local_minute(cast.staff2)},李志刚,赵磊,成员页面,{cast.staff2.pk}",
        f"{local_minute(cast.staff)},李志刚,王芳,成员页面,{cast.staff.pk}",
    ]


def test_the_audit_report_has_no_way_to_change_a_row(cast):
    client_for(cast.manager).get(f"/team/members/{cast.staff.pk}/")
    admin = client_for(cast.admin)
    page = admin.get("/admin/reports/record-views/").content.decode()
    assert "/edit/" not in page and "/delete/" not in page
    assert admin.post("/admin/reports/record-views/", {"what": "nothing"}).status_code == 405
    assert AuditEvent.objects.get().what == "member page"


def test_a_record_read_again_within_the_hour_is_written_once(cast, django_assert_max_num_queries):
    from portal.services import audit_record_views

    manager = client_for(cast.manager)
    with time_machine.travel("2026-11-30 10:05 +0800", tick=False):
        for _again in range(3):
            manager.get(f"/team/members/{cast.staff.pk}/")
    with time_machine.travel("2026-11-30 10:59 +0800", tick=False):
        manager.get(f"/team/members/{cast.staff.pk}/")
    with time_machine.travel("2026-11-30 11:01 +0800", tick=False):
        manager.get(f"/team/members/{cast.staff.pk}/")
        with django_assert_max_num_queries(1):
            audit_record_views(viewer=cast.manager, subjects=[cast.staff, cast.staff2.pk, cast.manager], what="x")
    hours = AuditEvent.objects.filter(what="member page").values_list("hour", flat=True)
    assert sorted(timezone.localtime(hour).strftime("%H:%M") for hour in hours) == ["10:00", "11:00"]
    assert set(AuditEvent.objects.filter(what="x").values_list("subject__username", flat=True)) == {"staff", "staff2"}
