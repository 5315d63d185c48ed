import pytest

from assessments.models import SelfAssessment
from portal.models import User
from tests.e2e.conftest import DESKTOP, PHONE, assert_accessible, log_out, login
from tests.factories import DepartmentFactory, manager_of, member_of
from tests.factories.assessments import open_cycle

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
REFLECTION = "这一期向处里的老同志学习办文的严谨，核对数字还要更细一些。"


@pytest.fixture
def office(transactional_db):
    department = DepartmentFactory(name_zh="秘书一处", name_en="First Secretariat Division")
    staff = member_of(department, username="staff", display_name="王芳", preferred_language="en")
    manager = manager_of(department, username="manager", display_name="李志刚", preferred_language="en")
    return staff, manager, open_cycle()


def _fill_step(page, rating: str | None, note: str | None) -> None:
    for item in page.locator("fieldset.item").all():
        if rating:
            item.locator(f"label.rating__option:has(input[value='{rating}'])").click()
        if note:
            item.locator("textarea").fill(note)


def test_staff_fills_reloads_submits_manager_reviews_staff_sees_gap(page, live_server, problems, office):
    staff, manager, cycle = office
    login(page, live_server, "staff")
    page.goto(f"{live_server.url}/assessments/")
    assert_accessible(page, "assessments-list-en")
    page.get_by_role("button", name="Start").click()
    _fill_step(page, "4", None)
    assert_accessible(page, "assessment-step1-en")
    page.get_by_role("button", name="Save and continue").click()
    _fill_step(page, None, REFLECTION)
    page.wait_for_selector("[data-autosave-status][data-state=saved]")
    page.reload()  # mid-way: the autosaved reflections are back
    assert page.locator("fieldset.item textarea").first.input_value() == REFLECTION
    page.get_by_role("button", name="Save and continue").click()
    _fill_step(page, "3", None)
    page.get_by_role("button", name="Save and continue").click()
    page.get_by_label("Change 1").fill("每份材料发出前按三看再核一遍")
    page.get_by_role("button", name="Save and continue").click()
    page.get_by_role("button", name="Save and continue").click()  # nothing to look back on yet
    assert_accessible(page, "assessment-review-step-en")
    page.get_by_role("button", name="Submit my self-assessment").click()
    page.wait_for_load_state("networkidle")
    assert "Submitted. Thank you" in page.content()
    assessment = SelfAssessment.objects.get(user=staff)
    assert assessment.is_submitted and assessment.answers.exclude(rating=None).count() == 11

    log_out(page)
    login(page, live_server, "manager")
    page.goto(f"{live_server.url}/assessments/{assessment.pk}/review/")
    page.locator("fieldset.rating").first.locator("label:has(input[value='2'])").click()
    page.get_by_label("Overall comment").fill("细节上很用心，协调工作可以再主动一些。")
    assert_accessible(page, "assessment-manager-review-en")
    page.get_by_role("button", name="Save review").click()
    page.wait_for_load_state("networkidle")

    log_out(page)
    login(page, live_server, "staff")
    page.goto(f"{live_server.url}/assessments/{assessment.pk}/")
    assert "细节上很用心" in page.content()
    assert page.locator("td", has_text="+2").count() == 1
    problems.assert_clean()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_assessment_pages_are_accessible(page, live_server, problems, office, viewport, language):
    staff, _manager, cycle = office
    User.objects.filter(pk=staff.pk).update(preferred_language=language)
    page.set_viewport_size(viewport)
    login(page, live_server, "staff")
    page.goto(f"{live_server.url}/assessments/")
    assert_accessible(page, f"assessments-list-{language}-{viewport['width']}")
    page.locator("form[action*='/start/'] button").click()
    page.wait_for_load_state("networkidle")
    assert_accessible(page, f"assessment-step1-{language}-{viewport['width']}")
    page.goto(page.url.split("?")[0] + "?step=2")
    assert_accessible(page, f"assessment-step2-{language}-{viewport['width']}")
    problems.assert_clean()
