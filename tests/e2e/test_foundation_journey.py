import pytest

from tests.e2e.conftest import DESKTOP, PHONE, assert_accessible, login, open_menu, open_user_menu
from tests.factories import DepartmentFactory, member_of

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def staff(transactional_db):
    return member_of(DepartmentFactory(name_zh="秘书一处"), username="staff", display_name="王芳")


def test_anonymous_visitor_is_sent_to_the_login_page(page, live_server, problems):
    page.goto(f"{live_server.url}/")
    assert page.url.startswith(f"{live_server.url}/accounts/login/?next=/")
    assert page.locator("html").get_attribute("lang") == "zh-Hans"
    assert_accessible(page, "login")
    problems.assert_clean()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_staff_logs_in_sees_chinese_home_and_switches_to_english(page, live_server, problems, staff, viewport):
    page.set_viewport_size(viewport)
    login(page, live_server, "staff")
    assert page.url == f"{live_server.url}/"
    assert page.locator("html").get_attribute("lang") == "zh-Hans"
    assert page.get_by_role("heading", level=1).inner_text() == "干部职工成长平台"
    open_user_menu(page)
    assert page.get_by_role("button", name="退出").is_visible()
    assert_accessible(page, f"home-zh-{viewport['width']}")

    open_menu(page)
    page.get_by_role("button", name="English").click()
    page.wait_for_load_state("networkidle")
    assert page.locator("html").get_attribute("lang") == "en"
    open_user_menu(page)
    assert page.get_by_role("button", name="Log out").is_visible()
    assert_accessible(page, f"home-en-{viewport['width']}")
    staff.refresh_from_db()
    assert staff.preferred_language == "en"
    problems.assert_clean()
