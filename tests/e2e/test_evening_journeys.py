"""The evening routine in a real browser, at 375 px, in both languages: log tonight with the chips and the
picker (timed by keyboard and by touch), back-fill a missed day from the calendar, turn reminders off."""

import datetime
import time

import pytest

from learning.models import StudyLog
from portal.models import User
from tests.e2e.conftest import PHONE, PageProblems, assert_accessible, login, open_user_menu
from tests.factories import DepartmentFactory, member_of
from tests.factories.learning import make_material

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
INSIGHT = "通知发出后回头看一遍，发现了一个漏发的单位。"
TIMINGS: dict[str, float] = {}
WORDS = {
    "zh-hans": {"chip": "30 分钟", "search": "按标题搜索学习资料", "save": "保存学习记录",
                "saved": "今晚的学习记录已保存",
                "refused": "请填写 0 到 600 之间的整数分钟数。", "settings": "保存我的设置",
                "reminders": "晚上还没写学习记录时提醒我", "reminders_off": "学习提醒（关闭）"},
    "en": {"chip": "30 min", "search": "Search the materials by title", "save": "Save the log",
           "saved": "Tonight's log is saved.", "refused": "Enter the minutes as a whole number from 0 to 600.",
           "settings": "Save my settings", "reminders": "Remind me in the evening when I have not written my study log",
           "reminders_off": "study reminders (off)"},
}  # fmt: skip


@pytest.fixture
def office(transactional_db):
    department = DepartmentFactory(name_zh="秘书一处")
    staff = member_of(department, username="staff", display_name="王芳")
    make_material("会议纪要怎么写")
    return {"staff": staff, "material": make_material("拟稿前的“三思”")}


def _as(staff: User, language: str) -> None:
    staff.preferred_language = language
    staff.save()


def _staff_on_a_phone(page, live_server, office, language: str) -> None:
    """王芳 in ``language``, signed in on a 375 px screen."""
    _as(office["staff"], language)
    page.set_viewport_size(PHONE)
    login(page, live_server, "staff")


def _log_tonight(page, live_server, language: str, *, touch: bool) -> float:
    """Fill tonight's log with a chip, the insight and one material found by search, save; return the seconds."""
    words = WORDS[language]
    page.goto(f"{live_server.url}/logs/today/")
    page.wait_for_selector("[data-chips-for]:not([hidden])")
    started = time.perf_counter()
    if touch:
        page.get_by_role("button", name=words["chip"]).tap()
        page.locator("textarea[name=insight]").tap()
        page.keyboard.insert_text(INSIGHT)
        page.get_by_label(words["search"]).tap()
        page.keyboard.insert_text("三思")
        page.locator("label", has_text="拟稿前的“三思”").tap()
        page.get_by_role("button", name=words["save"]).tap()
    else:
        page.get_by_role("button", name=words["chip"]).focus()
        page.keyboard.press("Enter")
        page.locator("textarea[name=insight]").focus()
        page.keyboard.insert_text(INSIGHT)
        page.get_by_label(words["search"]).focus()
        page.keyboard.type("三思")
        page.keyboard.press("Enter")
        page.wait_for_selector("label:has-text('拟稿前的“三思”')")
        page.focus("#" + page.locator("label", has_text="拟稿前的“三思”").get_attribute("for"))
        page.keyboard.press("Space")
        page.get_by_role("button", name=words["save"]).focus()
        page.keyboard.press("Enter")
    page.wait_for_selector(".message--success")
    return time.perf_counter() - started


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_tonights_log_by_keyboard_with_chips_and_the_picker(page, live_server, problems, office, language):
    _staff_on_a_phone(page, live_server, office, language)
    page.goto(f"{live_server.url}/logs/today/")
    assert_accessible(page, f"evening-log-form-{language}")
    # A refused value is named beside its field, never reported as saved.
    page.fill("input[name=minutes]", "601")
    refusal = page.locator("[data-field-state=minutes][data-state=invalid]")
    refusal.wait_for()
    assert WORDS[language]["refused"] in refusal.inner_text()
    seconds = _log_tonight(page, live_server, language, touch=False)
    TIMINGS[f"keyboard-{language}"] = seconds
    print(f"\nkeyboard, {language}: tonight's log in {seconds:.1f} s")
    assert WORDS[language]["saved"] in page.locator(".messages").inner_text()
    log = StudyLog.objects.get(user=office["staff"])
    assert (log.is_saved, log.minutes, log.insight) == (True, 30, INSIGHT)
    assert [m.title for m in log.materials.all()] == ["拟稿前的“三思”"]
    assert seconds < 30
    problems.assert_clean()


