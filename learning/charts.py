"""Charts of study logs. Pure: numbers in, plain plotly figure dicts out (theme from ``portal.charts``)."""

from collections.abc import Sequence
from typing import Any

from portal import charts


def minutes_by_week(*, weeks: Sequence[str], minutes: Sequence[int], targets: Sequence[int],
                    names: tuple[str, str]) -> dict[str, Any]:  # fmt: skip
    """Bars of study minutes per week, the week's target as a dashed step line."""
    labels = [charts.plotly_text(week) for week in weeks]
    bars = {"type": "bar", "x": labels, "y": list(minutes), "name": charts.plotly_text(names[0]),
            "marker": {"color": charts.CURRENT}, "hovertemplate": "%{x}: %{y}<extra></extra>"}  # fmt: skip
    target = {"type": "scatter", "x": labels, "y": list(targets), "name": charts.plotly_text(names[1]),
              "mode": "lines", "line": {"color": charts.TARGET, "dash": "dash", "shape": "hv"},
              "hovertemplate": "%{x}: %{y}<extra>%{fullData.name}</extra>"}  # fmt: skip
    return charts.figure(
        [bars, target], height=300, yaxis={"rangemode": "tozero", "fixedrange": True},
        xaxis={"type": "category", "automargin": True, "fixedrange": True, "nticks": 9},
    )  # fmt: skip


def people_minutes(*, people: Sequence[tuple[int, str]], minutes: Sequence[int], target: int,
                   names: tuple[str, str]) -> dict[str, Any]:  # fmt: skip
    """A horizontal bar per person (keyed by id, named by label: two people of one name stay two bars)."""
    keys = list(range(len(people)))
    bars = {"type": "bar", "orientation": "h", "y": keys, "x": list(minutes), "name": charts.plotly_text(names[0]),
            "marker": {"color": charts.CURRENT}, "customdata": [charts.plotly_text(n) for _pk, n in people],
            "hovertemplate": "%{customdata}: %{x}<extra></extra>"}  # fmt: skip
    shapes = [{"type": "line", "x0": target, "x1": target, "y0": -0.5, "y1": len(people) - 0.5,
               "line": {"color": charts.TARGET, "dash": "dash", "width": 2}}] if target else []  # fmt: skip
    return charts.figure(
        [bars], height=max(200, 32 * len(people) + 80), shapes=shapes, showlegend=False,
        yaxis={"tickvals": keys, "ticktext": [charts.plotly_text(n) for _pk, n in people], "autorange": "reversed",
               "automargin": True, "fixedrange": True},
        xaxis={"rangemode": "tozero", "fixedrange": True, "title": {"text": charts.plotly_text(names[1])}},
        margin={"l": 16, "r": 16, "t": 16, "b": 48},
    )  # fmt: skip
