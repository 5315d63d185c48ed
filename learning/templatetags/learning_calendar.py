"""Template filters of the study calendar."""

from django import template

from portal.i18n import month_day as _month_day

register = template.Library()


@register.filter
def month_day(day) -> str:
    """11月29日 on Chinese pages, 29 November on English ones."""
    return _month_day(day)
