from django.utils.translation import get_language


def in_language(zh: str, en: str) -> str:
    """Pick the English text on English pages when there is one, else the Chinese (the portal's first language)."""
    return en if en and (get_language() or "").startswith("en") else zh


def month_day(day) -> str:
    """A day of the year as people write it: 11月29日 on Chinese pages, 29 November on English ones."""
    return month_day_in(day, english=(get_language() or "").startswith("en"))


def month_day_in(day, *, english: bool) -> str:
    """``month_day`` for a caller that knows the language already (a calendar writes 396 of them)."""
    from django.utils.formats import date_format

    return date_format(day, "j F") if english else f"{day.month}月{day.day}日"
