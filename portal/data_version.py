"""The data version: a token in the cache that every write which can change a dashboard replaces.

A cached dashboard (issue 15.3, not built yet) keys its entry on (page, viewer, language, this
version), so it is never served after such a write. The writes: a study log, an answer, a
self-assessment, a review, an idea or an idea step, a framework or its items, a cycle (and its
frameworks, items and departments), a department or a membership. The signals of save and delete
move it, at once and again when the transaction commits. Queryset ``update()`` and
``bulk_update()`` send no signals: a service that uses them calls ``bump()`` itself (today:
``assessments.services`` manager ratings and the anonymisation of an account; see the report).
"""

import secrets

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

KEY = "portal:data-version"
SECONDS = 7 * 24 * 60 * 60


def current() -> str:
    """The current version (made up when the cache has none, e.g. after Redis restarted)."""
    version = cache.get(KEY)
    if version is None:
        cache.add(KEY, secrets.token_hex(8), SECONDS)
        version = cache.get(KEY)
    return str(version)


def bump(**_ignored) -> None:
    cache.set(KEY, secrets.token_hex(8), SECONDS)
    transaction.on_commit(lambda: cache.set(KEY, secrets.token_hex(8), SECONDS))


def connect() -> None:
    """Called from PortalConfig.ready()."""
    from assessments.models import Answer, Cycle, Framework, Improvement, Item, LookBack, Review, SelfAssessment
    from learning.models import GoldenIdea, IdeaStep, StudyLog, WorkdayOverride

    from .models import Department, Membership

    models = (StudyLog, Answer, SelfAssessment, Improvement, LookBack, Review, GoldenIdea, IdeaStep, Framework,
              Item, Cycle, Department, Membership, WorkdayOverride)  # fmt: skip
    for model in models:
        for signal in (post_save, post_delete):
            signal.connect(bump, sender=model, dispatch_uid=f"portal-data-version-{model.__name__}-{signal}")
    for through in (Cycle.frameworks.through, Cycle.items.through, Cycle.departments.through,
                    StudyLog.materials.through):  # fmt: skip
        m2m_changed.connect(bump, sender=through, dispatch_uid=f"portal-data-version-{through.__name__}")
