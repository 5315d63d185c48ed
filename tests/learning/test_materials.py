import datetime
import re

import pytest
from django.utils import timezone
from taggit.models import Tag

from learning import search
from learning.demo import seed_materials
from learning.frameworks import item_code_choices
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
            summary="谋事要准，动作要快。",
            body="<p>宁可人等事。</p>",
            codes=("CARELESS_DOING",),
            topics=("效率",),
        ),
        make_material("零差错", body="<p>人名、职务逐一核对，注意细节。</p>", codes=("CARELESS_DETAIL", "LOOK_SELF")),
        make_material("草稿中的资料", body="<p>注意细节</p>", live=False),
    ]


@pytest.mark.parametrize(
    ("query", "titles"),
    [
        ("细节", {"零差错", "拟稿前的“三思”"}),  # a substring of the body; the title of a linked item
        ("主要意图", {"拟稿前的“三思”"}),
        ("动作要快", {"准快明"}),  # a substring of the summary
        ("三思", {"拟稿前的“三思”"}),  # a substring of the title
        ("核对 人名", {"零差错"}),  # every word must match
        ("不存在的词", set()),
    ],
)
def test_search_finds_chinese_substrings_of_live_materials(materials, query, titles):
    assert {page.title for page in material_search(query=query)} == titles


SEARCH_QUERIES = 15


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


# --- Search a Chinese reader trusts -------------------------------------------------------------------


@pytest.fixture
def seeded(db):
    """The demo's own fifteen materials (learning/demo_content.py), as seed_demo publishes them."""
    return seed_materials()


def result_titles(client, query: str, **filters) -> list[str]:
    page = client.get("/search/", {"q": query, **filters}).content.decode()
    titles = re.findall(r'<h2 class="material-list__title"><a href="[^"]+">(.*?)</a></h2>', page)
    return [re.sub(r"</?mark>", "", title).replace("&ldquo;", "“").replace("&rdquo;", "”") for title in titles]


DETAIL_MATERIALS = {"拟稿前的“三思”", "接待前的“三问”", "会议通知发出后的“三看”", "零失误、零差错：校对的功夫"}


@pytest.mark.parametrize(
    ("query", "expected_first", "expected"),
    [
        # Linked to 对细节不太在意: the item's title holds the word.
        ("细节", None, DETAIL_MATERIALS),
        # In a title and a checklist: the title comes first.
        ("三思", "拟稿前的“三思”", {"拟稿前的“三思”"}),
        # The topic 周到细致.
        ("周到", None, DETAIL_MATERIALS),
    ],
)
def test_the_three_words_find_the_materials_a_person_expects(cast, seeded, query, expected_first, expected):
    titles = result_titles(client_for(cast.staff), query)
    assert set(titles) == expected
    if expected_first:
        assert titles[0] == expected_first


def test_the_item_titles_are_searched_in_english_too(cast, seeded):
    cast.staff.preferred_language = "en"
    cast.staff.save()
    assert set(result_titles(client_for(cast.staff), "Careless of details")) == DETAIL_MATERIALS


def test_results_rank_a_title_above_a_topic_or_item_above_the_body(cast):
    in_body = make_material("甲", summary="一份资料。", body="<p>发文前逐一核对人名。</p>", codes=(), topics=())
    in_topic = make_material("乙", summary="一份资料。", body="<p>无关。</p>", codes=(), topics=("核对",))
    in_title = make_material("核对的功夫", summary="一份资料。", body="<p>无关。</p>", codes=(), topics=())
    for days, page in ((3, in_title), (2, in_topic), (1, in_body)):  # the body match is the newest
        StudyMaterialPage.objects.filter(pk=page.pk).update(
            first_published_at=timezone.now() - datetime.timedelta(days)
        )
    assert result_titles(client_for(cast.staff), "核对") == ["核对的功夫", "乙", "甲"]


def test_every_word_counts_towards_the_rank(cast):
    make_material("会议通知", summary="回头看。", body="<p>三看。</p>", codes=(), topics=("会务",))
    make_material("会议纪要", summary="回头看。", body="<p>无关。</p>", codes=(), topics=("会务",))
    # Both have 会议 in the title; only the first has 通知 there too.
    assert result_titles(client_for(cast.staff), "会议 通知") == ["会议通知"]
    # Equal ranks: the newest first.
    assert result_titles(client_for(cast.staff), "会议 会务") == ["会议纪要", "会议通知"]


def test_the_words_are_marked_in_the_title_the_snippet_and_the_labels(cast, seeded):
    page = client_for(cast.staff).get("/search/", {"q": "三思"}).content.decode()
    assert "拟稿前的“<mark>三思</mark>”" in page.replace("&ldquo;", "“").replace("&rdquo;", "”")
    page = client_for(cast.staff).get("/search/", {"q": "细节"}).content.decode()
    assert ">对<mark>细节</mark>不太在意</a>" in page
    page = client_for(cast.staff).get("/search/", {"q": "周到"}).content.decode()
    assert "><mark>周到</mark>细致</a>" in page


def test_the_snippet_shows_the_body_around_the_word_when_the_summary_lacks_it(cast):
    long_body = "开头的话。" * 40 + "最后一定要请一位同事再读一遍。" + "结尾。" * 40
    make_material("校对", summary="发文前的核对。", body=f"<p>{long_body}</p>", codes=(), topics=())
    page = client_for(cast.staff).get("/search/", {"q": "同事再读"}).content.decode()
    snippet = re.search(r'<p class="search-result__snippet">(.*?)</p>', page).group(1)
    assert snippet.startswith("…") and snippet.endswith("…")
    assert "请一位<mark>同事再读</mark>一遍" in snippet
    assert len(re.sub(r"<.*?>", "", snippet)) <= search.SNIPPET_WIDTH + 2


