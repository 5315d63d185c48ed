import datetime
import html
import re
from pathlib import Path

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

import cms
from cms.models import HomePage, StandardPage
from learning.models import MaterialOpen, StudyLog, StudyMaterialPage
from tests.conftest import client_for
from tests.dashboards.conftest import history
from tests.factories.assessments import filled_assessment
from tests.factories.learning import StudyLogFactory, days_ago, make_material

pytestmark = pytest.mark.django_db

# The whole home page: session and user, the header, tonight's card, today's pick, the feed.
HOME_QUERIES = 30


def test_home_card_shows_tonight_the_week_and_waiting_assessments(cast, cycles):
    history(cast.staff, department=cast.department, cycles=cycles[:2])
    page = client_for(cast.staff).get("/").content.decode()
    assert "今晚还没有写日志" in page
    assert "本周：" in page and "连续学习" in page
    assert "有 1 份自评等你完成" in page


def test_home_card_after_submitting_waits_for_nothing(cast, cycles):
    history(cast.staff, department=cast.department, cycles=cycles)
    page = client_for(cast.staff).get("/").content.decode()
    assert "份自评等你完成" not in page


# --- The home page as a reading feed ------------------------------------------------------------------


def published(material, days_ago: int = 0):
    """Give a material a publication time (the factory makes live pages without one)."""
    when = timezone.now() - datetime.timedelta(days=days_ago)
    StudyMaterialPage.objects.filter(pk=material.pk).update(first_published_at=when)
    material.refresh_from_db()
    return material


def section(page: str, heading_id: str) -> str:
    match = re.search(rf'<section[^>]*aria-labelledby="{heading_id}".*?</section>', page, re.S)
    return match.group(0) if match else ""


def rated(person, cycle, low: dict[str, int]):
    """A submitted self-assessment rating every item 4 except those in ``low``."""
    return filled_assessment(person, cycle, rating=lambda item: low.get(item.code, 4), submit=True)


def test_todays_pick_is_a_material_for_the_item_rated_lowest_in_the_latest_self_assessment(cast, cycles):
    published(make_material("拟稿前的“三思”", codes=("CARELESS_DETAIL",)), days_ago=30)
    published(make_material("准快明", codes=("CARELESS_DOING",)), days_ago=1)
    rated(cast.staff, cycles[2], {"CARELESS_DETAIL": 2, "CARELESS_DOING": 3})
    pick = section(client_for(cast.staff).get("/").content.decode(), "pick-heading")
    assert "拟稿前的“三思”" in pick and "准快明" not in pick
    assert "你在最近一期自评中给“对细节不太在意”打了 2 分（满分 5 分）" in pick


def test_todays_pick_skips_to_the_next_lowest_item_when_the_lowest_has_no_material(cast, cycles):
    published(make_material("准快明", codes=("CARELESS_DOING",)))
    published(make_material("以“四看”为镜", codes=("LOOK_SELF",)))
    rated(cast.staff, cycles[2], {"MODEST_RANK": 1, "CARELESS_DOING": 2})
    pick = section(client_for(cast.staff).get("/").content.decode(), "pick-heading")
    assert "准快明" in pick and "“对做事不太在意”打了 2 分" in pick


def test_todays_pick_prefers_a_material_not_yet_on_a_log(cast, cycles):
    first = published(make_material("拟稿前的“三思”", codes=("CARELESS_DETAIL",)))
    published(make_material("零失误、零差错", codes=("CARELESS_DETAIL",)))
    StudyLogFactory(user=cast.staff, date=days_ago(1)).materials.add(first)
    rated(cast.staff, cycles[2], {"CARELESS_DETAIL": 2})
    for day in range(3):  # whatever the day
        with time_machine.travel(timezone.now() + datetime.timedelta(days=day)):
            pick = section(client_for(cast.staff).get("/").content.decode(), "pick-heading")
        assert "零失误、零差错" in pick


def test_without_a_submitted_self_assessment_todays_pick_is_the_newest_material(cast, cycles):
    published(make_material("拟稿前的“三思”"), days_ago=5)
    published(make_material("准快明", codes=("CARELESS_DOING",)), days_ago=1)
    filled_assessment(cast.staff, cycles[2], rating=1)  # a draft does not count
    pick = section(client_for(cast.staff).get("/").content.decode(), "pick-heading")
    assert "准快明" in pick and "资料库里最新的一份资料。" in pick


def test_opening_a_material_writes_nothing_until_the_page_sends_its_beacon(cast):
    material = published(make_material("会议通知发出后的“三看”"))
    client = client_for(cast.staff)
    page = client.get(material.url).content.decode()
    assert MaterialOpen.objects.count() == 0
    assert f'action="/materials/{material.pk}/opened/" data-material-opened hidden>' in page
    assert "/static/learning/material-opened.js" in page
    assert client.post(f"/materials/{material.pk}/opened/").status_code == 204
    assert client.post(f"/materials/{material.pk}/opened/").status_code == 204  # again: still one row
    assert list(MaterialOpen.objects.values_list("user", "page")) == [(cast.staff.pk, material.pk)]


