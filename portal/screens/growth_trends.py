"""A framework's items across cycles as small multiples: one small chart an item, on shared axes."""

from collections.abc import Sequence

from django.utils.translation import gettext as _

from assessments import charts as assessment_charts
from assessments.selectors import ItemRating
from portal import charts


def _summary(grid: assessment_charts.SmallMultiples) -> str:
    summary = _("%(items)d items over %(cycles)d cycles.") % {"items": len(grid.panels), "cycles": len(grid.cycles)}
    rises = [panel for panel in grid.panels if (panel.change or 0) > 0]
    if rises:
        best = max(rises, key=lambda panel: panel.change or 0)
        summary += " " + _("Largest rise: %(item)s (+%(change)d).") % {"item": best.title, "change": best.change}
    return summary


def item_trends(rows: Sequence[ItemRating]) -> charts.Chart | None:
    """``rows``: one framework's ratings; None before a second cycle."""
    grid = assessment_charts.item_small_multiples(rows)
    if len(grid.cycles) < 2:
        return None
    return charts.Chart(
        name=f"item-trend-{grid.framework_code.lower()}",
        title=_("%(framework)s item by item") % {"framework": grid.framework_name},
        summary=_summary(grid),
        multiples=grid,
        headers=(_("Item"), *grid.cycles),
        rows=[(panel.title, *["—" if v is None else v for v in panel.values]) for panel in grid.panels],
    )