def test_what_an_editor_wrote_is_escaped_around_the_marks(cast):
    make_material("<b>细节</b>决定成败", summary="<script>alert(1)</script>注意细节", codes=(), topics=())
    page = client_for(cast.staff).get("/search/", {"q": "细节"}).content.decode()
    assert "&lt;b&gt;<mark>细节</mark>&lt;/b&gt;决定成败" in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;注意<mark>细节</mark>" in page
    assert "<b>" not in page and "<script>alert" not in page


def test_like_wildcards_and_markup_in_a_query_are_taken_literally(cast, seeded):
    client = client_for(cast.staff)
    for query in ("%", "_", "<mark>", "\\", "'\"", "细节" * 60):
        response = client.get("/search/", {"q": query})
        assert response.status_code == 200
    assert result_titles(client, "%") == ["全年“十大目标”"]  # 办复率100%, literally
    assert result_titles(client, "_") == []
    assert "&lt;mark&gt;" in client.get("/search/", {"q": "<mark>"}).content.decode()


def test_filters_narrow_the_results_by_topic_and_framework_item(cast, seeded):
    client = client_for(cast.staff)
    assert set(result_titles(client, "细节", topic="会务")) == {"会议通知发出后的“三看”"}
    assert set(result_titles(client, "细节", item="MODEST_GRASSROOTS")) == {"接待前的“三问”"}
    assert set(result_titles(client, "", item="LOOK_SELF")) == {"以“四看”为镜", "事业心、责任心、进取心"}
    assert result_titles(client, "细节", item="NO_SUCH_ITEM") == []


def test_nothing_found_says_what_to_try_and_offers_words_that_find_something(cast, seeded):
    page = client_for(cast.staff).get("/search/", {"q": "不存在的词", "topic": "会务"}).content.decode()
    assert "没有资料包含“不存在的词”。" in page
    assert "试试更短的词或少用几个词" in page
    assert 'href="?q=%E4%B8%8D%E5%AD%98%E5%9C%A8%E7%9A%84%E8%AF%8D">去掉筛选条件再搜一次' in page
    for word in ("细节", "三思", "周到"):
        assert f'href="?q={word}"' in page.replace("%E7%BB%86%E8%8A%82", "细节").replace(
            "%E4%B8%89%E6%80%9D", "三思"
        ).replace("%E5%91%A8%E5%88%B0", "周到")
        assert result_titles(client_for(cast.staff), word)


def test_an_empty_search_offers_words_and_topics_and_lists_nothing(cast, seeded):
    page = client_for(cast.staff).get("/search/").content.decode()
    assert "search-results" not in page and "找到" not in page
    assert "按主题浏览" in page and "?topic=" in page


def test_framework_items_show_by_name_never_by_code(cast, seeded):
    assert all(label and "_" not in label for _code, label in item_code_choices())
    client = client_for(cast.staff)
    for path in ("/learning/", "/search/?q=细节", StudyMaterialPage.objects.get(slug="san-si").url):
        page = client.get(path).content.decode()
        shown = re.sub(r'(value|href|action|id|for|name)="[^"]*"', "", page)
        assert not re.search(r"\b(CARELESS|LOOK|MODEST)_[A-Z_]+", shown), path
    assert ">对细节不太在意</option>" in client.get("/learning/").content.decode()


@pytest.mark.parametrize("size", [3, 30])
def test_a_search_costs_the_same_queries_whatever_the_library(cast, size, django_assert_max_num_queries):
    for n in range(size):
        make_material(f"注意细节{n}", codes=("CARELESS_DETAIL", "LOOK_SELF"), topics=(f"主题{n}", "周到细致"))
    client = client_for(cast.staff)
    client.get("/search/", {"q": "细节"})
    topic = Tag.objects.get(name="周到细致").slug
    with django_assert_max_num_queries(SEARCH_QUERIES):
        page = client.get("/search/", {"q": "细节 周到", "topic": topic}).content.decode()
    assert page.count('class="card search-result"') == min(size, 10)


def test_query_words_are_distinct_and_bounded():
    assert search.query_words("  细节　细节 Details details 三思 ") == ["细节", "Details", "三思"]
    assert len(search.query_words(" ".join(str(n) for n in range(50)))) == search.MAX_WORDS


def test_marked_cuts_text_into_parts_longest_word_first():
    parts = search.marked("注意细节，细节决定成败", ["细节", "注意细节"])
    assert [(p.text, p.mark) for p in parts] == [("注意细节", True), ("，", False), ("细节", True), ("决定成败", False)]
    assert search.marked("Careless of Details", ["details"])[1] == search.Part("Details", mark=True)
    assert search.marked("", ["细节"]) == [] and search.marked("无关", []) == [search.Part("无关")]


def test_an_unknown_item_code_is_never_shown(cast):
    material = make_material("旧资料", codes=("CARELESS_DETAIL", "RETIRED_ITEM"))
    page = client_for(cast.staff).get(material.url).content.decode()
    assert "对细节不太在意" in page
    assert "RETIRED_ITEM" not in page
