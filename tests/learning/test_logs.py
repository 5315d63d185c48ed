import datetime

import pytest
from django.utils import timezone, translation
from django.utils.html import escape

from learning.forms import ERROR_INSIGHT_REQUIRED, ERROR_INSIGHT_TOO_LONG, ERROR_MINUTES, INSIGHT_LIMIT
from learning.models import StudyLog
from learning.views import MESSAGE_SAVED, MESSAGE_SAVED_ON, NUDGE_BACKFILL, NUDGE_COPIED
from tests.conftest import client_for
from tests.factories.learning import StudyLogFactory, days_ago, make_material

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def evening(time_machine):
    time_machine.move_to(datetime.datetime(2026, 11, 25, 21, 30, tzinfo=datetime.UTC), tick=False)


def zh(message, **values) -> str:
    with translation.override("zh-hans"):
        return escape(str(message % values if values else message))


def form(**overrides):
    data = {"version": "0", "minutes": "45", "insight": "今天体会到“三看”能发现遗漏。", "sources": "", "items": []}
    data.update(overrides)
    return data


def test_tonights_log_is_saved_once_with_the_person_and_local_date(cast):
    # 21:30 UTC is already 05:30 the next morning in Shanghai: the local date decides.
    client = client_for(cast.staff)
    response = client.post("/logs/today/", form(items=["CARELESS_DETAIL"], share_insight="on"))
    assert response.status_code == 302
    log = StudyLog.objects.get(user=cast.staff)
    assert log.date == datetime.date(2026, 11, 26) == timezone.localdate()
    assert (log.minutes, log.items, log.share_insight, log.is_saved, log.draft) == (
        45, ["CARELESS_DETAIL"], True, True, None,
    )  # fmt: skip
    page = client.get(response["Location"])
    assert zh(MESSAGE_SAVED) in page.content.decode()
    assert 'name="autosave-clear"' in page.content.decode()


def test_bad_input_is_explained_in_chinese_and_what_was_typed_is_kept(cast):
    response = client_for(cast.staff).post("/logs/today/", form(minutes="700", insight=""))
    text = response.content.decode()
    assert response.status_code == 200
    assert zh(ERROR_MINUTES) in text
    assert zh(ERROR_INSIGHT_REQUIRED) in text
    assert "请填写 0 到 600 之间的整数分钟数。" in text
    assert 'value="700"' in text
    assert not StudyLog.objects.exists()


def test_bad_input_is_explained_in_english_for_an_english_reader(cast):
    cast.staff.preferred_language = "en"
    cast.staff.save()
    response = client_for(cast.staff).post("/logs/today/", form(minutes="abc"))
    assert "Enter the minutes as a whole number from 0 to 600." in response.content.decode()
    assert response.headers["Content-Language"] == "en"


def test_autosave_keeps_the_typed_text_as_a_draft_that_counts_nowhere_until_saved(cast):
    client = client_for(cast.staff)
    response = client.post(f"/logs/{timezone.localdate()}/autosave/", form(insight="写了一半的体会", minutes="4x"))
    assert response.status_code == 200
    assert response.json()["version"] == 1
    # Kept as typed, and "4x" is named as what the final save would refuse (the empty fields are only unfinished).
    assert response.json()["refused"] == {"minutes": [zh(ERROR_MINUTES).replace("&quot;", '"')]}
    log = StudyLog.objects.get(user=cast.staff)
    assert log.draft["insight"] == "写了一半的体会" and log.draft["minutes"] == "4x"
    assert not log.is_saved
    assert StudyLog.objects.saved().count() == 0
    page = client.get("/logs/today/").content.decode()
    assert "写了一半的体会" in page
    assert 'name="version" value="1"' in page


