"""Notices made for reading: stored as a kind and its parameters, rendered in the reader's language when read.

The app that owns a kind registers its renderer (``@notices.renderer("idea")``, imported from the
app's ``ready()``), so portal imports neither learning nor assessments. A renderer turns the
parameters into one sentence in the active language. The ``message`` stored with each notice
(rendered in the person's language when it was made) is the fallback for a kind nobody renders
any more, and for the rows made before notices had parameters.

Notices about one object (an idea, a self-assessment, a cycle) share a ``group_key`` and show as
one card: its latest state, and the steps that led there.
"""

import datetime
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.utils.functional import SimpleLazyObject

from . import request_cache
from .models import Notice, User

Renderer = Callable[[Mapping[str, Any]], str]
_RENDERERS: dict[str, Renderer] = {}
CARDS_SHOWN = 50


def renderer(kind: str) -> Callable[[Renderer], Renderer]:
    """Register the function that renders notices of ``kind``."""

    def register(function: Renderer) -> Renderer:
        _RENDERERS[kind] = function
        return function

    return register


def render(kind: str, params: Mapping[str, Any], *, fallback: str = "") -> str:
    """The notice's sentence in the active language; ``fallback`` when its kind or parameters are unknown."""
    function = _RENDERERS.get(kind)
    if function is None:
        return fallback
    try:
        return str(function(params))
    except (KeyError, TypeError, ValueError):
        return fallback


@dataclass(frozen=True)
class NoticeLine:
    pk: int
    text: str
    url: str
    created_at: datetime.datetime
    unread: bool


@dataclass(frozen=True)
class NoticeCard:
    key: str
    latest: NoticeLine
    steps: tuple[NoticeLine, ...]  # oldest first, the latest included

    @property
    def unread(self) -> int:
        return sum(1 for step in self.steps if step.unread)


def _line(notice: Notice) -> NoticeLine:
    return NoticeLine(
        pk=notice.pk,
        text=render(notice.kind, notice.params or {}, fallback=notice.message),
        url=notice.url,
        created_at=notice.created_at,
        unread=notice.read_at is None,
    )


def notice_cards(*, user: User, unread_only: bool = False, limit: int = CARDS_SHOWN) -> list[NoticeCard]:
    """The person's notices as one card per object, newest first (one query, two with ``unread_only``)."""
    notices = Notice.objects.filter(user=user)
    if unread_only:
        keys = notices.filter(read_at__isnull=True).values("group_key")
        notices = notices.filter(group_key__in=keys)
    grouped: dict[str, list[Notice]] = {}
    for notice in notices.order_by("-created_at", "-pk")[: limit * 10]:
        grouped.setdefault(notice.group_key or f"notice:{notice.pk}", []).append(notice)
    cards = []
    for key, rows in list(grouped.items())[:limit]:
        lines = tuple(_line(row) for row in reversed(rows))
        cards.append(NoticeCard(key=key, latest=lines[-1], steps=lines))
    return cards


UNREAD_KEY = "portal:unread-notices:{}"
UNREAD_SECONDS = 120  # the header's badge: a count kept this long at most, forgotten at every change
request_cache.read_with_the_session(UNREAD_KEY)


def unread_count(*, user: User) -> int:
    """How many cards have something unread: one query, then from the cache until a notice changes."""
    key = UNREAD_KEY.format(user.pk)
    count = request_cache.read(key)
    if count is None:
        count = Notice.objects.filter(user=user, read_at__isnull=True).values("group_key").distinct().count()
        cache.set(key, count, UNREAD_SECONDS)
    return int(count)


def forget_unread(user_id: int) -> None:
    """A notice was made, read or removed: count again, now and once the transaction commits."""
    request_cache.forget(UNREAD_KEY.format(user_id))


def _notice_changed(instance: Notice, **_ignored: Any) -> None:
    forget_unread(instance.user_id)


def connect() -> None:
    """Called from PortalConfig.ready(); marking read is a queryset update, whose views call forget_unread."""
    for signal in (post_save, post_delete):
        signal.connect(_notice_changed, sender=Notice, dispatch_uid=f"portal-unread-notices-{signal}")


def unread_notices(request) -> dict[str, Any]:
    """Context processor: ``unread_notices``, counted only when a template uses it."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"unread_notices": SimpleLazyObject(lambda: unread_count(user=user))}
