"""Finding and studying a material from the home page, on a phone, in both languages."""

import time

import pytest
from django.utils import timezone

from learning.models import MaterialOpen, StudyLog, StudyMaterialPage
from tests.e2e.conftest import DESKTOP, PHONE, assert_accessible, login, open_menu
from tests.factories import DepartmentFactory, member_of
from tests.factories.learning import make_material

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
TITLE = "会议通知发出后的“三看”"


@pytest.fixture
def office(transactional_db):
    staff = member_of(DepartmentFactory(name_zh="秘书一处"), username="staff", display_name="王芳")
    material = make_material(TITLE, body="<p>一看收到没有，二看是否到会，三看有无遗漏。</p>", topics=("周到细致",))
    make_material("准、快、明", codes=("CARELESS_DOING",), topics=("效率",))
    StudyMaterialPage.objects.update(first_published_at=timezone.now())
    return staff, material


def wait_for(condition, seconds: float = 10) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.1)


@pytest.mark.parametrize(
    ("viewport", "language"),
    [(PHONE, "zh-hans"), (PHONE, "en"), (DESKTOP, "zh-hans")],
    ids=["phone-zh", "phone-en", "desktop-zh"],
)
def test_staff_find_a_material_by_search_and_by_the_feed_and_study_it(
    page, live_server, problems, office, viewport, language
):
    staff, material = office
    staff.preferred_language = language
    staff.save()
    page.set_viewport_size(viewport)
    login(page, live_server, "staff")
    width = viewport["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert_accessible(page, f"home-feed-{language}-{width}")
    if width == PHONE["width"]:
        open_menu(page)
        assert_accessible(page, f"home-menu-open-{language}-{width}")
        study = "学习" if language == "zh-hans" else "Study"
        assert page.get_by_role("navigation").get_by_role("link", name=study, exact=True).is_visible()

    # The header search: 细节 is in the title of the item the material helps with.
    page.fill("#header-search-q", "细节")
    page.press("#header-search-q", "Enter")
    page.wait_for_load_state("networkidle")
    assert page.url.startswith(f"{live_server.url}/search/?q=")
    result = page.locator(".search-result").first
    assert result.locator("mark").first.inner_text() == "细节"
    assert_accessible(page, f"search-{language}-{width}")
    result.get_by_role("link", name=TITLE).click()
    page.wait_for_load_state("networkidle")
    wait_for(lambda: MaterialOpen.objects.filter(user=staff, page=material).exists())

    # The feed: the opened material waits under "continue".
    page.goto(f"{live_server.url}/")
    continue_heading = "继续学习" if language == "zh-hans" else "Continue"
    feed = page.locator("section", has=page.get_by_role("heading", name=continue_heading))
    feed.get_by_role("link", name=TITLE).click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_role("heading", level=1).inner_text() == TITLE
    assert_accessible(page, f"material-{language}-{width}")

    studied = "我学习了这份资料" if language == "zh-hans" else "I studied this"
    page.get_by_role("button", name=studied).click()
    page.wait_for_url(f"{live_server.url}/logs/today/")
    log = StudyLog.objects.get(user=staff)
    assert list(log.materials.all()) == [material]
    assert TITLE in page.content().replace("&ldquo;", "“").replace("&rdquo;", "”")
    assert page.locator(f"input[name=materials][value='{material.pk}']").is_checked()

    # Studied: it leaves "continue".
    page.goto(f"{live_server.url}/")
    assert feed.get_by_role("link", name=TITLE).count() == 0
    problems.assert_clean()