def test_a_stale_tab_gets_the_newer_text_instead_of_overwriting_it(cast):
    client = client_for(cast.staff)
    url = f"/logs/{timezone.localdate()}/autosave/"
    assert client.post(url, form(insight="第一个标签页写的新内容")).status_code == 200
    stale = client.post(url, form(insight="第二个标签页的旧内容", version="0"))
    assert stale.status_code == 409
    assert stale.json()["fields"]["insight"] == "第一个标签页写的新内容"
    saved = client.post("/logs/today/", form(insight="第二个标签页的旧内容", version="0"))
    assert saved.status_code == 409
    assert "第一个标签页写的新内容" in saved.content.decode()
    assert "第二个标签页的旧内容" in saved.content.decode()
    assert StudyLog.objects.get().draft["insight"] == "第一个标签页写的新内容"
    # Choosing to keep one's own text: save again with the version now shown.
    kept = client.post(
        "/logs/today/", form(insight="第二个标签页的旧内容", version=str(StudyLog.objects.get().version))
    )
    assert kept.status_code == 302
    assert StudyLog.objects.get().insight == "第二个标签页的旧内容"


def test_a_double_submit_of_the_same_text_saves_once_without_an_error(cast):
    client = client_for(cast.staff)
    first = client.post("/logs/today/", form())
    second = client.post("/logs/today/", form())
    assert (first.status_code, second.status_code) == (302, 302)
    assert StudyLog.objects.count() == 1
    assert StudyLog.objects.get().version == 1


def test_earlier_days_are_editable_within_the_window_older_read_only_future_missing(cast, settings):
    settings.PORTAL_BACKFILL_DAYS = 7
    client = client_for(cast.staff)
    assert client.post(f"/logs/{days_ago(7)}/", form()).status_code == 302
    assert StudyLog.objects.filter(date=days_ago(7)).exists()
    old = StudyLogFactory(user=cast.staff, date=days_ago(8), insight="旧日志的体会")
    response = client.post(f"/logs/{old.date}/", form(insight="想改掉旧日志"))
    assert response.status_code == 200
    assert "旧日志的体会" in response.content.decode()
    old.refresh_from_db()
    assert old.insight == "旧日志的体会"
    assert client.post(f"/logs/{days_ago(8)}/autosave/", form()).status_code == 400
    assert client.get(f"/logs/{days_ago(-1)}/").status_code == 404
    assert client.get("/logs/2026-13-01/").status_code == 404


def test_another_persons_log_is_never_shown_on_the_same_date(cast):
    StudyLogFactory(user=cast.staff, date=days_ago(1), insight="王芳的私人体会")
    for person in (cast.staff2, cast.manager, cast.leader):
        page = client_for(person).get(f"/logs/{days_ago(1)}/").content.decode()
        assert "王芳的私人体会" not in page
    assert "王芳的私人体会" in client_for(cast.staff).get(f"/logs/{days_ago(1)}/").content.decode()


def test_i_studied_this_adds_the_material_to_todays_log_and_draft(cast):
    material = make_material()
    client = client_for(cast.staff)
    client.post(f"/logs/{timezone.localdate()}/autosave/", form(insight="草稿"))
    response = client.post(f"/logs/today/materials/{material.pk}/")
    assert response.status_code == 302 and response["Location"] == "/logs/today/"
    log = StudyLog.objects.get(user=cast.staff)
    assert list(log.materials.all()) == [material]
    assert log.draft["materials"] == [str(material.pk)]
    assert client.post("/logs/today/materials/999999/").status_code == 404


def test_a_copied_insight_and_a_back_filling_sitting_are_pointed_out_to_the_author(cast):
    long_ago = timezone.now() - datetime.timedelta(days=10)
    StudyLogFactory(user=cast.staff, date=days_ago(10), insight="今天体会到“三看”能发现遗漏。", saved_at=long_ago)
    client = client_for(cast.staff)
    response = client.post("/logs/today/", form(), follow=True)
    assert zh(NUDGE_COPIED, date=days_ago(10).isoformat()) in response.content.decode()
    for back in (1, 2, 3, 4):
        response = client.post(
            f"/logs/{days_ago(back)}/", form(insight=f"补记第{back}天：新的体会各不相同{back * 7}"), follow=True
        )
    assert zh(NUDGE_BACKFILL, count=4) in response.content.decode()


