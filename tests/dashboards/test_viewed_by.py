import pytest

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
