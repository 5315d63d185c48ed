"""Content in the reader's language, with Wagtail's localisation and no language in the URL.

Every page is written first in Chinese, the default locale: that page is the original. Editors may
translate it from the admin ("Translate", Wagtail's simple_translation) into English, a copy in the
English tree with the same translation key. The original is what everything points at: the URL (found
in the original tree, cms/views.py), listings (originals only, never a page twice), links and study
records. What the reader sees follows their language (their setting, portal.middleware): the page
itself is the live translation when there is one, else the original; a listing shows the original
with the translation's title and summary. Chinese readers cost no query; English ones one a listing.
"""

from collections.abc import Iterable, Sequence
from typing import Any, TypeVar

from django.conf import settings
from django.db.models import QuerySet
from django.utils import translation
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Page

P = TypeVar("P", bound=Page)
LISTED_FIELDS = ("title", "summary")


def reader_language() -> str:
    """The content language of the page being made: the active language, as Wagtail's locales name it."""
    try:
        return get_supported_content_language_variant(translation.get_language() or settings.LANGUAGE_CODE)
    except LookupError:
        return settings.LANGUAGE_CODE


def reads_original() -> bool:
    return reader_language() == settings.LANGUAGE_CODE


def originals(pages: QuerySet[P]) -> QuerySet[P]:
    """Narrow ``pages`` to originals (the default locale): a translated page is listed once."""
    return pages.filter(locale__language_code=settings.LANGUAGE_CODE)


def in_reader_language(page: P) -> P:
    """The live translation of ``page`` in the reader's language, else ``page`` (no query for Chinese readers)."""
    if reads_original():
        return page
    translated = (
        type(page)
        .objects.live()
        .filter(translation_key=page.translation_key, locale__language_code=reader_language())
        .exclude(pk=page.pk)
        .first()
    )
    return translated or page


def translated_fields(
    model: type[Page], keys: Iterable[Any], fields: Sequence[str] = LISTED_FIELDS
) -> dict[Any, dict[str, Any]]:
    """The ``fields`` of the live translations in the reader's language, by translation key (one query)."""
    keys = list(keys)
    if reads_original() or not keys:
        return {}
    rows = (
        model.objects.live()
        .filter(translation_key__in=keys, locale__language_code=reader_language())
        .values("translation_key", *fields)
    )
    return {row.pop("translation_key"): row for row in rows}


def show_translations(pages: Iterable[P], fields: Sequence[str] = LISTED_FIELDS) -> list[P]:
    """Return the listed originals with the title and summary of the reader's translation where there is one.

    For display only: the objects stay the originals (their id and URL), and are never saved after this.
    """
    pages = list(pages)
    if not pages:
        return pages
    found = translated_fields(type(pages[0]), {page.translation_key for page in pages}, fields)
    for page in pages:
        for name, value in found.get(page.translation_key, {}).items():
            if value:
                setattr(page, name, value)
    return pages
