"""Charts of study logs. Pure: numbers in, plain plotly figure dicts out (theme from ``portal.charts``)."""

from collections.abc import Sequence
from dataclasses import dataclass
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


@dataclass(frozen=True)
class Bar:
    key: int  # the person's id: two people of one name stay two bars
    label: str
    value: int
    share: float  # of the longest bar, 0-100, for the SVG rect's width


def people_bars(*, people: Sequence[tuple[int, str]], minutes: Sequence[int]) -> list[Bar]:
    """A horizontal bar per person, drawn in HTML and SVG (no plotly on the team page)."""
    longest = max(minutes, default=0) or 1
    pairs = zip(people, minutes, strict=True)
    return [Bar(key, label, value, round(100 * value / longest, 1)) for (key, label), value in pairs]
