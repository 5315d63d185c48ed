"""Charts of self-assessments. Pure: selector rows in, plain figure dicts and small dataclasses out.

- Score card: per framework, the latest score, the change since the previous cycle that rated
  the framework (over the items rated in both, ``scoring.growth``) and a sparkline of every cycle.
- Radar: only for a framework with at least ``RADAR_MIN_ITEMS`` rated items (fewer reads better
  as a list); labels are wrapped so they fit, never clipped.
- Small multiples: one small line per item on shared axes (1-5, the same cycles).
"""

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from portal import charts

from . import scoring
from .selectors import ItemRating

RADAR_MIN_ITEMS = 5


@dataclass(frozen=True)
class Point:
    cycle_id: int
    cycle_name: str
    score: float


@dataclass(frozen=True)
class ScoreCard:
    framework_code: str
    framework_name: str
    score: float
    change: float | None
    previous_cycle: str
    sentence: str
    points: list[Point]

    @property
    def arrow(self) -> str:
        if self.change is None:
            return ""
        return "▲" if self.change > 0 else "▼" if self.change < 0 else "＝"

    @property
    def direction(self) -> str:
        if self.change is None:
            return "none"
        return "up" if self.change > 0 else "down" if self.change < 0 else "same"

    @property
    def sparkline(self) -> str:
        return charts.sparkline([point.score for point in self.points])


def by_framework(ratings: Sequence[ItemRating]) -> dict[str, list[ItemRating]]:
    grouped: dict[str, list[ItemRating]] = defaultdict(list)
    for rating in ratings:
        grouped[rating.framework_code].append(rating)
    return dict(grouped)


def _by_cycle(rows: Sequence[ItemRating]) -> dict[int, dict[str, int | None]]:
    cycles: dict[int, dict[str, int | None]] = defaultdict(dict)
    for row in rows:
        cycles[row.cycle_id][row.item_code] = row.rating
    return dict(cycles)


def change_sentence(framework: str, change: float | None) -> str:
    """The change in words, e.g. "四看比上期提高 0.5 分"."""
    if change is None:
        return _("%(framework)s: the first cycle rated, nothing to compare yet.") % {"framework": framework}
    if change > 0:
        return _("%(framework)s: up %(change).1f on the previous cycle") % {"framework": framework, "change": change}
    if change < 0:
        return _("%(framework)s: down %(change).1f on the previous cycle") % {"framework": framework, "change": -change}
    return _("%(framework)s: the same as the previous cycle") % {"framework": framework}


def score_cards(ratings: Sequence[ItemRating]) -> list[ScoreCard]:
    """A card per framework the person rated, in framework order (rows come ordered by cycle, then framework)."""
    cards = []
    for rows in by_framework(ratings).values():
        cycles = _by_cycle(rows)
        names = {row.cycle_id: row.cycle_name for row in rows}
        points = [Point(cid, names[cid], score) for cid, r in cycles.items() if (score := scoring.framework_score(r))]
        if not points:
            continue
        ids = list(cycles)
        growth = scoring.growth(cycles[ids[-1]], cycles[ids[-2]]) if len(ids) > 1 else None
        change = growth.change if growth else None
        cards.append(
            ScoreCard(
                framework_code=rows[0].framework_code,
                framework_name=rows[0].framework_name,
                score=points[-1].score,
                change=change,
                previous_cycle=names[ids[-2]] if len(ids) > 1 else "",
                sentence=change_sentence(rows[0].framework_name, change),
                points=points,
            )
        )
    return cards


