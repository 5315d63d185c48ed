import datetime

import pytest
from django.utils import timezone

from portal.models import Role
from tests.dashboards.conftest import history
from tests.e2e.conftest import PHONE, assert_accessible, draw_charts, login
from tests.factories import DepartmentFactory, UserFactory, manager_of, member_of
from tests.factories.assessments import open_cycle
from tests.factories.learning import GoldenIdeaFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
PERSONAL = ("radar-seven_careless", "weekly-minutes")  # plotly
PERSONAL_HTML = ("item-trend-seven_careless", "item-trend-four_modesties")  # small multiples in HTML and SVG


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
        assert draw_charts(page, f'[data-chart="{name}"]') == 1
        assert page.locator(f'[data-chart="{name}"] .main-svg').count() >= 1


def fits(page, selector: str) -> None:
    """Nothing of the chart sticks out of the page; anything wide scrolls inside its own frame."""
    box = page.locator(selector).first.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= page.viewport_size["width"] + 1
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_staff_sees_every_personal_chart_in_both_languages(page, live_server, problems, office, language):
    login(page, live_server, "staff")
    if language == "en":
        page.get_by_role("button", name="English").click()
        page.wait_for_load_state("networkidle")
    page.goto(f"{live_server.url}/me/")
    charts_drawn(page, PERSONAL)
    for name in PERSONAL_HTML:
        assert page.locator(f'[data-chart="{name}"] .multiples__panel').count() >= 4
    assert page.locator(".score-card").count() == 3
    assert page.locator("html").get_attribute("lang") == ("zh-Hans" if language == "zh-hans" else "en")
    assert_accessible(page, f"me-{language}")
    page.set_viewport_size(PHONE)
    page.reload()
    charts_drawn(page, PERSONAL)
    fits(page, '[data-chart="radar-seven_careless"] .main-svg')
    assert_accessible(page, f"me-{language}-phone")
    problems.assert_clean()


def test_a_chart_is_drawn_when_scrolled_to(page, live_server, problems, office):
    """plotly.js waits until a chart comes near the screen; each chart's summary and numbers are there at once."""
    page.set_viewport_size({"width": 375, "height": 480})
    login(page, live_server, "staff")
    page.goto(f"{live_server.url}/me/")
    page.wait_for_load_state("networkidle")
    assert page.evaluate("typeof window.Plotly") == "undefined"
    assert page.locator(".chart__plot[data-rendered]").count() == 0
    for name in PERSONAL:
        assert page.locator(f'[data-chart="{name}"] .chart__summary').inner_text().strip()
        assert page.locator(f'[data-chart="{name}"] details.chart__data tbody tr').count() >= 1
    plots = page.locator(".chart__plot")
    kept_free = [plot.bounding_box()["height"] for plot in plots.all()]
    charts_drawn(page, PERSONAL)
    assert [plot.bounding_box()["height"] for plot in plots.all()] == kept_free  # nothing below jumps
    assert page.locator('script[src*="plotly"]').count() == 1  # loaded once, for every chart of the page
    problems.assert_clean()


def test_manager_sees_the_team_and_opens_a_member(page, live_server, problems, office):
    login(page, live_server, "manager")
    page.goto(f"{live_server.url}/team/")
    assert page.locator('[data-chart="team-minutes"] .bars__row').count() == 3
    assert page.locator('script[src*="plotly"]').count() == 0  # no plotly.js on a page that draws none
    assert page.locator(".heat-frame--wide td.heat").count() >= 3 * 11  # 3 people, every rated item, 四看 included
    assert page.get_by_role("heading", name="可能需要谈心的同事").is_visible()
    assert_accessible(page, "team")
    page.locator('a[href^="/team/members/"]', has_text="赵磊").first.click()  # the inbox's 赵磊 opens a review
    page.wait_for_load_state("networkidle")
    charts_drawn(page, ("radar-seven_careless",))
    assert page.get_by_role("heading", name="赵磊已提交的自评").is_visible()  # third person, never 我的
    assert_accessible(page, "team-member")
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/team/")
    assert page.locator(".heat-frame--tall").is_visible() and not page.locator(".heat-frame--wide").is_visible()
    fits(page, '[data-chart="team-heatmap"]')
    assert_accessible(page, "team-phone")
    problems.assert_clean()


def test_office_leader_sees_departments_side_by_side(page, live_server, problems, office):
    UserFactory(username="leader", display_name="陈建华", roles=[Role.OFFICE_LEADER])
    login(page, live_server, "leader")
    page.goto(f"{live_server.url}/org/")
    assert page.locator('[data-chart="org-heatmap"] td.heat').count() >= 3
    assert page.locator('[data-chart="org-trend"] .multiples__panel').count() == 3  # one small chart a framework
    assert page.locator('script[src*="plotly"]').count() == 0
    assert page.get_by_role("rowheader", name="秘书一处").first.is_visible()
    assert_accessible(page, "org")
    problems.assert_clean()
