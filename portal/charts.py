"""The shared look of every chart (pure: no ORM, no request, no plotly objects).

One colour-blind-safe palette (Okabe-Ito), used the same way everywhere: the person's
latest value is blue, the previous one orange, a group median green, targets vermilion,
everything else grey. Chart builders (``assessments/charts.py``, ``learning/charts.py``)
return plain figure dicts; the page embeds each with ``json_script`` plus ``THEMES`` once,
and ``portal/static/portal/js/charts.js`` lays the light or dark theme over each figure,
following ``prefers-color-scheme``. Small charts that need no interaction (sparklines,
small multiples, heat tables) are drawn in HTML and SVG with the helpers below.
"""

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

OKABE_ITO = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#56B4E9", "#CC79A7", "#F0E442", "#000000")
CURRENT, PREVIOUS, MEDIAN, TARGET = OKABE_ITO[0], OKABE_ITO[1], OKABE_ITO[2], OKABE_ITO[3]
GREY = "#9aa3a9"
FONT_FAMILY = '"PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif'
_AXIS_LIGHT = {"gridcolor": "#e3e6e8", "linecolor": "#c9ced2", "zerolinecolor": "#c9ced2"}
_AXIS_DARK = {"gridcolor": "#323b41", "linecolor": "#4a555d", "zerolinecolor": "#4a555d"}
# Laid over every figure by charts.js: colours of text, grid and polar disc for each colour scheme.
THEMES: dict[str, dict[str, Any]] = {
    "light": {
        "font": {"color": "#1d2327"},
        "xaxis": _AXIS_LIGHT,
        "yaxis": _AXIS_LIGHT,
        "polar": {"bgcolor": "rgba(0,0,0,0)", "radialaxis": _AXIS_LIGHT, "angularaxis": _AXIS_LIGHT},
        "current": CURRENT,
    },
    "dark": {
        "font": {"color": "#e8eaec"},
        "xaxis": _AXIS_DARK,
        "yaxis": _AXIS_DARK,
        "polar": {"bgcolor": "rgba(0,0,0,0)", "radialaxis": _AXIS_DARK, "angularaxis": _AXIS_DARK},
        "current": OKABE_ITO[4],  # sky blue reads on a dark surface where the deep blue does not
    },
}
HEAT_LEVELS = 5  # heat-table cells take the class heat-1 … heat-5 (portal/static/portal/css/charts.css)


def plotly_text(value: object) -> str:
    """Escape user text for plotly, which renders a subset of HTML in labels and hover text."""
    return html.escape(str(value), quote=False)


_ATOM = re.compile(r"[\u2e80-\uffff]|[^\s\u2e80-\uffff]+\s*|\s+")


def wrap_label(label: str, width: int = 14) -> str:
    """Break a label into lines of about ``width`` columns (a CJK character counts two), escaped for plotly."""
    atoms = _ATOM.findall(label)
    total = sum(2 if ord(char) >= 0x2E80 else 1 for char in label)
    lines_needed = -(-total // width)
    width = -(-total // lines_needed) + 1 if lines_needed else width  # balanced lines, no one-character orphan
    lines: list[str] = []
    line, used = "", 0
    for atom in atoms:
        size = sum(2 if ord(char) >= 0x2E80 else 1 for char in atom.rstrip())
        if used + size > width and line.strip():
            lines.append(line)
            line, used = "", 0
        line, used = line + atom, used + len(atom) - len(atom.rstrip()) + size
    lines.append(line)
    return "<br>".join(plotly_text(part.strip()) for part in lines if part.strip())


def layout(**overrides: Any) -> dict[str, Any]:
    """A plotly layout with the shared font, palette and a legend above the plot (never over an axis)."""
    base: dict[str, Any] = {
        "margin": {"l": 48, "r": 16, "t": 40, "b": 48},
        "colorway": list(OKABE_ITO),
        "hovermode": "closest",
        "legend": {"orientation": "h", "x": 0, "xanchor": "left", "y": 1.02, "yanchor": "bottom"},
        "font": {"family": FONT_FAMILY, "size": 13},
        "paper_bgcolor": "rgba(0,0,0,0)",
        "plot_bgcolor": "rgba(0,0,0,0)",
    }
    return {**base, **overrides}


def figure(traces: Sequence[dict[str, Any]], **overrides: Any) -> dict[str, Any]:
    return {"data": list(traces), "layout": layout(**overrides)}


def sparkline(values: Sequence[float | None], *, width: int = 120, height: int = 36, low: float = 1,
              high: float = 5) -> str:  # fmt: skip
    """SVG polyline points for ``values`` on a fixed scale (gaps skipped), for a sparkline or small multiple."""
    count = len(values)
    step = width / (count - 1) if count > 1 else 0
    points = []
    for n, value in enumerate(values):
        if value is None:
            continue
        y = height - (min(max(value, low), high) - low) / (high - low) * height
        points.append(f"{n * step if count > 1 else width / 2:.1f},{y:.1f}")
    return " ".join(points)


def heat_level(value: float | None, low: float = 1, high: float = 5) -> int:
    """The heat class (1-5) of a value on the scale; 0 for no value."""
    if value is None:
        return 0
    share = (min(max(value, low), high) - low) / (high - low)
    return 1 + round(share * (HEAT_LEVELS - 1))


@dataclass(frozen=True)
class HeatCell:
    value: float | None
    level: int

    @property
    def text(self) -> str:
        return "—" if self.value is None else f"{self.value:.1f}"


@dataclass(frozen=True)
class HeatRow:
    key: int  # the person's or group's id: two people of the same name stay two rows
    label: str
    url: str
    cells: list[HeatCell]


@dataclass(frozen=True)
class HeatTable:
    """A grid drawn as an HTML table (names sticky, scrolled sideways inside its frame, turned on a phone)."""

    columns: list[str]
    groups: list[tuple[str, int]]  # column group headings and how many columns each spans
    rows: list[HeatRow]

    @property
    def by_column(self) -> list[tuple[str, list[HeatCell]]]:
        """The same grid turned: one row a column (an item), for narrow screens."""
        return [(column, [row.cells[n] for row in self.rows]) for n, column in enumerate(self.columns)]


def heat_table(*, columns: list[str], groups: list[tuple[str, int]],
               rows: list[tuple[int, str, str, list[float | None]]]) -> HeatTable:  # fmt: skip
    return HeatTable(
        columns=columns,
        groups=groups,
        rows=[
            HeatRow(key, label, url, [HeatCell(v, heat_level(v)) for v in values]) for key, label, url, values in rows
        ],
    )


@dataclass(frozen=True)
class Chart:
    """A chart ready for ``portal/includes/chart.html``: a figure (or an HTML grid), a summary and the numbers."""

    name: str
    title: str
    summary: str
    figure: dict[str, Any] | None = None
    explanation: str = ""
    headers: Sequence[str] = field(default_factory=tuple)
    rows: Sequence[Sequence[object]] = field(default_factory=tuple)
    heat: HeatTable | None = None
    multiples: Any = None  # small multiples (assessments.charts.SmallMultiples), drawn in HTML and SVG
    bars: Any = None  # horizontal bars (learning.charts.Bar), drawn in HTML and SVG
    wide: bool = False  # takes the full width of the page's chart grid

    @property
    def figure_id(self) -> str:
        return f"figure-{self.name}"


def draws_plotly(screen: object) -> bool:
    """Whether a screen's charts draw a plotly figure: only then does its page load plotly.js."""
    return any(chart.figure for chart in getattr(screen, "charts", []))