def growth_radar(*, labels: Sequence[str], current: Sequence[float | None], previous: Sequence[float | None] = (),
                 median: Sequence[float | None] = (), names: tuple[str, str, str]) -> dict[str, Any]:  # fmt: skip
    """Radar of item scores (1-5): the latest cycle filled, the previous one and a group median as lines."""
    theta = [charts.wrap_label(label, 10) for label in labels]
    closed = [*theta, theta[0]] if theta else []

    def trace(values: Sequence[float | None], name: str, color: str, fill: str) -> dict[str, Any]:
        return {
            "type": "scatterpolar", "r": [*values, values[0]], "theta": closed, "name": charts.plotly_text(name),
            "line": {"color": color, "width": 2}, "fill": fill, "connectgaps": True, "mode": "lines+markers",
            "hovertemplate": "%{theta}: %{r:.1f}<extra>%{fullData.name}</extra>",
        }  # fmt: skip

    traces = [trace(current, names[0], charts.CURRENT, "toself")]
    if previous:
        traces.append(trace(previous, names[1], charts.PREVIOUS, "none"))
    if median:
        traces.append(trace(median, names[2], charts.MEDIAN, "none"))
    # The radial scale sits halfway between the first two spokes, clear of the top label; the legend
    # goes below the disc (a polar chart has no axis labels there).
    between = 90 - 180 / max(len(labels), 1)
    return charts.figure(
        traces,
        polar={
            "radialaxis": {
                "range": [0, 5],
                "dtick": 1,
                "angle": between,
                "tickangle": between,
                "tickfont": {"size": 10},
            },
            "angularaxis": {"tickfont": {"size": 11}, "direction": "clockwise", "rotation": 90},
        },  # fmt: skip
        height=500,
        showlegend=True,
        legend={"orientation": "h", "x": 0.5, "xanchor": "center", "y": -0.14, "yanchor": "top"},
        margin={"l": 80, "r": 80, "t": 64, "b": 96},
    )


@dataclass(frozen=True)
class Panel:
    title: str
    values: list[float | None]
    points: str
    latest: float | None
    first: float | None

    @property
    def change(self) -> float | None:
        if self.latest is None or self.first is None:
            return None
        return self.latest - self.first


@dataclass(frozen=True)
class SmallMultiples:
    framework_code: str
    framework_name: str
    cycles: list[str]
    panels: list[Panel]


def item_small_multiples(rows: Sequence[ItemRating]) -> SmallMultiples:
    """One small line per item of a framework, on the same axes: 1-5 up, every cycle that rated it across."""
    cycle_ids = list(dict.fromkeys(row.cycle_id for row in rows))
    names = {row.cycle_id: row.cycle_name for row in rows}
    items: dict[str, dict[int, int]] = defaultdict(dict)
    titles: dict[str, str] = {}
    for row in rows:
        items[row.item_code][row.cycle_id] = row.rating
        titles[row.item_code] = row.item_title
    panels = []
    for code, by_cycle in items.items():
        values: list[float | None] = [by_cycle.get(cid) for cid in cycle_ids]
        known = [v for v in values if v is not None]
        panels.append(Panel(titles[code], values, charts.sparkline(values, width=160, height=48),
                            known[-1] if known else None, known[0] if known else None))  # fmt: skip
    return SmallMultiples(rows[0].framework_code, rows[0].framework_name, [names[c] for c in cycle_ids], panels)


def series_small_multiples(*, code: str, name: str, cycles: Sequence[str],
                           series: Sequence[tuple[str, Sequence[float | None]]]) -> SmallMultiples:  # fmt: skip
    """Small multiples of named series (e.g. each framework's office mean) on the same 1-5 axes."""
    panels = []
    for title, values in series:
        known = [v for v in values if v is not None]
        panels.append(Panel(title, list(values), charts.sparkline(values, width=160, height=48),
                            known[-1] if known else None, known[0] if known else None))  # fmt: skip
    return SmallMultiples(code, name, list(cycles), panels)


def framework_trend(*, cycles: Sequence[str], series: Sequence[tuple[str, Sequence[float | None]]]) -> dict[str, Any]:
    """A line per framework across cycles (few lines, so each keeps its own Okabe-Ito colour)."""
    traces = [
        {"type": "scatter", "mode": "lines+markers", "x": [charts.plotly_text(c) for c in cycles], "y": list(values),
         "name": charts.plotly_text(name), "connectgaps": False,
         "line": {"color": charts.OKABE_ITO[n % len(charts.OKABE_ITO)], "width": 2},
         "hovertemplate": "%{x}: %{y:.2f}<extra>%{fullData.name}</extra>"}
        for n, (name, values) in enumerate(series)
    ]  # fmt: skip
    return charts.figure(
        traces, height=360, yaxis={"range": [0.8, 5.2], "dtick": 1, "fixedrange": True},
        xaxis={"type": "category", "automargin": True, "fixedrange": True}, margin={"l": 40, "r": 16, "t": 56, "b": 24},
    )  # fmt: skip
