"""/team/'s self ratings by item: a heat grid, people as rows, items as columns grouped by framework."""

from collections import Counter

from django.urls import reverse
from django.utils.translation import gettext as _

from assessments.selectors import ItemRating
from portal import charts

from .team_members import Member


def _item_columns(ratings: list[ItemRating]) -> dict[str, tuple[str, str]]:
    """{item code: (item title, framework name)}, in the ratings' order (framework, then item)."""
    columns: dict[str, tuple[str, str]] = {}
    for row in ratings:
        columns.setdefault(row.item_code, (row.item_title, row.framework_name))
    return columns


def _heat_table(ratings: list[ItemRating], members: list[Member]) -> charts.HeatTable:
    """Items as columns, grouped by framework; the members who rated any of them as rows."""
    columns = _item_columns(ratings)
    grid = {(row.user_id, row.item_code): float(row.rating) for row in ratings}
    rated = [m for m in members if any((m.pk, code) in grid for code in columns)]
    return charts.heat_table(
        columns=[title for title, _framework in columns.values()],
        groups=list(Counter(framework for _title, framework in columns.values()).items()),
        rows=[
            (m.pk, m.name, reverse("dashboards:team-member", args=[m.pk]), [grid.get((m.pk, code)) for code in columns])
            for m in rated
        ],  # fmt: skip
    )


def heat(ratings: list[ItemRating], members: list[Member]) -> charts.Chart:
    table = _heat_table(ratings, members)
    return charts.Chart(
        name="team-heatmap",
        title=_("Self ratings by item"),
        summary=_("%(people)d submitted assessments, %(items)d rated items.")
        % {"people": len(table.rows), "items": len(table.columns)},  # fmt: skip
        heat=table,
        explanation=_(
            "Each cell is the person's own 1-5 rating (colour scale below the grid). "
            "Members are listed by name, not by score."
        ),
    )
