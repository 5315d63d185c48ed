import pytest

from learning.models import GoldenIdea, StudyLog
from tests.e2e.conftest import DESKTOP, PHONE, assert_accessible, login
from tests.factories import DepartmentFactory, manager_of, member_of
from tests.factories.learning import make_material

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def office(transactional_db):
    department = DepartmentFactory(name_zh="秘书一处")
    return {
        "staff": member_of(department, username="staff", display_name="王芳"),
        "manager": manager_of(department, username="manager", display_name="李志刚"),
        "material": make_material("会议通知发出后的“三看”", body="<p>一看收到没有，二看是否到会，三看有无遗漏。</p>"),
    }


@pytest.mark.parametrize(
    ("viewport", "language"), [(PHONE, "zh-hans"), (DESKTOP, "en")], ids=["phone-zh", "desktop-en"]
)
def test_staff_studies_a_material_writes_tonights_log_reloads_and_sees_the_streak(
    page, live_server, problems, office, viewport, language
):
    staff = office["staff"]
    staff.preferred_language = language
    staff.save()
    page.set_viewport_size(viewport)
    login(page, live_server, "staff")
    page.goto(f"{live_server.url}{office['material'].url}")
    assert_accessible(page, f"material-{language}")
    studied = "我学习了这份资料" if language == "zh-hans" else "I studied this"
    page.get_by_role("button", name=studied).click()
    page.wait_for_url(f"{live_server.url}/logs/today/")
    assert page.locator("input[name=materials]:checked").count() == 1

    page.fill("input[name=minutes]", "50")
    page.fill("textarea[name=insight]", "通知发出后回头看一遍，真的发现了一个漏发的单位。")
    page.wait_for_selector("[data-autosave-status][data-state=saved]")
    page.reload()
    assert page.input_value("textarea[name=insight]") == "通知发出后回头看一遍，真的发现了一个漏发的单位。"
    assert page.input_value("input[name=minutes]") == "50"
    assert_accessible(page, f"log-form-{language}")

    save = "保存学习记录" if language == "zh-hans" else "Save the log"
    page.get_by_role("button", name=save).click()
    page.wait_for_load_state("networkidle")
    log = StudyLog.objects.get(user=staff)
    assert (log.is_saved, log.minutes, log.draft) == (True, 50, None)
    assert list(log.materials.all()) == [office["material"]]
    streak = "1 个工作日" if language == "zh-hans" else "1 workday"
    assert streak in page.locator(".consistency").inner_text()
    assert_accessible(page, f"log-saved-{language}")
    page.goto(f"{live_server.url}/logs/how-it-works/")
    assert_accessible(page, f"log-explained-{language}")
    problems.assert_clean()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_staff_submits_a_golden_idea_and_the_manager_moves_it_to_under_study(
    page, live_server, problems, office, viewport
):
    page.set_viewport_size(viewport)
    login(page, live_server, "staff")
    page.goto(f"{live_server.url}/ideas/new/")
    assert_accessible(page, f"idea-form-{viewport['width']}")
    page.fill("input[name=title]", "通知回执一览")
    page.select_option("select[name=category]", "efficiency")
    page.fill("textarea[name=body]", "发出两小时后自动提示未回执单位，减少逐一打电话核实。")
    page.wait_for_selector("[data-autosave-status][data-state=saved]")
    page.reload()  # a tab closed or a phone locked mid-sentence: the draft is still there
    assert page.input_value("textarea[name=body]") == "发出两小时后自动提示未回执单位，减少逐一打电话核实。"
    assert page.input_value("select[name=category]") == "efficiency"
    page.get_by_role("button", name="提交金点子").click()
    page.wait_for_load_state("networkidle")
    idea = GoldenIdea.objects.get()
    assert page.url == f"{live_server.url}/ideas/{idea.pk}/?submitted=1"
    assert page.evaluate("Object.keys(localStorage)") == []
    page.goto(f"{live_server.url}/ideas/new/")
    assert page.input_value("input[name=title]") == ""

    page.context.clear_cookies()
    login(page, live_server, "manager")
    page.goto(f"{live_server.url}/team/ideas/")
    assert_accessible(page, f"team-ideas-{viewport['width']}")
    page.get_by_text("记录下一步").click()
    page.select_option(f"select[name=idea{idea.pk}-to_status]", "under_study")
    page.fill(f"textarea[name=idea{idea.pk}-note]", "想法很实在，下周例会讨论。")
    page.get_by_role("button", name="记录这一步").click()
    page.wait_for_load_state("networkidle")
    idea.refresh_from_db()
    assert idea.status == "under_study"

    page.context.clear_cookies()
    login(page, live_server, "staff")
    page.goto(f"{live_server.url}/ideas/{idea.pk}/")
    text = page.locator("main").inner_text()
    assert "研究中" in text and "想法很实在，下周例会讨论。" in text
    assert_accessible(page, f"idea-detail-{viewport['width']}")
    page.goto(f"{live_server.url}/ideas/")
    assert_accessible(page, f"idea-list-{viewport['width']}")
    problems.assert_clean()