def test_tonights_log_by_touch_on_a_phone(browser, live_server, office):
    _as(office["staff"], "zh-hans")
    context = browser.new_context(
        viewport=PHONE, has_touch=True, is_mobile=True, locale="zh-CN", timezone_id="Asia/Shanghai"
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    problems = PageProblems(page, live_server.url)
    login(page, live_server, "staff")
    seconds = _log_tonight(page, live_server, "zh-hans", touch=True)
    TIMINGS["touch-zh-hans"] = seconds
    print(f"\ntouch, zh-hans: tonight's log in {seconds:.1f} s")
    log = StudyLog.objects.get(user=office["staff"])
    assert (log.minutes, [m.title for m in log.materials.all()]) == (30, ["拟稿前的“三思”"])
    assert seconds < 30
    problems.assert_clean()
    context.close()


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_a_missed_workday_is_back_filled_from_the_calendar(page, live_server, problems, office, language):
    _staff_on_a_phone(page, live_server, office, language)
    page.goto(f"{live_server.url}/logs/")
    assert_accessible(page, f"evening-calendar-{language}")
    missed = page.locator(".day--fillable a").first  # the month's view first, then the year's
    href = missed.get_attribute("href")
    day = datetime.date.fromisoformat(href.strip("/").split("/")[-1])
    missed.click()
    page.wait_for_url(f"{live_server.url}{href}")
    page.fill("input[name=minutes]", "40")
    page.fill("textarea[name=insight]", "补记：这天学了公文格式，标题层级要统一。")
    page.get_by_role("button", name=WORDS[language]["save"]).click()
    page.wait_for_selector(".message--success")
    named = f"{day.month}月{day.day}日的学习记录已保存" if language == "zh-hans" else f"Log for {day.day} "
    assert named in page.locator(".messages").inner_text()
    assert StudyLog.objects.saved().filter(user=office["staff"], date=day, minutes=40).exists()
    page.goto(f"{live_server.url}/logs/")
    assert "day--saved" in page.locator(f"a[href='{href}']").first.evaluate("a => a.parentElement.className")
    problems.assert_clean()


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_reminders_are_turned_off_in_my_settings(page, live_server, problems, office, language):
    _staff_on_a_phone(page, live_server, office, language)
    page.goto(f"{live_server.url}/")
    open_user_menu(page)
    page.locator("details.user-menu a[href='/me/settings/']").click()
    page.wait_for_url(f"{live_server.url}/me/settings/")
    assert_accessible(page, f"evening-settings-{language}")
    page.get_by_label(WORDS[language]["reminders"]).uncheck()
    page.get_by_role("button", name=WORDS[language]["settings"]).click()
    page.wait_for_selector(".message--success")
    assert WORDS[language]["reminders_off"] in page.locator(".messages").inner_text()
    assert User.objects.get(pk=office["staff"].pk).reminders_enabled is False
    page.goto(f"{live_server.url}/notices/")
    assert_accessible(page, f"evening-notices-{language}")
    problems.assert_clean()


@pytest.fixture(autouse=True, scope="module")
def _report_timings():
    yield
    if TIMINGS:
        print("\nlogging tonight:", ", ".join(f"{k} {v:.1f} s" for k, v in sorted(TIMINGS.items())))
