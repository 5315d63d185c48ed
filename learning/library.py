"""The home feed's materials: the library's cards, kept per language, and what one person has done with them.

Every live original material is a ``Card`` (its title and summary in the reader's language, its URL,
its framework items), kept in the cache under the content version (``portal.data_version.content``),
which a saved, moved or deleted page or a topic moves. A person's feed then reads two small sets of
their own (what they opened, what is on their logs) and is put together here, as today's pick is.
"""

import datetime
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.utils import timezone

from cms.translations import originals, reader_language, show_translations
from portal import data_version
from portal.models import User

from .models import MaterialOpen, StudyLog, StudyMaterialItemLink, StudyMaterialPage
from .selectors import NEWEST_FIRST, Topic, material_index, material_topics

FEED_SIZE = 4
NEW_FOR_DAYS = 7
LIBRARY_KEY = "learning:library:{language}:{version}"
LIBRARY_SECONDS = 24 * 60 * 60


@dataclass(frozen=True)
class Card:
    """A live original material as a listing shows it."""

    pk: int
    title: str
    summary: str
    estimated_minutes: int
    url: str
    first_published_at: datetime.datetime | None
    codes: tuple[str, ...]  # the framework items it helps with


@dataclass(frozen=True)
class Library:
    cards: dict[int, Card]
    newest: tuple[int, ...]  # the cards' ids, newest first
    index_url: str | None  # the library's index page, where "all materials" and the topics link to
    topics: list[Topic]


def library() -> Library:
    """The library in the reader's language, from the cache while no page or topic has changed."""
    key = LIBRARY_KEY.format(language=reader_language(), version=data_version.content())
    kept: Library | None = cache.get(key)
    if kept is None:
        kept = _library()
        cache.set(key, kept, LIBRARY_SECONDS)
    return kept


def _library() -> Library:
    live: Any = originals(StudyMaterialPage.objects.live())  # Wagtail's PageQuerySet: not in the stubs
    cards = live.defer_streamfields().defer("search_text").order_by(*NEWEST_FIRST)  # no body, no search copy
    pages = show_translations(cards)
    codes: dict[int, list[str]] = {}
    links = StudyMaterialItemLink.objects.filter(page__in=[page.pk for page in pages]).order_by("sort_order", "pk")
    for page_id, code in links.values_list("page_id", "code"):
        codes.setdefault(page_id, []).append(code)
    index = material_index()
    cards = {
        page.pk: Card(
            page.pk,
            page.title,
            page.summary,
            page.estimated_minutes,
            page.url or "",
            page.first_published_at,
            tuple(codes.get(page.pk, ())),
        )  # fmt: skip
        for page in pages
    }
    return Library(cards, tuple(cards), index.url if index else None, material_topics())


@dataclass(frozen=True)
class NewMaterials:
    materials: list[Card]
    this_week: bool  # False: nothing new in the last days, these are the newest


@dataclass(frozen=True)
class ReadingFeed:
    continuing: list[Card]  # opened, on none of the person's logs yet, last opened first
    new: NewMaterials
    newest: Card | None  # today's pick when nothing is picked for a weak item
    studied: frozenset[int]  # the materials on the person's logs
    library: Library  # what the feed was made from: today's pick chooses among its cards


def reading_feed(*, user: User, today: datetime.date, limit: int = FEED_SIZE) -> ReadingFeed:
    """The feed: "continue" (opened, not on a log yet) and the newest materials; two queries of the person's own."""
    shelf = library()
    opened = dict(MaterialOpen.objects.filter(user=user).values_list("page_id", "last_opened_at"))
    logged = StudyLog.materials.through.objects.filter(studylog__user=user).values_list("studymaterialpage_id")
    studied = frozenset(page_id for (page_id,) in logged.distinct())
    still_open = [pk for pk in opened if pk in shelf.cards and pk not in studied]
    still_open.sort(key=lambda pk: (opened[pk], pk), reverse=True)
    by_date = [shelf.cards[pk] for pk in shelf.newest[:limit]]
    since = timezone.make_aware(
        datetime.datetime.combine(today - datetime.timedelta(days=NEW_FOR_DAYS - 1), datetime.time())
    )
    recent = [card for card in by_date if card.first_published_at and card.first_published_at >= since]
    new = NewMaterials(materials=recent, this_week=True) if recent else NewMaterials(materials=by_date, this_week=False)
    return ReadingFeed(continuing=[shelf.cards[pk] for pk in still_open[:limit]], new=new,
                       newest=by_date[0] if by_date else None, studied=studied, library=shelf)  # fmt: skip


@dataclass(frozen=True)
class MaterialPick:
    material: Card
    code: str | None  # the framework item it was picked for; None for the newest material


def todays_pick(*, feed: ReadingFeed, weakest: list[list[str]], today: datetime.date) -> MaterialPick | None:
    """Return today's pick: a live material for the weakest framework items, else the newest (no query).

    ``weakest`` groups item codes, weakest first (the items with the person's lowest latest rating, then
    the next lowest). The first group any live material helps with gives the candidates; materials the
    person has not put on a log yet come first; among equals the choice turns with the day.
    """
    cards = feed.library.cards
    for group in weakest:
        candidates = sorted(pk for pk, card in cards.items() if set(card.codes) & set(group))
        if not candidates:
            continue
        fresh = [pk for pk in candidates if pk not in feed.studied] or candidates
        chosen = cards[fresh[today.toordinal() % len(fresh)]]
        return MaterialPick(material=chosen, code=next(code for code in group if code in chosen.codes))
    return MaterialPick(material=feed.newest, code=None) if feed.newest else None
