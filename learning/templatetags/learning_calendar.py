"""Template tags of the study calendar.

A year holds 365 cells: they are built here in Python, a month's weeks at a time, rather than by an
included template per day, which cost /me/ most of its time (about 0.8 s a request at 5,000 people,
measured with cProfile); a template loop over the cells still cost 11 ms of a 16 ms page body.
"""

import datetime
import functools
import html
from dataclasses import dataclass, field

from django import template
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext, gettext_lazy, ngettext, pgettext

from portal.i18n import month_day as _month_day
from portal.i18n import month_day_in

register = template.Library()

MARKS = {"saved": "✓", "draft": "…", "fillable": "+", "missed": "×"}


@register.filter
def month_day(day) -> str:
    """11月29日 on Chinese pages, 29 November on English ones."""
    return _month_day(day)


def _weekday_names() -> list[tuple[str, str]]:
    """(full name, short name), Monday first, in the active language."""
    return [
        (gettext("Monday"), pgettext("weekday", "Mo")), (gettext("Tuesday"), pgettext("weekday", "Tu")),
        (gettext("Wednesday"), pgettext("weekday", "We")), (gettext("Thursday"), pgettext("weekday", "Th")),
        (gettext("Friday"), pgettext("weekday", "Fr")), (gettext("Saturday"), pgettext("weekday", "Sa")),
        (gettext("Sunday"), pgettext("weekday", "Su")),
    ]  # fmt: skip


STATE_LABELS = {
    "draft": gettext_lazy("draft, not saved yet"),
    "today": gettext_lazy("today, not logged yet"),
    "fillable": gettext_lazy("missed workday: open it to fill it in"),
    "missed": gettext_lazy("missed workday, too long ago to fill in"),
    "rest": gettext_lazy("day off"),
    "future": gettext_lazy("still to come"),
}


@dataclass
class Words:
    """What every cell says, in one language, translated and escaped once a process (not once a cell)."""

    comma: str = field(default_factory=lambda: pgettext("clause separator", ", "))
    work: str = field(default_factory=lambda: html.escape(pgettext("calendar mark: make-up workday", "work")))
    off: str = field(default_factory=lambda: html.escape(pgettext("calendar mark: rest day", "off")))
    make_up: str = field(default_factory=lambda: gettext("make-up workday"))
    states: dict[str, str] = field(default_factory=lambda: {state: str(text) for state, text in STATE_LABELS.items()})
    logged: dict[int, str] = field(default_factory=dict)
    english: bool = field(default_factory=lambda: (get_language() or "").startswith("en"))
    today_url: str = field(default_factory=lambda: html.escape(reverse("learning:log-today")))
    day_url: str = field(default_factory=lambda: html.escape(reverse("learning:log-day", args=["2000-01-01"])))
    weekdays: str = field(default_factory=lambda: "".join(
        f'\n        <th scope="col" abbr="{html.escape(name)}">{html.escape(short)}</th>'
        for name, short in _weekday_names()
    ))  # fmt: skip

    def state(self, day) -> str:
        if day.state != "saved":
            return self.states[day.state]
        if day.minutes not in self.logged:
            text = ngettext("logged, %(minutes)s minute", "logged, %(minutes)s minutes", day.minutes)
            self.logged[day.minutes] = text % {"minutes": day.minutes}
        return self.logged[day.minutes]


@functools.cache
def _words_in(language: str) -> Words:  # noqa: ARG001 (the cache's key: Words() reads the active language)
    return Words()


def _words() -> Words:
    """The words of the active language, made once a process (not once a month: each is an include)."""
    return _words_in(get_language() or "")


def _mark(day, words: Words) -> str:
    if day.state in MARKS:
        return MARKS[day.state]
    if day.make_up:
        return words.work
    return "" if day.is_workday else words.off


def _label(day, words: Words) -> str:
    parts = [month_day_in(day.date, english=words.english), words.state(day)]
    if day.holiday:
        parts.append(day.holiday)
    elif day.make_up:
        parts.append(words.make_up)
    return html.escape(words.comma.join(parts))


def _note(day, big: bool, words: Words) -> str:
    text = day.holiday or (words.make_up if day.make_up else "")
    return f'<span class="day__note" aria-hidden="true">{html.escape(text)}</span>' if big and text else ""


def _classes(day, today: datetime.date) -> str:
    flags = [f"day--{day.state}"]
    flags += ["day--holiday"] * bool(day.holiday) + ["day--make-up"] * day.make_up + ["day--now"] * (day.date == today)
    return html.escape(" ".join(["day", *flags]))


def _cell(day, today: datetime.date, big: bool, words: Words) -> str:
    """One day's cell: its mark, its note on the big month, a label for screen readers, a link when it opens.

    Built with html.escape() on every text (what Django's escape() calls), as format_html would, at a
    fraction of its cost.
    """
    if day is None:
        return '<td class="day day--pad"></td>'
    inner = (
        f'<span class="day__number" aria-hidden="true">{day.date.day}</span>'
        f'<span class="day__mark" aria-hidden="true">{_mark(day, words)}</span>'
        f'{_note(day, big, words)}<span class="visually-hidden">{_label(day, words)}</span>'
    )
    if day.has_link:
        is_today = day.date == today
        href = words.today_url if is_today else words.day_url.replace("2000-01-01", day.date.isoformat())
        current = ' aria-current="date"' if is_today else ""
        inner = f'<a href="{href}"{current}>{inner}</a>'
    return f'<td class="{_classes(day, today)}">{inner}</td>'


@register.simple_tag
def calendar_weekdays() -> SafeString:
    """The month's header cells, Monday first."""
    return mark_safe(_words().weekdays)  # noqa: S308 (escaped in Words)


@register.simple_tag
def calendar_weeks(month, today: datetime.date, big: bool = False) -> SafeString:
    """The month's rows, a week each."""
    words = _words()
    rows = ("<tr>" + "".join(_cell(day, today, big, words) for day in week) + "</tr>\n    " for week in month.weeks)
    return mark_safe("".join(rows))  # noqa: S308 (every text escaped in _cell)
