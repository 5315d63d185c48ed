"""The data version: a token in the cache that every write which can change a dashboard replaces.

A cached dashboard (``portal/page_cache.py``) keys its entry on (page, viewer, language, day, this
version), so it is never served after such a write. The writes: a study log, an answer, a
self-assessment, a review, an idea or an idea step, a framework or its items, a cycle (and its
frameworks, items and departments), a department or a membership, a leave period, a workday
override, the site's study settings and a person's name or state. The signals of save and delete
move it, at once and again when the transaction commits. Two saves leave it alone: a log's autosaved
draft after its first (no dashboard shows a draft's text, only that a draft row exists) and a
sign-in's ``last_login`` or password upgrade.

Queryset ``update()``, ``bulk_update()`` and ``bulk_create()`` send no signals: a service that uses
them calls ``bump()`` itself unless a signalled save in the same transaction moves it anyway (today
every one does: ``review_save`` saves the review beside its manager ratings, ``framework_save`` the
framework, ``user_anonymise`` the user; ``_locked_log``'s empty row is followed by its first save).

A person's own version (``person``) moves only with what one person does that shows to that person
alone: opening a study material (its home feed's "continue"). It sits beside the data version in the
home feed's key, so a beacon sent from every material page empties nobody else's pages.

The content version (``content``) moves with the library alone: a saved (published, unpublished),
moved or deleted page and a topic (tag). The library's cards (``learning.library``) are kept under
it, the same for everyone. Those writes move the data version too: the kept feeds list those cards.
A page's also drops the kept site (``request_cache.forget_sites``), which holds its root page.

The study history's version (``history``) moves with the writes that can change what past days' saved
logs count for a department: a log saved or deleted for a day before today, a membership, a person (a
leaver), a department, and any ``bump()`` made by hand. The others (``bump_present``: an answer, a
review, an idea, a framework, a cycle, a page, today's log) leave it, so /org/'s counts of the past
four weeks (``learning.selectors.department_log_days``) are read once a day, not after every save of
the evening.

A closed cycle's aggregates (``page_cache.closed_cycle_rows``) are not keyed on the version: a
closed cycle changes only when one of its assessments is reopened or resubmitted, or the cycle, a
framework or an item is edited, and those writes drop its entries here.
"""

import secrets

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone

from . import request_cache

KEY = "portal:data-version"
PERSON_KEY = "portal:data-version:person:{}"
CONTENT_KEY = "portal:content-version"
HISTORY_KEY = "portal:data-version:study-history"
SECONDS = 7 * 24 * 60 * 60
DRAFT_FIELDS = frozenset({"draft", "version", "updated_at"})
SIGN_IN_FIELDS = frozenset({"last_login", "password"})
DRAFT_STEP_FIELDS = frozenset({"version", "updated_at"})
request_cache.read_with_the_session(KEY, CONTENT_KEY, PERSON_KEY, HISTORY_KEY)


CLOSED_KEY = "portal:closed-cycle:{cycle}:{kind}"  # page_cache.closed_cycle_rows keeps a closed cycle's rows here
CLOSED_KINDS = ("framework-means:department", "framework-means:office")


def closed_cycle_drop(cycle_ids) -> None:
    """Forget what is kept about these cycles (a reopen, a resubmission, an edited cycle or framework)."""
    cache.delete_many([CLOSED_KEY.format(cycle=pk, kind=kind) for pk in cycle_ids for kind in CLOSED_KINDS])


def _token(key: str) -> str:
    version = request_cache.read(key)
    if version is None:  # made up when the cache has none, e.g. after Redis restarted
        cache.add(key, secrets.token_hex(8), SECONDS)
        version = cache.get(key)
    return str(version)


def current() -> str:
    """The current version."""
    return _token(KEY)


def bump(**_ignored) -> None:
    request_cache.renew(KEY, SECONDS)
    request_cache.renew(HISTORY_KEY, SECONDS)


def bump_present(**_ignored) -> None:
    """The data version alone: a write that leaves every past day's saved logs and who belongs where."""
    request_cache.renew(KEY, SECONDS)


def history() -> str:
    """The study history's version: past days' saved logs and the memberships they count for."""
    return _token(HISTORY_KEY)


def person(user_id: int) -> str:
    """The person's own version (what they alone see moves it)."""
    return _token(PERSON_KEY.format(user_id))


def bump_person(user_id: int) -> None:
    request_cache.renew(PERSON_KEY.format(user_id), SECONDS)


def content() -> str:
    """The library's version: pages and topics."""
    return _token(CONTENT_KEY)


def bump_content(**_ignored) -> None:
    request_cache.renew(CONTENT_KEY, SECONDS)
    bump_present()


def _page_changed(sender, instance, **kwargs) -> None:
    from wagtail.models import Page

    if isinstance(instance, Page):  # any page model: the library's listings and the feed show live pages
        _pages_changed()