def test_history_and_explanation_pages_show_the_persons_numbers(cast, django_assert_max_num_queries):
    for back in range(1, 40):
        StudyLogFactory(user=cast.staff, date=days_ago(back))
    client = client_for(cast.staff)
    with django_assert_max_num_queries(20):
        history = client.get("/logs/")
    assert history.status_code == 200
    explained = client.get("/logs/how-it-works/").content.decode()
    assert "2027" in explained and "chinese_calendar" in explained


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"minutes": "601"}, "minutes", ERROR_MINUTES),
        ({"insight": "长" * (INSIGHT_LIMIT + 1)}, "insight", ERROR_INSIGHT_TOO_LONG % {"limit": INSIGHT_LIMIT}),
        ({"materials": ["999999"]}, "materials", None),
    ],
)
def test_autosave_never_reports_saved_for_what_the_final_save_refuses(cast, overrides, field, message):
    client = client_for(cast.staff)
    response = client.post(f"/logs/{timezone.localdate()}/autosave/", form(**overrides))
    assert response.status_code == 200
    refused = response.json()["refused"]
    assert list(refused) == [field]
    if message is not None:
        with translation.override("zh-hans"):
            assert refused[field] == [str(message)]
    assert StudyLog.objects.get().draft[field] == overrides[field]
    # The final save refuses the same value.
    assert client.post("/logs/today/", form(**overrides)).status_code == 200
    assert not StudyLog.objects.saved().exists()


def test_autosave_reports_refusals_in_the_readers_language(cast):
    cast.staff.preferred_language = "en"
    cast.staff.save()
    response = client_for(cast.staff).post(f"/logs/{timezone.localdate()}/autosave/", form(minutes="601"))
    assert response.json()["refused"] == {"minutes": ["Enter the minutes as a whole number from 0 to 600."]}


def test_a_valid_draft_has_nothing_refused(cast):
    response = client_for(cast.staff).post(f"/logs/{timezone.localdate()}/autosave/", form(insight=""))
    assert response.status_code == 200 and response.json()["refused"] == {}


def test_the_form_offers_chips_limits_grouped_items_by_name_and_the_ticked_materials(cast):
    studied = make_material("公文写作的细节")
    make_material("会议纪要怎么写")
    client = client_for(cast.staff)
    client.post(f"/logs/today/materials/{studied.pk}/")
    page = client.get("/logs/today/").content.decode()
    for minutes in (15, 30, 45, 60, 90):
        assert f'data-minutes="{minutes}"' in page
    assert 'max="600"' in page and "最多 5000 字" in page
    assert f'value="{studied.pk}" id="material-{studied.pk}" checked' in page
    assert "会议纪要怎么写" in page
    assert "<legend>七个不太在意</legend>" in page and "对细节不太在意" in page
    assert "CARELESS_DETAIL</label>" not in page and "· CARELESS" not in page


def test_the_material_picker_finds_live_materials_by_title_substring(cast):
    wanted = make_material("公文写作的细节")
    make_material("会议纪要怎么写")
    make_material("细节草稿", live=False)
    response = client_for(cast.staff).get("/logs/materials/", {"q": "细节"})
    assert response.json() == {"results": [{"id": wanted.pk, "title": "公文写作的细节"}]}
    assert client_for(cast.staff).get("/logs/materials/", {"q": " "}).json() == {"results": []}


def test_a_back_filled_log_is_confirmed_by_its_date(cast):
    client = client_for(cast.staff)
    response = client.post(f"/logs/{days_ago(2)}/", form(), follow=True)
    assert "11月24日的学习记录已保存" in response.content.decode()
    assert zh(MESSAGE_SAVED_ON, date="11月24日") in response.content.decode()
    cast.staff.preferred_language = "en"
    cast.staff.save()
    response = client.post(f"/logs/{days_ago(3)}/", form(insight="另一天的新体会"), follow=True)
    assert "Log for 23 November saved." in response.content.decode()
