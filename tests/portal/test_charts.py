"""Pure chart builders: plain figure dicts, the shared palette and themes, user text escaped, labels that fit."""

import datetime
import json

from assessments import charts as assessment_charts
from assessments.selectors import ItemRating
from learning import charts as learning_charts
from portal import charts

NAMES = ("本期", "上期", "处室中位数")


def rating(cycle: int, code: str, value: int, *, framework: str = "FOUR_LOOKS", name: str = "四看") -> ItemRating:
    return ItemRating(
        user_id=1, cycle_id=cycle, cycle_name=f"第{cycle}期", opens_on=datetime.date(2026, cycle, 1),
        department_id=1, framework_code=framework, framework_name=name, reflective=framework == "FOUR_LOOKS",
        item_code=code, item_title=f"条目{code}", rating=value, manager_rating=None,
    )  # fmt: skip


def test_radar_closes_each_polygon_and_uses_the_palette_by_role():
    figure = assessment_charts.growth_radar(
        labels=["岗位", "做事", "细节"], current=[3, 4, 5], previous=[2, 4, 4], median=[3, 3, 3], names=NAMES
    )
    current, previous, median = figure["data"]
    assert current["r"] == [3, 4, 5, 3] and current["theta"][0] == current["theta"][-1] == "岗位"
    assert (current["line"]["color"], previous["line"]["color"], median["line"]["color"]) == (
        charts.CURRENT,
        charts.PREVIOUS,
        charts.MEDIAN,
    )
    assert figure["layout"]["polar"]["radialaxis"]["range"] == [0, 5]
    json.dumps(figure)  # plain data, nothing plotly-specific to serialise


def test_long_radar_labels_are_wrapped_never_clipped():
    label = assessment_charts.growth_radar(labels=["对提高自身素质不太在意"], current=[3], names=NAMES)["data"][0][
        "theta"
    ][0]
    assert "<br>" in label and label.replace("<br>", "") == "对提高自身素质不太在意"
    english = charts.wrap_label("Careless of one's post: long in a high position", 14)
    assert all(len(line) <= 15 for line in english.split("<br>"))


def test_legends_sit_above_the_plot_never_over_an_axis():
    for figure in (
        assessment_charts.framework_trend(cycles=["第1期", "第2期"], series=[("四看", [3.0, 3.5])]),
        learning_charts.minutes_by_week(weeks=["W1"], minutes=[60], targets=[300], names=("分钟", "目标")),
    ):
        assert figure["layout"]["legend"]["y"] > 1 and figure["layout"]["legend"]["yanchor"] == "bottom"


def test_dark_theme_has_no_bright_polar_disc_or_white_grid():
    dark = charts.THEMES["dark"]
    assert dark["polar"]["bgcolor"] == "rgba(0,0,0,0)"
    assert (
        dark["xaxis"]["gridcolor"] != "#ffffff"
        and dark["polar"]["radialaxis"]["gridcolor"] == dark["xaxis"]["gridcolor"]
    )
    assert charts.THEMES["light"]["current"] == charts.OKABE_ITO[0]


def test_user_text_cannot_become_markup_in_any_builder():
    payload = "<img src=x onerror=alert(1)><b>张</b>"
    figures = [
        assessment_charts.growth_radar(labels=[payload], current=[3], names=(payload, payload, payload)),
        assessment_charts.framework_trend(cycles=[payload], series=[(payload, [3.0])]),
        learning_charts.minutes_by_week(weeks=[payload], minutes=[60], targets=[300], names=(payload, payload)),
    ]
    for figure in figures:
        text = json.dumps(figure, ensure_ascii=False)
        assert "<img" not in text and "<b>" not in text
        assert "&lt;img" in text


def test_people_are_keyed_by_id_so_two_of_the_same_name_stay_two_bars():
    bars = learning_charts.people_bars(people=[(7, "王芳"), (9, "王芳")], minutes=[30, 90])
    assert [(bar.key, bar.label, bar.value, bar.share) for bar in bars] == [
        (7, "王芳", 30, 33.3),
        (9, "王芳", 90, 100.0),
    ]
    table = charts.heat_table(columns=["岗位"], groups=[], rows=[(7, "王芳", "", [3.0]), (9, "王芳", "", [5.0])])
    assert [row.key for row in table.rows] == [7, 9] and [row.cells[0].level for row in table.rows] == [3, 5]


def test_heat_levels_and_blank_cells():
    assert [charts.heat_level(v) for v in (1, 2, 3, 4, 5, None)] == [1, 2, 3, 4, 5, 0]
    table = charts.heat_table(columns=["岗位", "细节"], groups=[("七个不太在意", 2)], rows=[(1, "甲", "", [3.0, None])])
    assert [cell.text for cell in table.rows[0].cells] == ["3.0", "—"]
    assert table.by_column == [("岗位", [table.rows[0].cells[0]]), ("细节", [table.rows[0].cells[1]])]


def test_minutes_by_week_draws_the_target_as_a_step_line():
    figure = learning_charts.minutes_by_week(weeks=["W1", "W2"], minutes=[200, 310], targets=[300, 240],
                                             names=("分钟", "目标"))  # fmt: skip
    bars, target = figure["data"]
    assert bars["y"] == [200, 310] and target["y"] == [300, 240]
    assert target["line"]["shape"] == "hv" and target["line"]["color"] == charts.TARGET


def test_score_card_compares_with_the_previous_cycle_that_rated_the_framework():
    rows = [rating(1, "A", 3), rating(1, "B", 3), rating(3, "A", 4), rating(3, "B", 3)]  # cycle 2 left 四看 unrated
    card = assessment_charts.score_cards(rows)[0]
    assert card.score == 3.5 and card.change == 0.5 and card.previous_cycle == "第1期"
    assert card.arrow == "▲" and card.direction == "up"
    assert len(card.points) == 2 and card.sparkline


def test_change_sentence_reads_as_a_sentence():
    from django.utils import translation

    with translation.override("zh-hans"):
        assert assessment_charts.change_sentence("四看", 0.5) == "四看比上期提高 0.5 分"
        assert assessment_charts.change_sentence("四看", -1.0) == "四看比上期降低 1.0 分"
    with translation.override("en"):
        assert (
            assessment_charts.change_sentence("The four looks", 0.0) == "The four looks: the same as the previous cycle"
        )


def test_small_multiples_share_one_scale_and_every_cycle():
    rows = [rating(1, "A", 1), rating(1, "B", 5), rating(2, "A", 5)]
    grid = assessment_charts.item_small_multiples(rows)
    assert grid.cycles == ["第1期", "第2期"]
    first, second = grid.panels
    assert first.values == [1, 5] and first.change == 4 and second.values == [5, None]
    assert first.points == "0.0,48.0 160.0,0.0"  # 1 at the bottom, 5 at the top
    assert charts.sparkline([3]) == "60.0,18.0"
