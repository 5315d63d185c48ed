"""Dashboards composed once and kept in the cache until a write can change them.

``cached_screen`` keeps what a screen composer returns (a frozen dataclass of plain values and
chart dicts, never the response: a page carries its own CSP nonce, CSRF token, messages and
navigation) under (page, viewer, language, today, data version, the page's parameters). The data
version (``portal/data_version.py``) moves with every write that can change a dashboard, so an entry
is never served stale; today's date is in the key because streaks, the today card and a cycle's
state move at midnight. The viewer is in every key, so nobody is ever served another person's
entry. Callers check access (and 404) before, and write their audit rows after, on every view.

``cached_page`` keeps a dashboard's body the same way, rendered: a cached view then costs one cache read
and the page around it, instead of unpickling the screen's models and rendering its charts again. The
body is rendered without the request, so it can hold nothing of one request (a CSRF token, a nonce,
messages): those stay in the page template around it.

``closed_cycle_rows`` keeps an aggregate's rows per closed cycle, without the data version: a closed
cycle changes only through the few writes that drop its entries (see ``data_version``).

``history_rows`` keeps what past days' saved logs give per department, under the study history's
version instead of the data version: the evening's saves (today's logs, answers, reviews) leave it.
"""

import datetime
import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import timezone, translation

from . import charts, data_version
from .data_version import CLOSED_KEY, CLOSED_KINDS

T = TypeVar("T")
Row = dict[str, Any]
SCREEN_KEY = "portal:screen:{name}:{viewer}:{language}:{today}:{version}:{params}"
SCREEN_SECONDS = 30 * 60
CLOSED_SECONDS = 30 * 24 * 60 * 60
HISTORY_KEY = "portal:study-history:{kind}:{id}:{version}"
HISTORY_SECONDS = 24 * 60 * 60
_MISSING = object()


def screen_key(name: str, *, viewer_id: int, today: datetime.date, params: Sequence[object] = ()) -> str:
    digest = hashlib.blake2b(repr(tuple(params)).encode(), digest_size=8).hexdigest()  # GET values stay out of the key
    return SCREEN_KEY.format(name=name, viewer=viewer_id, language=translation.get_language(),
                             today=today.isoformat(), version=data_version.current(), params=digest)  # fmt: skip


def cached_screen(name: str, *, viewer, compose: Callable[[datetime.date], T], params: Sequence[object] = ()) -> T:
    """Return ``compose(today)`` for this viewer, from the cache when nothing it shows has been written since.

    ``params`` are the page's parameters (department, cycle, member) as the request gave them.
    """
    today = timezone.localdate()
    # the version is read before composing: a write committing meanwhile moves it, so this entry goes unread
    key = screen_key(name, viewer_id=viewer.pk, today=today, params=params)
    screen = cache.get(key, _MISSING)
    if screen is _MISSING:
        screen = compose(today)
        cache.set(key, screen, SCREEN_SECONDS)
    return screen  # type: ignore[return-value]


@dataclass(frozen=True)
class Page:
    """A dashboard's body as HTML, and what its view needs beside it."""

    html: str  # a SafeString: rendered by the template engine
    plotly: bool  # a plotly figure is drawn: the page loads the chart script
    kept: Any  # what ``keep(screen)`` returned: the ids a view audits, the rows its forms need


def cached_page(
    name: str,
    *,
    viewer,
    compose: Callable[[datetime.date], Any],
    template: str,
    params: Sequence[object] = (),
    context: dict[str, Any] | None = None,
    keep: Callable[[Any], Any] = lambda screen: None,
) -> Page:
    """``cached_screen``, kept as ``template`` rendered with ``screen`` and ``context``.

    ``context`` is what the body shows beside the screen; a write that changes it must move the data
    version, as a department or a membership does for a manager's list of departments.
    """

    def render(today: datetime.date) -> Page:
        screen = compose(today)
        html = render_to_string(template, {"screen": screen, **(context or {})})
        return Page(html=html, plotly=charts.draws_plotly(screen), kept=keep(screen))

    return cached_screen(f"{name}:html", viewer=viewer, compose=render, params=params)


def closed_cycle_rows(
    kind: str,
    *,
    cycle_ids: Sequence[int],
    compute: Callable[[list[int]], list[Row]],
    state: Callable[[Row], tuple[int, bool]],
) -> list[Row]:
    """The rows of an aggregate over ``cycle_ids``: each closed cycle's kept, the others' from ``compute``.

    ``compute(ids)`` runs the aggregate for the cycles not kept (not at all when every one is);
    ``state(row)`` gives the row's cycle and whether that cycle is closed, so its rows are kept.
    Rows come back grouped by cycle: callers sort them.
    """
    if kind not in CLOSED_KINDS:
        raise ValueError(kind)
    keys = {pk: CLOSED_KEY.format(cycle=pk, kind=kind) for pk in dict.fromkeys(cycle_ids)}
    kept = cache.get_many(list(keys.values()))
    rows = [row for pk, key in keys.items() if key in kept for row in kept[key]]
    missing = [pk for pk, key in keys.items() if key not in kept]
    if not missing:
        return rows
    fresh = compute(missing)
    closed: dict[int, list[Row]] = {}
    for row in fresh:
        cycle_id, is_closed = state(row)
        if is_closed:
            closed.setdefault(cycle_id, []).append(row)
    cache.set_many({keys[pk]: found for pk, found in closed.items()}, CLOSED_SECONDS)
    return rows + fresh


def history_rows(
    kind: str, *, ids: Sequence[int], compute: Callable[[list[int]], dict[int, T]], empty: T
) -> dict[int, T]:
    """``compute(ids)``'s value for each id, kept until the study history moves (``data_version.history``).

    ``kind`` names the value and the past days it covers (their dates are in it, so it moves on at
    midnight); ``compute`` runs for the ids not kept, and an id it leaves out is kept as ``empty``.
    """
    version = data_version.history()  # read before computing: a write committing meanwhile leaves this entry unread
    keys = {pk: HISTORY_KEY.format(kind=kind, id=pk, version=version) for pk in dict.fromkeys(ids)}
    kept = cache.get_many(list(keys.values()))
    found = {pk: kept[key] for pk, key in keys.items() if key in kept}
    missing = [pk for pk in keys if pk not in found]
    if missing:
        fresh = compute(missing)
        found |= {pk: fresh.get(pk, empty) for pk in missing}
        cache.set_many({keys[pk]: found[pk] for pk in missing}, HISTORY_SECONDS)
    return found
