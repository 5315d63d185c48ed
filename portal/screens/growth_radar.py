"""A framework's radar: the latest cycle against the previous one and the department median."""

from collections.abc import Sequence

from django.utils.translation import gettext as _

from assessments import charts as assessment_charts
from assessments.selectors import ItemRating
from portal import access, charts

Medians = tuple[int, dict[str, float]]  # (cycle id, {item code: the department's median rating})


def _summary(latest: dict[str, ItemRating], medians_shown: bool) -> str:
    rows = list(latest.values())
    summary = _("%(count)d items rated in %(cycle)s, average %(mean).1f of 5.") % {
        "count": len(rows), "cycle": rows[0].cycle_name, "mean": sum(row.rating for row in rows) / len(rows),
    }  # fmt: skip
    if not medians_shown:
        summary += " " + _("The department median shows once at least %(size)d colleagues have submitted.") % {
            "size": access.MIN_GROUP_SIZE
        }
    return summary


def _title(framework: str, name: str | None) -> str:
    if name is None:
        return _("%(framework)s: my latest self-assessment") % {"framework": framework}
    return _("%(framework)s: %(name)s's latest self-assessment") % {"framework": framework, "name": name}


def radar(rows: Sequence[ItemRating], medians: Medians, name: str | None) -> charts.Chart | None:
    """``rows``: one framework's ratings, oldest cycle first; None below RADAR_MIN_ITEMS items."""
    cycle_ids = list(dict.fromkeys(row.cycle_id for row in rows))
    latest = {row.item_code: row for row in rows if row.cycle_id == cycle_ids[-1]}
    if len(latest) < assessment_charts.RADAR_MIN_ITEMS:
        return None
    before = {row.item_code: row.rating for row in rows if len(cycle_ids) > 1 and row.cycle_id == cycle_ids[-2]}
    median_cycle, by_code = medians
    wanted = {code: by_code[code] for code in latest if code in by_code and median_cycle == cycle_ids[-1]}
    return charts.Chart(
        name=f"radar-{rows[0].framework_code.lower()}",
        title=_title(rows[0].framework_name, name),
        summary=_summary(latest, bool(wanted)),
        figure=assessment_charts.growth_radar(
            labels=[row.item_title for row in latest.values()],
            current=[row.rating for row in latest.values()],
            previous=[before.get(code) for code in latest] if before else [],
            median=[wanted.get(code) for code in latest] if wanted else [],
            names=(_("This cycle"), _("Previous cycle"), _("Department median")),
        ),
        explanation=_("Each item is rated 1-5 against its behaviour anchors; the outer ring is 5."),
        headers=(_("Item"), _("This cycle"), _("Previous cycle"), _("Department median")),
        rows=[(row.item_title, row.rating, before.get(c) or "—", wanted.get(c) or "—") for c, row in latest.items()],
    )