def test_the_beacon_needs_a_post_a_live_page_and_a_signed_in_person(cast):
    draft = make_material("草稿", live=False)
    client = client_for(cast.staff)
    assert client.get(f"/materials/{draft.pk}/opened/").status_code == 405
    assert client.post(f"/materials/{draft.pk}/opened/").status_code == 404
    assert client.post("/materials/99999999999999999999/opened/").status_code == 404
    assert Client().post(f"/materials/{draft.pk}/opened/").status_code == 302
    assert MaterialOpen.objects.count() == 0


def test_continue_lists_opened_materials_until_they_are_studied(cast):
    opened = published(make_material("会议通知发出后的“三看”", codes=("CARELESS_DETAIL",)))
    published(make_material("准快明", codes=("CARELESS_DOING",)))
    client = client_for(cast.staff)
    client.post(f"/materials/{opened.pk}/opened/")
    client_for(cast.staff2).post(f"/materials/{opened.pk}/opened/")
    assert "会议通知发出后的“三看”" in section(client.get("/").content.decode(), "continue-heading")
    assert "准快明" not in section(client.get("/").content.decode(), "continue-heading")

    client.post(f"/logs/today/materials/{opened.pk}/")  # "I studied this"
    after = section(client.get("/").content.decode(), "continue-heading")
    assert "会议通知发出后的“三看”" not in after and "你打开过的资料会出现在这里" in after
    # Someone else's opening is theirs alone.
    assert "会议通知发出后的“三看”" in section(client_for(cast.staff2).get("/").content.decode(), "continue-heading")


def test_new_this_week_lists_the_last_seven_days_else_the_newest(cast):
    published(make_material("三个三分之二"), days_ago=20)
    published(make_material("准快明"), days_ago=3)
    page = client_for(cast.staff).get("/").content.decode()
    new = section(page, "new-heading")
    assert "本周新资料" in new and "准快明" in new and "三个三分之二" not in new
    with time_machine.travel(timezone.now() + datetime.timedelta(days=10)):
        new = section(client_for(cast.staff).get("/").content.decode(), "new-heading")
    assert "最新资料" in new and "准快明" in new and "三个三分之二" in new


def test_topics_link_into_the_library_filtered_by_topic(cast):
    make_material("拟稿前的“三思”", topics=("周到细致", "文稿"))
    make_material("会议通知发出后的“三看”", topics=("周到细致",))
    make_material("草稿", topics=("只在草稿里",), live=False)
    topics = section(client_for(cast.staff).get("/").content.decode(), "topics-heading")
    links = re.findall(r'href="([^"]+)">([^<]+) <span class="topic__count">(\d+)</span>', topics)
    assert [(name.strip(), count) for _href, name, count in links] == [("周到细致", "2"), ("文稿", "1")]
    index = client_for(cast.staff).get(html.unescape(links[0][0])).content.decode()
    assert "拟稿前的“三思”" in index and "会议通知发出后的“三看”" in index


def test_the_home_page_keeps_the_today_card_announcements_and_the_prompt(cast):
    home = HomePage.objects.get()
    home.daily_prompts = "今天我向谁学到了什么？"
    home.announcements = [("announcement", {"title": "第六期自评已开放", "text": "请按时完成。", "date": days_ago(1)})]
    home.save()
    page = client_for(cast.staff).get("/").content.decode()
    assert "王芳，晚上好" in page or "王芳，晚上好" in page
    assert "今天我向谁学到了什么？" in page and "第六期自评已开放" in page


def test_the_home_page_kept_with_the_site_shows_an_edit_and_routes_to_a_new_page(cast):
    client = client_for(cast.staff)
    assert client.get("/").status_code == 200  # the site is kept, with its home page
    home = HomePage.objects.get()
    home.intro = "<p>本周重点：会议纪要</p>"
    home.save_revision().publish()
    assert "本周重点：会议纪要" in client.get("/").content.decode()
    home.add_child(instance=StandardPage(title="办公室守则", slug="rules", summary="守则"))
    assert "办公室守则" in client.get("/rules/").content.decode()


def test_cms_imports_no_other_app():
    sources = [path.read_text() for path in Path(cms.__file__).parent.rglob("*.py") if "migrations" not in path.parts]
    imports = [line for text in sources for line in text.splitlines() if re.match(r"\s*(from|import) ", line)]
    assert [line for line in imports if re.search(r"\b(learning|assessments|portal)\b", line)] == []


def office_of(cast, cycles, size: int) -> None:
    """``size`` materials, half of them opened, some studied, and a history of logs as long as ``size`` days."""
    history(cast.staff, department=cast.department, cycles=cycles[:2], months=max(1, size // 10))
    for n in range(size):
        material = published(
            make_material(f"资料{n}", codes=("CARELESS_DETAIL", "LOOK_SELF"), topics=(f"主题{n}", "周到细致")), n
        )
        if n % 2:
            MaterialOpen.objects.create(user=cast.staff, page=material)
        if n % 4 == 3:
            StudyLog.objects.get(user=cast.staff, date=days_ago(n + 1)).materials.add(material)


@pytest.mark.parametrize("size", [3, 30])
def test_the_home_page_costs_the_same_queries_whatever_the_library_and_history(
    cast, cycles, size, django_assert_max_num_queries
):
    office_of(cast, cycles, size)
    client = client_for(cast.staff)
    client.get("/")
    with django_assert_max_num_queries(HOME_QUERIES):
        page = client.get("/").content.decode()
    assert section(page, "pick-heading") and section(page, "continue-heading").count("feed-card") >= 1