def _pages_changed(**_ignored) -> None:
    bump_content()
    request_cache.forget_sites()  # the kept site holds its root page


def _log_saved(sender, instance, update_fields=None, **kwargs) -> None:
    # every autosave rewrites the draft: the evening's busiest write would otherwise empty every cached page
    if update_fields and DRAFT_FIELDS.issuperset(update_fields) and instance.version > 1:
        return
    _log_changed(sender, instance)


def _log_changed(sender, instance, **kwargs) -> None:
    if instance.date >= timezone.localdate():
        bump_present()
    else:  # a late log, or one deleted: a past day's count changes
        bump()


def _settings_saved(sender, created=False, **kwargs) -> None:
    if not created:  # the row Wagtail makes on the first read holds the defaults that were shown already
        bump()


def _user_saved(sender, instance, update_fields=None, **kwargs) -> None:
    if update_fields and SIGN_IN_FIELDS.issuperset(update_fields):
        return
    bump()


def _drop_closed(cycle_ids) -> None:
    ids = list(cycle_ids)
    closed_cycle_drop(ids)
    transaction.on_commit(lambda: closed_cycle_drop(ids))


def _assessment_changed(sender, instance, update_fields=None, **kwargs) -> None:
    if update_fields and DRAFT_STEP_FIELDS.issuperset(update_fields):  # a draft's step: counted nowhere yet
        return
    _drop_closed([instance.cycle_id])


def _cycle_changed(sender, instance, **kwargs) -> None:
    _drop_closed([instance.pk])


def _cycle_m2m_changed(sender, instance, action, reverse, **kwargs) -> None:
    if not action.startswith("post_"):
        return
    if reverse:  # framework.cycles.add(...): dropped for every cycle, as for an edited framework
        _framework_changed(sender)
    else:
        _drop_closed([instance.pk])


def _framework_changed(sender, **kwargs) -> None:
    from assessments.models import Cycle

    _drop_closed(Cycle.objects.values_list("pk", flat=True))


def connect() -> None:
    """Called from PortalConfig.ready()."""
    from taggit.models import Tag
    from wagtail.signals import post_page_move

    from assessments.models import Answer, Cycle, Framework, Improvement, Item, LookBack, Review, SelfAssessment
    from cms.models import PortalSettings
    from learning.models import GoldenIdea, IdeaStep, StudyLog, WorkdayOverride

    from .models import Department, LeavePeriod, Membership, User

    present = (Answer, SelfAssessment, Improvement, LookBack, Review, GoldenIdea, IdeaStep, Framework, Item, Cycle,
               LeavePeriod, WorkdayOverride)  # fmt: skip
    receivers = {**dict.fromkeys(present, bump_present), Department: bump, Membership: bump}
    for model, receiver in receivers.items():
        for signal in (post_save, post_delete):
            signal.connect(receiver, sender=model, dispatch_uid=f"portal-data-version-{model.__name__}-{signal}")
    post_save.connect(_log_saved, sender=StudyLog, dispatch_uid="portal-data-version-StudyLog-save")
    post_delete.connect(_log_changed, sender=StudyLog, dispatch_uid="portal-data-version-StudyLog-delete")
    post_save.connect(_settings_saved, sender=PortalSettings, dispatch_uid="portal-data-version-PortalSettings-save")
    post_delete.connect(bump, sender=PortalSettings, dispatch_uid="portal-data-version-PortalSettings-delete")
    post_save.connect(_user_saved, sender=User, dispatch_uid="portal-data-version-User-save")
    post_delete.connect(bump, sender=User, dispatch_uid="portal-data-version-User-delete")
    for through in (Cycle.frameworks.through, Cycle.items.through, Cycle.departments.through,
                    StudyLog.materials.through):  # fmt: skip
        m2m_changed.connect(bump_present, sender=through, dispatch_uid=f"portal-data-version-{through.__name__}")
    for signal in (post_save, post_delete):  # publishing and unpublishing save the page
        signal.connect(_page_changed, dispatch_uid=f"portal-data-version-page-{signal}")
    post_page_move.connect(_pages_changed, dispatch_uid="portal-data-version-page-moved")
    for signal in (post_save, post_delete):
        signal.connect(bump_content, sender=Tag, dispatch_uid=f"portal-content-version-tag-{signal}")
    # a closed cycle's aggregates: dropped by the writes that can still change them
    for signal in (post_save, post_delete):
        signal.connect(_assessment_changed, sender=SelfAssessment, dispatch_uid=f"portal-closed-assessment-{signal}")
        signal.connect(_cycle_changed, sender=Cycle, dispatch_uid=f"portal-closed-cycle-{signal}")
        for model in (Framework, Item):
            signal.connect(_framework_changed, sender=model, dispatch_uid=f"portal-closed-{model.__name__}-{signal}")
    for through in (Cycle.frameworks.through, Cycle.items.through):
        m2m_changed.connect(_cycle_m2m_changed, sender=through, dispatch_uid=f"portal-closed-{through.__name__}")
