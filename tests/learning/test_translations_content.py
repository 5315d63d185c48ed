"""Content in the reader's language (Wagtail's localisation): a page is read at its original's URL, in the
person's language where a translation is live, in Chinese otherwise; listings and study records keep to
the originals."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale
from wagtail.rich_text import RichText

from learning.models import MaterialOpen, StudyLog, StudyMaterialIndexPage, StudyMaterialPage
from tests.conftest import client_for
from tests.factories.learning import make_material

pytestmark = pytest.mark.django_db

ENGLISH_BODY = "First think about the leader's main intention."


def translate(page, **fields):
    """An English translation of ``page``, published; its parents become English aliases (live), as Wagtail does."""
    translation = page.copy_for_translation(Locale.objects.get(language_code="en"), copy_parents=True)
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save_revision().publish()
    return StudyMaterialPage.objects.get(pk=translation.pk)


@pytest.fixture
def english(cast):
    cast.staff.preferred_language = "en"
    cast.staff.save()
    return client_for(cast.staff)


@pytest.fixture
def material(db):
    return make_material("拟稿前的“三思”", summary="动笔之前先想清楚。", body="<p>一思领导的主要意图。</p>")


@pytest.fixture
def translated(material):
    return translate(
        material,
        title="Three thoughts before drafting",
        summary="Think it through before you write.",
        body=[("paragraph", RichText(f"<p>{ENGLISH_BODY}</p>"))],
    )


def test_the_locales_are_chinese_first_then_english(db):
    assert Locale.get_default().language_code == "zh-hans"
    assert set(Locale.objects.values_list("language_code", flat=True)) == {"zh-hans", "en"}


def test_an_english_reader_sees_the_translation_at_the_original_url(english, material, translated):
    page = english.get(material.url).content.decode()
    assert ENGLISH_BODY in page and "Three thoughts before drafting" in page
    assert "一思领导的主要意图" not in page


def test_a_chinese_reader_sees_the_original(cast, material, translated):
    page = client_for(cast.staff2).get(material.url).content.decode()
    assert "一思领导的主要意图" in page and ENGLISH_BODY not in page


def test_an_untranslated_page_falls_back_to_chinese_for_the_english_reader(english, material, translated):
    # The English home page and index exist (aliases, live): Wagtail alone would answer 404 here.
    other = make_material("准快明", summary="谋事要准，动作要快。", body="<p>宁可人等事。</p>")
    response = english.get(other.url)
    assert response.status_code == 200
    assert "宁可人等事" in response.content.decode()


def test_a_draft_translation_is_not_shown(english, material):
    draft = material.copy_for_translation(Locale.objects.get(language_code="en"), copy_parents=True)
    draft.title = "Draft translation"
    draft.save_revision()
    page = english.get(material.url).content.decode()
    assert "一思领导的主要意图" in page and "Draft translation" not in page


def material_titles(html: str) -> list[str]:
    return re.findall(r'<a href="[^"]*/learning/[^"]+/">([^<]+)</a>', html)


def test_the_learning_index_lists_a_translated_material_once_in_the_readers_language(
    cast, english, material, translated
):
    titles = material_titles(english.get("/learning/").content.decode())
    assert titles.count("Three thoughts before drafting") == 1
    assert "拟稿前的“三思”" not in titles
    assert material_titles(client_for(cast.staff2).get("/learning/").content.decode()).count("拟稿前的“三思”") == 1


def test_search_home_feed_and_the_log_picker_list_the_original_once(english, material, translated):
    search = english.get("/search/", {"q": "三思"}).content.decode()
    assert search.count(f'href="{material.url}"') == 1 and "Three thoughts before drafting" in search
    home = english.get("/").content.decode()
    assert "Three thoughts before drafting" in home and "拟稿前的“三思”" not in home
    picker = english.get("/logs/materials/", {"q": "三思"}).json()["results"]
    assert picker == [{"id": material.pk, "title": "Three thoughts before drafting"}]
    log_form = english.get("/logs/today/").content.decode()
    assert f'value="{material.pk}"' in log_form and f'value="{translated.pk}"' not in log_form


def listing_queries(client) -> int:
    client.get("/learning/")
    with CaptureQueriesContext(connection) as queries:
        client.get("/learning/")
    return len(queries)


def test_the_readers_titles_cost_one_query_a_listing_not_one_a_row(cast, english, material, translated):
    chinese = listing_queries(client_for(cast.staff2))
    one = listing_queries(english)
    for title in ("准快明", "零差错", "三看"):
        translate(make_material(title), title=f"{title} (en)")
    assert listing_queries(english) == one
    # The translated index (1), the titles (1), and Wagtail's view-restriction check of an alias (2).
    assert one - chinese <= 4


def test_studying_the_translation_records_the_original(english, cast, material, translated):
    page = english.get(material.url).content.decode()
    action = re.search(r'action="(/logs/today/materials/\d+/)"', page).group(1)
    studied = english.post(action, follow=True).content.decode()
    assert "“Three thoughts before drafting” is on tonight" in studied  # named as the person read it
    assert english.post(f"/materials/{translated.pk}/opened/").status_code == 204
    log = StudyLog.objects.get(user=cast.staff)
    assert list(log.materials.all()) == [material]
    assert MaterialOpen.objects.get(user=cast.staff).page_id == material.pk
    # A log saved with the translation's id is refused: the form offers originals only.
    version = StudyLog.objects.get(user=cast.staff).version
    english.post(
        "/logs/today/", {"minutes": 30, "materials": [translated.pk], "insight": "读后体会" * 5, "version": version}
    )
    assert list(StudyLog.objects.get(user=cast.staff).materials.all()) == [material]


def test_the_translation_has_no_url_of_its_own_and_is_guarded_like_the_original(client, english, material, translated):
    assert translated.url == material.url
    response = client.get(translated.url)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/?next=")
    # The English tree's own path (under the English home page, a sibling of the Chinese one) is no URL.
    english_home = translated.get_parent().get_parent()
    assert english.get(f"/{english_home.slug}/").status_code == 404
    assert english.get(f"/{english_home.slug}/learning/{translated.slug}/").status_code == 404


def test_the_translated_index_is_still_an_index_of_originals(english, material, translated):
    index = StudyMaterialIndexPage.objects.get(locale__language_code="en")
    assert index.alias_of_id is not None  # made by Wagtail when the material was translated
    assert english.get("/learning/").status_code == 200


def test_an_editor_translates_a_material_from_the_admin_and_staff_may_not(cast, material):
    english = Locale.objects.get(language_code="en")
    editor = client_for(cast.editor)
    assert client_for(cast.staff).get(f"/admin/translation/submit/page/{material.pk}/").status_code == 403
    # The material's parents first (Wagtail asks for them): the home page, then the index, then the material.
    for page in (material.get_parent().get_parent(), material.get_parent(), material):
        url = f"/admin/translation/submit/page/{page.pk}/"
        assert editor.get(url).status_code == 200
        response = editor.post(url, {"locales": [english.pk]})
        assert response.status_code == 302, response.content.decode()[:2000]
    draft = StudyMaterialPage.objects.get(translation_key=material.translation_key, locale=english)
    assert response["Location"] == f"/admin/pages/{draft.pk}/edit/"
    assert not draft.live  # English readers still see the original until the editor publishes
    reader = cast.staff2
    reader.preferred_language = "en"
    reader.save()
    assert "一思领导的主要意图" in client_for(reader).get(material.url).content.decode()
    draft.body = [("paragraph", RichText(f"<p>{ENGLISH_BODY}</p>"))]
    draft.save_revision(user=cast.editor).publish()
    assert ENGLISH_BODY in client_for(reader).get(material.url).content.decode()


def test_an_english_reader_finds_a_material_by_the_words_of_its_translation(cast, english, material, translated):
    page = english.get("/search/", {"q": "drafting"}).content.decode()
    assert page.count(f'href="{material.url}"') == 1
    assert "<mark>drafting</mark>" in page
    assert english.get("/search/", {"q": "intention"}).content.decode().count(f'href="{material.url}"') == 1
    chinese = client_for(cast.staff2).get("/search/", {"q": "drafting"}).content.decode()
    assert f'href="{material.url}"' not in chinese
