"""Page view restrictions, which Wagtail looks up on every page it serves (two queries up the tree).

The portal requires sign-in everywhere, so an office seldom restricts a page further: whether any
restriction exists is kept in the cache and forgotten whenever one is saved or deleted, and the two
queries run only when there is one.
"""

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.models import PageViewRestriction

KEY = "cms:page-view-restrictions-exist"
SECONDS = 24 * 60 * 60


def any_exist() -> bool:
    exist = cache.get(KEY)
    if exist is None:
        exist = PageViewRestriction.objects.exists()
        cache.set(KEY, exist, SECONDS)
    return bool(exist)


def forget(**_ignored) -> None:
    cache.delete(KEY)
    transaction.on_commit(lambda: cache.delete(KEY))


def connect() -> None:
    """Called from CmsConfig.ready()."""
    for signal in (post_save, post_delete):
        signal.connect(forget, sender=PageViewRestriction, dispatch_uid=f"cms-view-restrictions-{signal}")


class ViewRestrictionsMixin:
    """For every page model: no restriction query while the office has no restriction at all."""

    def get_view_restrictions(self):
        if not any_exist():
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()
