"""Shared chart style for every plotly figure of the portal (pure: no ORM, no request).

One colour-blind-safe palette (Okabe-Ito), used the same way on every chart: the
person's latest value is blue, the previous one orange, the department median green,
targets vermilion. Figures are plain dicts (``json.loads(fig.to_json())``), embedded with
``json_script`` and drawn by ``portal/static/portal/js/charts.js``.
"""

import html
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import plotly.graph_objects as go
from plotly.basedatatypes import BaseTraceType

OKABE_ITO = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#56B4E9", "#CC79A7", "#F0E442", "#000000")
CURRENT, PREVIOUS, MEDIAN, TARGET = OKABE_ITO[0], OKABE_ITO[1], OKABE_ITO[2], OKABE_ITO[3]
# Sequential scale for heatmaps (light to dark blue), readable for colour-blind people and in greyscale.
HEAT_SCALE = [[0.0, "#f7fbff"], [0.5, "#6baed6"], [1.0, "#08306b"]]


def plotly_text(value: object) -> str:
    """Escape user text for plotly, which renders a subset of HTML in labels and hover text."""
    return html.escape(str(value), quote=False)


def short_label(label: str, limit: int = 16) -> str:
    """Keep axis labels short enough for a phone; the data table beside the chart has the full text."""
    return label if len(label) <= limit else label[: limit - 1] + "…"


def figure_dict(traces: Sequence[BaseTraceType], **layout: Any) -> dict:
    fig = go.Figure(data=list(traces))
    defaults: dict[str, Any] = {
        "margin": {"l": 48, "r": 16, "t": 16, "b": 48},
        "colorway": list(OKABE_ITO),
        "hovermode": "closest",
        "legend": {"orientation": "h", "y": -0.2},
        "font": {"family": '"PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif', "size": 13},
    }
    fig.update_layout(**{**defaults, **layout})
    return json.loads(fig.to_json())


@dataclass(frozen=True)
class Chart:
    """A chart ready for ``portal/includes/chart.html``: figure, text summary and data table."""

    name: str
    title: str
    figure: dict
    summary: str
    explanation: str = ""
    headers: Sequence[str] = field(default_factory=tuple)
    rows: Sequence[Sequence[object]] = field(default_factory=tuple)
    wide: bool = False  # too many columns for a phone: drawn at a readable width and scrolled sideways

    @property
    def figure_id(self) -> str:
        return f"figure-{self.name}"


def growth_radar(
    *,
    labels: Sequence[str],
    current: Sequence[float | None],
    previous: Sequence[float | None] = (),
    median: Sequence[float | None] = (),
    names: tuple[str, str, str],
) -> dict:
    """Radar of item scores (1-5): the latest cycle, the previous one and the department median."""
    theta = [plotly_text(short_label(label)) for label in labels]
    closed = [*theta, theta[0]] if theta else []

    def trace(values, name, color, fill):
        r = [*values, values[0]] if values else []
        return go.Scatterpolar(
            r=r,
            theta=closed,
            name=plotly_text(name),
            line={"color": color},
            fill=fill,
            connectgaps=True,
            hovertemplate="%{theta}: %{r:.1f}<extra>%{fullData.name}</extra>",
        )

    traces = [trace(current, names[0], CURRENT, "toself")]
    if previous:
        traces.append(trace(previous, names[1], PREVIOUS, "none"))
    if median:
        traces.append(trace(median, names[2], MEDIAN, "none"))
    return figure_dict(
        traces,
        polar={"radialaxis": {"range": [0, 5], "dtick": 1}, "angularaxis": {"tickfont": {"size": 11}}},
        height=400,
        showlegend=True,
        margin={"l": 72, "r": 72, "t": 32, "b": 32},
    )


