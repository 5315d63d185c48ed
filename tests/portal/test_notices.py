import pytest

from portal.models import Notice
from portal.services import notice_send
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def test_unread_notices_show_on_the_home_page_and_open_once_read(cast):
    notice_send(user=cast.staff, kind="cycle", message="第六期自评已开放", url="/assessments/", dedupe_key="c6")
    client = client_for(cast.staff)
    assert "第六期自评已开放" in client.get("/").content.decode()
    notice = Notice.objects.get(user=cast.staff)
    response = client.post(f"/notices/{notice.pk}/read/")
    assert response["Location"] == "/assessments/"
    notice.refresh_from_db()
    assert notice.read_at is not None
    assert "第六期自评已开放" not in client.get("/").content.decode()


def test_the_same_notice_is_sent_once(cast):
    assert notice_send(user=cast.staff, kind="k", message="m", dedupe_key="same")
    assert not notice_send(user=cast.staff, kind="k", message="m", dedupe_key="same")
    assert Notice.objects.filter(user=cast.staff).count() == 1


def test_someone_elses_notice_is_404_and_stays_unread(cast):
    notice_send(user=cast.staff2, kind="k", message="m", dedupe_key="x")
    notice = Notice.objects.get()
    assert client_for(cast.staff).post(f"/notices/{notice.pk}/read/").status_code == 404
    notice.refresh_from_db()
    assert notice.read_at is None


def test_an_offsite_link_is_not_followed(cast):
    notice_send(user=cast.staff, kind="k", message="m", url="https://evil.example/", dedupe_key="y")
    response = client_for(cast.staff).post(f"/notices/{Notice.objects.get().pk}/read/")
    assert response["Location"] == "/"
