import pytest

from tests.conftest import client_for
from tests.dashboards.conftest import history

pytestmark = pytest.mark.django_db


def test_home_card_shows_tonight_the_week_and_waiting_assessments(cast, cycles):
    history(cast.staff, department=cast.department, cycles=cycles[:2])
    page = client_for(cast.staff).get("/").content.decode()
    assert "今晚还没有写日志" in page
    assert "本周:" in page and "连续学习" in page
    assert "有 1 份自评等你完成" in page


def test_home_card_after_submitting_waits_for_nothing(cast, cycles):
    history(cast.staff, department=cast.department, cycles=cycles)
    page = client_for(cast.staff).get("/").content.decode()
    assert "份自评等你完成" not in page
