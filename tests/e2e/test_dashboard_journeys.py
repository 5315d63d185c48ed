import datetime

import pytest
from django.utils import timezone

from portal.models import Role
from tests.dashboards.conftest import history
from tests.e2e.conftest import PHONE, assert_accessible, login
from tests.factories import DepartmentFactory, UserFactory, manager_of, member_of
from tests.factories.assessments import open_cycle
from tests.factories.learning import GoldenIdeaFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
PERSONAL = ("growth-radar", "framework-trend", "item-trend-seven_careless", "weekly-minutes", "year-calendar")


@pytest.fixture
def office(transactional_db):
    department = DepartmentFactory(name_zh="秘书一处", name_en="First Secretariat Division")
    today = timezone.localdate()
    cycles = [
        open_cycle(opens_on=today - datetime.timedelta(days=70), closes_on=today - datetime.timedelta(days=30)),
        open_cycle(opens_on=today - datetime.timedelta(days=5)),
    ]
    people = [
        member_of(department, username="staff", display_name="王芳<img src=x onerror=alert(1)>"),
        member_of(department, username="staff2", display_name="赵磊"),
        member_of(department, username="staff3", display_name="刘洋"),
    ]
    for n, person in enumerate(people):
        history(person, department=department, cycles=cycles, ratings=(3, 4 - n), months=2)
    GoldenIdeaFactory(author=people[0], title="<script>alert('idea')</script>会议通知回执")
    manager_of(department, username="manager", display_name="李志刚")
    return people


def charts_drawn(page, names) -> None:
    for name in names:
        page.wait_for_selector(f'[data-chart="{name}"] .chart__plot[data-rendered="true"]', timeout=15_000)
        assert page.locator(f'[data-chart="{name}"] .main-svg').count() >= 1


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_staff_sees_every_personal_chart_in_both_languages(page, live_server, problems, office, language):
    login(page, live_server, "staff")
    if language == "en":
        page.get_by_role("button", name="English").click()
        page.wait_for_load_state("networkidle")
    page.goto(f"{live_server.url}/me/")
    charts_drawn(page, PERSONAL)
    assert page.locator("html").get_attribute("lang") == ("zh-Hans" if language == "zh-hans" else "en")
    assert_accessible(page, f"me-{language}")
    page.set_viewport_size(PHONE)
    page.reload()
    charts_drawn(page, PERSONAL)
    assert_accessible(page, f"me-{language}-phone")
    problems.assert_clean()


def test_manager_sees_the_team_and_opens_a_member(page, live_server, problems, office):
    login(page, live_server, "manager")
    page.goto(f"{live_server.url}/team/")
    charts_drawn(page, ("team-heatmap", "team-minutes"))
    assert page.get_by_role("heading", name="可能需要谈心的同事").is_visible()
    assert_accessible(page, "team")
    page.get_by_role("link", name="赵磊").first.click()
    page.wait_for_load_state("networkidle")
    charts_drawn(page, ("growth-radar",))
    assert_accessible(page, "team-member")
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/team/")
    charts_drawn(page, ("team-heatmap",))
    assert_accessible(page, "team-phone")
    problems.assert_clean()


def test_office_leader_sees_departments_side_by_side(page, live_server, problems, office):
    UserFactory(username="leader", display_name="陈建华", roles=[Role.OFFICE_LEADER])
    login(page, live_server, "leader")
    page.goto(f"{live_server.url}/org/")
    charts_drawn(page, ("org-heatmap",))
    assert (
        page.get_by_role("cell", name="秘书一处").is_visible()
        or page.get_by_role("rowheader", name="秘书一处").is_visible()
    )
    assert_accessible(page, "org")
    problems.assert_clean()
