"""Template tags of the study calendar.

A year holds 365 cells: each is built here in Python, once, rather than by an included template per day,
which cost /me/ most of its time (about 0.8 s a request at 5,000 people, measured with cProfile).
"""

import datetime

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, gettext_lazy, ngettext, pgettext

from portal.i18n import month_day as _month_day

register = template.Library()

MARKS = {"saved": "✓", "draft": "…", "fillable": "+", "missed": "×"}


@register.filter
def month_day(day) -> str:
    """11月29日 on Chinese pages, 29 November on English ones."""
    return _month_day(day)


def _mark(day) -> str:
    if day.state in MARKS:
        return MARKS[day.state]
    if day.make_up:
        return pgettext("calendar mark: make-up workday", "work")
    return "" if day.is_workday else pgettext("calendar mark: rest day", "off")


STATE_LABELS = {
    "draft": gettext_lazy("draft, not saved yet"),
    "today": gettext_lazy("today, not logged yet"),
    "fillable": gettext_lazy("missed workday: open it to fill it in"),
    "missed": gettext_lazy("missed workday, too long ago to fill in"),
    "rest": gettext_lazy("day off"),
    "future": gettext_lazy("still to come"),
}


def _state_label(day) -> str:
    if day.state == "saved":
        return ngettext("logged, %(minutes)s minute", "logged, %(minutes)s minutes", day.minutes) % {
            "minutes": day.minutes
        }
    return str(STATE_LABELS[day.state])


def _label(day) -> str:
    comma = pgettext("clause separator", ", ")
    parts = [_month_day(day.date), _state_label(day)]
    if day.holiday:
        parts.append(day.holiday)
    elif day.make_up:
        parts.append(gettext("make-up workday"))
    return comma.join(parts)


def _note(day, big: bool) -> SafeString | str:
    if big and day.holiday:
        return format_html('<span class="day__note" aria-hidden="true">{}</span>', day.holiday)
    if big and day.make_up:
        return format_html('<span class="day__note" aria-hidden="true">{}</span>', gettext("make-up workday"))
    return ""


def _classes(day, today: datetime.date) -> str:
    flags = [f"day--{day.state}"]
    flags += ["day--holiday"] * bool(day.holiday) + ["day--make-up"] * day.make_up + ["day--now"] * (day.date == today)
    return " ".join(["day", *flags])


def _day_url(context, day, today: datetime.date) -> str:
    urls = context.render_context.setdefault("learning_calendar_urls", {})
    if not urls:
        urls["today"] = reverse("learning:log-today")
        urls["day"] = reverse("learning:log-day", args=["2000-01-01"]).replace("2000-01-01", "{}")
    return urls["today"] if day.date == today else urls["day"].format(day.date.isoformat())


@register.simple_tag(takes_context=True)
def calendar_day(context, day, today: datetime.date, big: bool = False) -> SafeString:
    """One day's cell: its mark, its note on the big month, a label for screen readers, a link when it opens."""
    inner = format_html(
        '<span class="day__number" aria-hidden="true">{}</span><span class="day__mark" aria-hidden="true">{}</span>'
        '{}<span class="visually-hidden">{}</span>',
        day.date.day, _mark(day), _note(day, big), _label(day),
    )  # fmt: skip
    if day.has_link:
        current = mark_safe(' aria-current="date"') if day.date == today else ""  # noqa: S308 (a constant)
        inner = format_html('<a href="{}"{}>{}</a>', _day_url(context, day, today), current, inner)
    return format_html('<td class="{}">{}</td>', _classes(day, today), inner)
