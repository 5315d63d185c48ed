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


def figure_dict(traces: Sequence[BaseTraceType], **layout: Any) -> dict:
    fig = go.Figure(data=list(traces))
    fig.update_layout(
        margin={"l": 48, "r": 16, "t": 16, "b": 48},
        colorway=list(OKABE_ITO),
        hovermode="closest",
        legend={"orientation": "h", "y": -0.2},
        font={"family": '"PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif', "size": 13},
        **layout,
    )
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

    @property
    def figure_id(self) -> str:
        return f"figure-{self.name}"