def score_trend(*, cycles: Sequence[str], series: Sequence[tuple[str, Sequence[float | None]]]) -> dict:
    """Lines of scores (1-5) across cycles, one line a framework or an item."""
    traces = [
        go.Scatter(
            x=[plotly_text(c) for c in cycles],
            y=list(values),
            name=plotly_text(name),
            mode="lines+markers",
            connectgaps=False,
            hovertemplate="%{x}: %{y:.2f}<extra>%{fullData.name}</extra>",
        )
        for name, values in series
    ]
    return figure_dict(
        traces, yaxis={"range": [0.8, 5.2], "dtick": 1}, height=360, legend={"orientation": "h", "y": -0.45}
    )


def minutes_by_week(
    *, weeks: Sequence[str], minutes: Sequence[int], targets: Sequence[int], names: tuple[str, str]
) -> dict:
    """Bars of study minutes per week with the week's target as a line."""
    labels = [plotly_text(week) for week in weeks]
    bars = go.Bar(x=labels, y=list(minutes), name=plotly_text(names[0]), marker={"color": CURRENT})
    target = go.Scatter(
        x=labels,
        y=list(targets),
        name=plotly_text(names[1]),
        mode="lines",
        line={"color": TARGET, "dash": "dash", "shape": "hv"},
    )
    return figure_dict([bars, target], height=300, yaxis={"rangemode": "tozero"}, xaxis={"type": "category"})


def heatmap(
    *,
    rows: Sequence[str],
    columns: Sequence[str],
    values: Sequence[Sequence[float | None]],
    low: float = 1,
    high: float = 5,
) -> dict:
    """A grid of values (members by items, or departments by frameworks), numbers written in the cells."""
    text = [["" if v is None else f"{v:.1f}" for v in row] for row in values]
    trace = go.Heatmap(
        z=[list(row) for row in values],
        x=[plotly_text(c) for c in columns],
        y=[plotly_text(r) for r in rows],
        zmin=low,
        zmax=high,
        colorscale=HEAT_SCALE,
        text=text,
        texttemplate="%{text}",
        hoverongaps=False,
        hovertemplate="%{y} · %{x}: %{z:.1f}<extra></extra>",
        xgap=2,
        ygap=2,
    )
    return figure_dict(
        [trace],
        height=max(240, 36 * len(rows) + 120),
        yaxis={"autorange": "reversed"},
        xaxis={"side": "top", "tickangle": -30},
    )


def year_calendar(
    *,
    weeks: Sequence[str],
    weekdays: Sequence[str],
    values: Sequence[Sequence[float | None]],
    hover: Sequence[Sequence[str]],
) -> dict:
    """A 'year in pixels': a column a week, a row a weekday; darker means more minutes, blank means no log."""
    trace = go.Heatmap(
        z=[list(row) for row in values],
        x=[plotly_text(week) for week in weeks],
        y=[plotly_text(day) for day in weekdays],
        text=[[plotly_text(text) for text in row] for row in hover],
        hovertemplate="%{text}<extra></extra>",
        colorscale=HEAT_SCALE,
        zmin=0,
        zmax=120,
        xgap=2,
        ygap=2,
        showscale=False,
        hoverongaps=False,
    )
    return figure_dict(
        [trace],
        height=220,
        yaxis={"autorange": "reversed"},
        xaxis={"showgrid": False, "type": "category", "nticks": 12},
    )


def grouped_bars(*, categories: Sequence[str], series: Sequence[tuple[str, Sequence[float]]]) -> dict:
    """Bars side by side: a group per category (a person), a bar per series (a week)."""
    traces = [
        go.Bar(
            x=[plotly_text(c) for c in categories],
            y=list(values),
            name=plotly_text(name),
            marker={"color": OKABE_ITO[n % len(OKABE_ITO)]},
        )  # fmt: skip
        for n, (name, values) in enumerate(series)
    ]
    return figure_dict(traces, barmode="group", height=340, yaxis={"rangemode": "tozero"}, xaxis={"tickangle": -30})
