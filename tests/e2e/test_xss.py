"""Every XSS payload planted at once in the office's free text; each persona walks every place that shows it.

A payload that ran would open a dialog or set ``window.__xss``; one blocked by the Content-Security-
Policy would log a console error. Charts are drawn and hovered, so plotly's label markup is exercised.
"""

import pytest

from tests.e2e.conftest import draw_charts, login
from tests.security.xss_payloads import XSS_PAYLOADS
from tests.security.xss_world import World, plant

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def world(cast, cycles) -> World:
    return plant(XSS_PAYLOADS, cast=cast, cycles=cycles)


def places(world: World, persona: str, cycles) -> list[str]:
    reopened, submitted, idea = world.reopened.pk, world.submitted.pk, world.idea.pk
    return {
        "staff": [
            "/", "/me/", f"/me/summary/{world.read_only_day.year}/", "/me/viewed-by/", "/logs/",
            f"/logs/{world.editable_day}/", f"/logs/{world.read_only_day}/", "/ideas/", f"/ideas/{idea}/",
            "/assessments/", f"/assessments/{submitted}/", f"/assessments/{reopened}/?step=1",
            f"/assessments/{reopened}/?step=4", world.material.url, "/search/?q=%3Cscript%3Ealert(1)%3C/script%3E",
        ],
        "manager": [
            "/team/", f"/team/?cycle={cycles[1].pk}", f"/team/members/{world.staff.pk}/", "/team/ideas/",
            f"/ideas/{idea}/", f"/assessments/{submitted}/review/",
        ],
        "leader": ["/org/", f"/org/?cycle={cycles[1].pk}", "/team/ideas/"],
        "admin": [
            "/admin/users/", "/admin/snippets/portal/department/", "/admin/snippets/assessments/framework/",
            f"/admin/snippets/assessments/framework/edit/{cycles[1].frameworks.first().pk}/",
            f"/admin/accounts/{world.staff.pk}/anonymise/", "/admin/reports/record-views/",
        ],
    }[persona]  # fmt: skip


def visit(page, url: str) -> None:
    page.goto(url)
    page.wait_for_load_state("networkidle")
    if draw_charts(page):
        for plot in page.locator(".chart__plot").all():
            plot.hover()
    assert page.evaluate("typeof window.__xss") == "undefined", f"a payload ran on {url}"


@pytest.mark.parametrize("persona", ["staff", "manager", "leader", "admin"])
def test_no_payload_runs_anywhere_a_persona_looks(page, live_server, problems, world, cycles, persona):
    login(page, live_server, persona)
    for url in places(world, persona, cycles):
        visit(page, f"{live_server.url}{url}")
    problems.assert_clean()
