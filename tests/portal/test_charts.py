"""Pure chart builders: plain figure dicts, the shared palette, user text escaped."""

import json

from portal import charts

NAMES = ("本期", "上期", "处室中位数")


def test_radar_closes_each_polygon_and_uses_the_palette_by_role():
    figure = charts.growth_radar(
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


def test_radar_without_history_has_one_trace():
    figure = charts.growth_radar(labels=["岗位"], current=[3], names=NAMES)
    assert len(figure["data"]) == 1


def test_user_text_cannot_become_markup_in_any_builder():
    payload = "<img src=x onerror=alert(1)><b>张</b>"
    figures = [
        charts.growth_radar(labels=[payload], current=[3], names=(payload, payload, payload)),
        charts.score_trend(cycles=[payload], series=[(payload, [3.0])]),
        charts.heatmap(rows=[payload], columns=[payload], values=[[3.0]]),
        charts.minutes_by_week(weeks=[payload], minutes=[60], targets=[300], names=(payload, payload)),
        charts.year_calendar(weeks=[payload], weekdays=[payload], values=[[30]], hover=[[payload]]),
        charts.grouped_bars(categories=[payload], series=[(payload, [30])]),
    ]
    for figure in figures:
        text = json.dumps(figure, ensure_ascii=False)
        assert "<img" not in text and "<b>" not in text
        assert "&lt;img src=x onerror=alert(1)&gt;" in text


def test_heatmap_writes_numbers_in_cells_and_leaves_gaps_blank():
    figure = charts.heatmap(rows=["甲", "乙"], columns=["岗位", "细节"], values=[[3.0, None], [4.5, 2.0]])
    trace = figure["data"][0]
    assert trace["text"] == [["3.0", ""], ["4.5", "2.0"]]
    assert trace["zmin"] == 1 and trace["zmax"] == 5


def test_minutes_by_week_draws_the_target_as_a_step_line():
    figure = charts.minutes_by_week(weeks=["W1", "W2"], minutes=[200, 310], targets=[300, 240], names=("分钟", "目标"))
    bars, target = figure["data"]
    assert list(bars["y"]) == [200, 310] and list(target["y"]) == [300, 240]
    assert target["line"]["shape"] == "hv" and target["line"]["color"] == charts.TARGET
