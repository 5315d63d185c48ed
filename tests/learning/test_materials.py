import pytest

from learning.models import StudyMaterialPage
from learning.selectors import items_without_material, material_search, material_use
from tests.conftest import client_for
from tests.factories.learning import StudyLogFactory, days_ago, make_material

pytestmark = pytest.mark.django_db


@pytest.fixture
def materials(db):
    return [
        make_material(
            "拟稿前的“三思”", body="<p>一思领导的主要意图。</p>", codes=("CARELESS_DETAIL",), topics=("文稿",)
        ),
        make_material(
            "准快明",
            summary="谋事要准,动作要快。",
            body="<p>宁可人等事。</p>",
            codes=("CARELESS_DOING",),
            topics=("效率",),
        ),
        make_material("零差错", body="<p>人名、职务逐一核对,注意细节。</p>", codes=("CARELESS_DETAIL", "LOOK_SELF")),
        make_material("草稿中的资料", body="<p>注意细节</p>", live=False),
    ]


@pytest.mark.parametrize(
    ("query", "titles"),
    [
        ("细节", {"零差错"}),  # a substring of the body
        ("主要意图", {"拟稿前的“三思”"}),
        ("动作要快", {"准快明"}),  # a substring of the summary
        ("三思", {"拟稿前的“三思”"}),  # a substring of the title
        ("核对 人名", {"零差错"}),  # every word must match
        ("不存在的词", set()),
    ],
)
def test_search_finds_chinese_substrings_of_live_materials(materials, query, titles):
    assert {page.title for page in material_search(query=query)} == titles


def test_the_search_page_lists_results_and_survives_odd_input(cast, materials):
    client = client_for(cast.staff)
    page = client.get("/search/", {"q": "细节"}).content.decode()
    assert "零差错" in page and "草稿中的资料" not in page
    assert client.get("/search/", {"q": "%_\\'\"<script>", "page": "x"}).status_code == 200


def test_the_index_filters_by_topic_and_framework_item(cast, materials):
    client = client_for(cast.staff)
    by_item = client.get("/learning/", {"item": "CARELESS_DETAIL"}).content.decode()
    assert "零差错" in by_item and "准快明" not in by_item
    by_topic = client.get("/learning/", {"topic": "效率"}).content.decode()
    assert "准快明" in by_topic and "零差错" not in by_topic


def test_a_material_page_offers_i_studied_this_as_a_form_to_a_learning_view(cast, materials):
    page = client_for(cast.staff).get(materials[0].url).content.decode()
    assert f'action="/logs/today/materials/{materials[0].pk}/"' in page
    assert "对细节不太在意" in page


def test_editors_see_how_many_people_studied_each_material_and_uncovered_items(cast, materials):
    for person in (cast.staff, cast.staff2):
        StudyLogFactory(user=person, date=days_ago(1)).materials.add(materials[0])
    StudyLogFactory(user=cast.staff, date=days_ago(2)).materials.add(materials[0])
    use = {row.title: (row.people, row.logs) for row in material_use()}
    assert use["拟稿前的“三思”"] == (2, 3)
    assert use["准快明"] == (0, 0)
    uncovered = {item.code for item in items_without_material()}
    assert "CARELESS_DETAIL" not in uncovered and "MODEST_RANK" in uncovered
    report = client_for(cast.editor).get("/admin/reports/study-materials/")
    assert report.status_code == 200
    assert "MODEST_RANK" in report.content.decode()
    assert client_for(cast.staff).get("/admin/reports/study-materials/").status_code == 403


def test_the_search_text_follows_the_published_body(materials):
    page = StudyMaterialPage.objects.get(title="准快明")
    assert "谋事要准" in page.search_text
