"""Framework items as learning sees them: stable string codes, never a link to another app's model.

The assessments app owns the items (``assessments.Item``: code, title_zh, title_en, is_current).
Learning stores only codes; titles come from that model when it is installed and from the
seeded fallback below otherwise, so learning works (and is tested) on its own.
"""

from dataclasses import dataclass

from django.apps import apps
from django.db import DatabaseError

from portal.i18n import in_language


@dataclass(frozen=True)
class FrameworkItem:
    code: str
    title_zh: str
    title_en: str

    @property
    def title(self) -> str:
        return in_language(self.title_zh, self.title_en)


SEEDED_ITEMS = (
    FrameworkItem("CARELESS_POST", "对岗位不太在意", "Careless of one's post"),
    FrameworkItem("CARELESS_DOING", "对做事不太在意", "Careless of doing things oneself"),
    FrameworkItem("CARELESS_AUTHORITY", "对权威不太在意", "Careless of authority"),
    FrameworkItem("CARELESS_WORDS", "对讲话不太在意", "Careless of one's words"),
    FrameworkItem("CARELESS_DETAIL", "对细节不太在意", "Careless of details"),
    FrameworkItem("CARELESS_COLLEAGUES", "对同事不太在意", "Careless of colleagues"),
    FrameworkItem("CARELESS_SELF_IMPROVEMENT", "对提高自身素质不太在意", "Careless of self-improvement"),
    FrameworkItem("LOOK_COLLEAGUES", "看同事、向榜样对齐", "Look at colleagues, align with role models"),
    FrameworkItem("LOOK_WORK", "看工作、找出得与失", "Look at the work, find gains and losses"),
    FrameworkItem("LOOK_COLLECTIVE", "看集体、问个人贡献大与小", "Look at the collective, ask one's contribution"),
    FrameworkItem("LOOK_SELF", "看自己、知道长处与短处", "Look at oneself, know strengths and weaknesses"),
    FrameworkItem(
        "MODEST_POLICY_INFO", "了解重要的政策信息不张扬", "Knowing important policy information, stay modest"
    ),
    FrameworkItem(
        "MODEST_HIGH_ORGAN", "身居全市最高行政机关不张扬", "Working in the city's highest organ, stay modest"
    ),
    FrameworkItem("MODEST_GRASSROOTS", "面对基层服务对象不张扬", "Facing the grassroots people served, stay modest"),
    FrameworkItem("MODEST_RANK", "同事之间职高位重不张扬", "Among colleagues, do not flaunt rank"),
)


def current_items() -> list[FrameworkItem]:
    """Return the current framework items, from assessments when installed, else the seeded fallback."""
    try:
        item_model = apps.get_model("assessments", "Item")
    except LookupError:
        return list(SEEDED_ITEMS)
    try:
        rows = list(
            item_model.objects.filter(is_current=True)
            .order_by("framework__code", "order")
            .values_list("code", "title_zh", "title_en")
        )
    except DatabaseError:
        return list(SEEDED_ITEMS)
    return [FrameworkItem(*row) for row in rows] or list(SEEDED_ITEMS)


def item_code_choices() -> list[tuple[str, str]]:
    """The current items as (code, title in the viewer's language): people read names, never codes."""
    return [(item.code, item.title) for item in current_items()]


def item_titles(codes: list[str] | tuple[str, ...] | None = None) -> dict[str, str]:
    """Map codes to titles in the current language. A code no current item has takes its seeded title,
    or is left out: a person never reads a code."""
    titles = {item.code: item.title for item in current_items()}
    if codes is None:
        return titles
    seeded = {item.code: item.title for item in SEEDED_ITEMS}
    return {code: titles.get(code) or seeded[code] for code in codes if code in titles or code in seeded}


@dataclass(frozen=True)
class ItemGroup:
    name: str
    items: tuple[FrameworkItem, ...]


def item_groups() -> list[ItemGroup]:
    """The current items under their framework's name, in the framework's order (one query, or the fallback)."""
    try:
        item_model = apps.get_model("assessments", "Item")
        rows = list(
            item_model.objects.filter(is_current=True)
            .order_by("framework__order", "framework__code", "order")
            .values_list("framework__name_zh", "framework__name_en", "code", "title_zh", "title_en")
        )
    except (LookupError, DatabaseError):
        rows = []
    if not rows:
        return [ItemGroup(name="", items=tuple(current_items()))]
    groups: dict[str, list[FrameworkItem]] = {}
    for name_zh, name_en, *item in rows:
        groups.setdefault(in_language(name_zh, name_en), []).append(FrameworkItem(*item))
    return [ItemGroup(name=name, items=tuple(items)) for name, items in groups.items()]
