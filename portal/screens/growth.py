"""A person's growth from their submitted ratings: score cards, radars and item small multiples.

Shared by /me/, a manager's member page and the year-end summary; ``name`` is None on the
person's own page and their name elsewhere, so every title speaks of the right person.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _

from assessments import charts as assessment_charts
from assessments import selectors as assessment_selectors
from assessments.selectors import ItemRating
from portal import access, charts


@dataclass(frozen=True)
class Growth:
    cards: list[assessment_charts.ScoreCard]
    radars: list[charts.Chart]
    multiples: list[charts.Chart]

    @property
    def charts(self) -> list[charts.Chart]:
        return [*self.radars, *self.multiples]


def _radar(rows: Sequence[ItemRating], medians: tuple[int, dict[str, float]], name: str | None) -> charts.Chart | None:
    cycle_ids = list(dict.fromkeys(row.cycle_id for row in rows))
    latest = {row.item_code: row for row in rows if row.cycle_id == cycle_ids[-1]}
    if len(latest) < assessment_charts.RADAR_MIN_ITEMS:
        return None
    before = {row.item_code: row.rating for row in rows if len(cycle_ids) > 1 and row.cycle_id == cycle_ids[-2]}
    codes = list(latest)
    first = rows[0]
    median_cycle, by_code = medians
    wanted = {code: by_code[code] for code in codes if code in by_code and median_cycle == cycle_ids[-1]}
    summary = _("%(count)d items rated in %(cycle)s, average %(mean).1f of 5.") % {
        "count": len(codes), "cycle": latest[codes[0]].cycle_name,
        "mean": sum(row.rating for row in latest.values()) / len(codes),
    }  # fmt: skip
    if not wanted:
        summary += " " + _("The department median shows once at least %(size)d colleagues have submitted.") % {
            "size": access.MIN_GROUP_SIZE
        }
    title = (_("%(framework)s: my latest self-assessment") if name is None
             else _("%(framework)s: %(name)s's latest self-assessment"))  # fmt: skip
    return charts.Chart(
        name=f"radar-{first.framework_code.lower()}",
        title=title % {"framework": first.framework_name, "name": name},
        summary=summary,
        figure=assessment_charts.growth_radar(
            labels=[latest[code].item_title for code in codes],
            current=[latest[code].rating for code in codes],
            previous=[before.get(code) for code in codes] if before else [],
            median=[wanted.get(code) for code in codes] if wanted else [],
            names=(_("This cycle"), _("Previous cycle"), _("Department median")),
        ),
        explanation=_("Each item is rated 1-5 against its behaviour anchors; the outer ring is 5."),
        headers=(_("Item"), _("This cycle"), _("Previous cycle"), _("Department median")),
        rows=[(latest[c].item_title, latest[c].rating, before.get(c) or "—", wanted.get(c) or "—") for c in codes],
    )


def _multiples(rows: Sequence[ItemRating]) -> charts.Chart | None:
    grid = assessment_charts.item_small_multiples(rows)
    if len(grid.cycles) < 2:
        return None
    rises = [panel for panel in grid.panels if (panel.change or 0) > 0]
    summary = _("%(items)d items over %(cycles)d cycles.") % {"items": len(grid.panels), "cycles": len(grid.cycles)}
    if rises:
        best = max(rises, key=lambda panel: panel.change or 0)
        summary += " " + _("Largest rise: %(item)s (+%(change)d).") % {"item": best.title, "change": best.change}
    return charts.Chart(
        name=f"item-trend-{grid.framework_code.lower()}",
        title=_("%(framework)s item by item") % {"framework": grid.framework_name},
        summary=summary,
        multiples=grid,
        headers=(_("Item"), *grid.cycles),
        rows=[(panel.title, *["—" if v is None else v for v in panel.values]) for panel in grid.panels],
    )


def growth(*, ratings: Sequence[ItemRating], name: str | None) -> Growth:
    """Score cards, radars and small multiples from a person's ratings (one query, for the median)."""
    frameworks = assessment_charts.by_framework(ratings)
    medians: tuple[int, dict[str, float]] = (0, {})
    if ratings and (department_id := ratings[-1].department_id) is not None:
        cycle_id = ratings[-1].cycle_id
        medians = (cycle_id, assessment_selectors.group_item_medians(department_id=department_id, cycle_id=cycle_id))
    radars = [chart for rows in frameworks.values() if (chart := _radar(rows, medians, name))]
    multiples = [chart for rows in frameworks.values() if (chart := _multiples(rows))]
    return Growth(cards=assessment_charts.score_cards(ratings), radars=radars, multiples=multiples)
