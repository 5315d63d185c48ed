"""Writes of the learning app: study logs (autosave and save), golden ideas, reminders, anonymisation.

Nothing typed is lost (DESIGN.md): every write of a log locks its one row (created on demand
with INSERT ... ON CONFLICT DO NOTHING, so parallel requests never make a second row), and
compares the version the browser started from with the stored one. A stale browser whose
text differs from the stored text gets ``StaleLog`` with the newer text, never a silent
overwrite; a repeat of the very same text (a double submit) simply succeeds.
"""

import datetime
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy

from portal import data_version
from portal.models import Membership, User
from portal.services import notice_send

from .models import GoldenIdea, IdeaStep, MaterialOpen, StudyLog, StudyMaterialPage
from .notices import IDEA_KIND, REMINDER_KIND, reminder_message

REMINDER_SUBJECT = gettext_lazy("Tonight's study log")
REMINDER_BODY = gettext_lazy(
    "%(message)s\n\nWrite tonight's log: %(url)s\n\nYou can turn these reminders off in My settings: %(settings)s"
)

LogData = dict[str, Any]
DRAFT_TEXT_LIMIT = 20_000
LOG_FIELDS = ("minutes", "materials", "sources", "insight", "items", "share_insight", "highlight")
LIST_FIELDS = ("materials", "items")

NEXT_STATUSES: Mapping[str, tuple[str, ...]] = {
    GoldenIdea.Status.SUBMITTED: (GoldenIdea.Status.UNDER_STUDY,),
    GoldenIdea.Status.UNDER_STUDY: (GoldenIdea.Status.ADOPTED, GoldenIdea.Status.NOT_ADOPTED),
    GoldenIdea.Status.ADOPTED: (GoldenIdea.Status.IMPLEMENTED,),
    GoldenIdea.Status.NOT_ADOPTED: (),
    GoldenIdea.Status.IMPLEMENTED: (),
}


class StaleLog(Exception):
    """The browser started from an older version and typed something else than what is stored."""

    def __init__(self, log: StudyLog):
        super().__init__("a newer version of this log was saved")
        self.log = log


class IdeaMoveRefused(Exception):
    """The idea is no longer in the status the manager saw, or cannot go to the one asked."""


def log_data_from_post(post: Mapping[str, Any]) -> LogData:
    """Keep the log fields of a POST as typed (strings, lists for the multiple choices)."""
    data: LogData = {}
    for name in LOG_FIELDS:
        if name in LIST_FIELDS:
            values = post.getlist(name) if hasattr(post, "getlist") else post.get(name, [])
            data[name] = [str(v)[:100] for v in values][:200]
        else:
            data[name] = str(post.get(name, ""))[:DRAFT_TEXT_LIMIT]
    return data


def log_data(log: StudyLog) -> LogData:
    """The log's current text as a browser would post it: the draft when there is one, else the saved fields."""
    if log.draft is not None:
        return {name: log.draft.get(name, [] if name in LIST_FIELDS else "") for name in LOG_FIELDS}
    return {
        "minutes": str(log.minutes) if log.is_saved or log.minutes else "",
        "materials": [str(pk) for pk in log.materials.order_by("pk").values_list("pk", flat=True)],
        "sources": log.sources,
        "insight": log.insight,
        "items": list(log.items),
        "share_insight": "on" if log.share_insight else "",
        "highlight": "on" if log.highlight else "",
    }


def _same(a: LogData, b: LogData) -> bool:
    def norm(data: LogData) -> dict:
        return {
            name: sorted(data.get(name) or []) if name in LIST_FIELDS else str(data.get(name) or "").strip()
            for name in LOG_FIELDS
        }

    return norm(a) == norm(b)


def _locked_log(*, user: User, date: datetime.date) -> StudyLog:
    """The person's log of ``date``, locked until the transaction ends; created empty on the first write.

    One statement when the log exists (every autosave but the first of the evening); the first
    inserts it (a concurrent first write is no error: ON CONFLICT DO NOTHING) and reads it again.
    """
    locked = StudyLog.objects.select_for_update().filter(user=user, date=date)
    log = next(iter(locked.order_by()[:1]), None)
    if log is None:
        StudyLog.objects.bulk_create([StudyLog(user=user, date=date)], ignore_conflicts=True)
        log = locked.get()
    return log


def _check_version(log: StudyLog, *, version: int, data: LogData) -> bool:
    """Say whether the write changes anything; raise StaleLog when it would overwrite newer text."""
    if _same(log_data(log), data):
        return False
    if version != log.version:
        raise StaleLog(log)
    return True


@transaction.atomic
def study_log_autosave(*, user: User, date: datetime.date, data: LogData, version: int) -> StudyLog:
    """Keep what the person typed as the log's draft, as typed, and return the log with its new version."""
    log = _locked_log(user=user, date=date)
    if _check_version(log, version=version, data=data):
        log.draft = data
        log.version += 1
        log.save(update_fields=["draft", "version", "updated_at"])
    return log


@transaction.atomic
def study_log_save(
    *,
    user: User,
    date: datetime.date,
    cleaned: Mapping[str, Any],
    data: LogData,
    version: int,
) -> StudyLog:
    """Save the validated log, clear its draft and return it; raise StaleLog over newer text."""
    log = _locked_log(user=user, date=date)
    changed = _check_version(log, version=version, data=data)
    if not changed and log.is_saved and log.draft is None:
        return log
    log.minutes = cleaned["minutes"]
    log.sources = cleaned["sources"]
    log.insight = cleaned["insight"]
    log.items = list(cleaned["items"])
    log.share_insight = cleaned["share_insight"]
    log.highlight = cleaned["highlight"]
    log.draft = None
    log.version += 1
    log.saved_at = log.saved_at or timezone.now()
    log.save()
    log.materials.set(cleaned["materials"])
    return log


@transaction.atomic
def study_log_add_material(*, user: User, date: datetime.date, material: StudyMaterialPage) -> StudyLog:
    """Add a material to the person's log of ``date`` ("I studied this"), draft included."""
    log = _locked_log(user=user, date=date)
    log.materials.add(material)
    if log.draft is not None:
        materials = [str(pk) for pk in log.draft.get("materials", [])]
        if str(material.pk) not in materials:
            log.draft = {**log.draft, "materials": [*materials, str(material.pk)]}
    log.version += 1
    log.save(update_fields=["draft", "version", "updated_at"])
    return log


@transaction.atomic
def idea_submit(*, author: User, title: str, body: str, category: str, submission_key) -> GoldenIdea:
    """Create the idea and its first step; the same submission key twice returns the first idea."""
    idea, created = GoldenIdea.objects.get_or_create(
        author=author,
        submission_key=submission_key,
        defaults={"title": title, "body": body, "category": category},
    )
    if created:
        IdeaStep.objects.create(idea=idea, status=GoldenIdea.Status.SUBMITTED, by=author, created_at=idea.created_at)
    return idea


@transaction.atomic
def idea_advance(*, idea: GoldenIdea, from_status: str, to_status: str, note: str, by: User) -> GoldenIdea:
    """Move the idea one step along the pipeline with the manager's note, and tell the author."""
    idea = GoldenIdea.objects.select_for_update().get(pk=idea.pk)
    if idea.status != from_status or to_status not in NEXT_STATUSES[idea.status]:
        raise IdeaMoveRefused(idea.status)
    idea.status = to_status
    idea.save(update_fields=["status", "updated_at"])
    step = IdeaStep.objects.create(idea=idea, status=to_status, note=note, by=by)
    notice_send(
        user=idea.author,
        kind=IDEA_KIND,
        params={"idea": idea.pk, "title": idea.title, "status": to_status},
        url=reverse("learning:idea-detail", args=[idea.pk]),
        dedupe_key=f"idea-step:{step.pk}",
        group=f"idea:{idea.pk}",
    )
    return idea


def study_reminders_send(*, now: datetime.datetime, reminder_time: datetime.time, is_workday) -> int:
    """Remind people with reminders on and no saved log today, once a day; return how many were reminded.

    Each person is reminded from their own reminder time, or the site's (``reminder_time``) when they
    chose none; nothing happens on a day off. The email goes only to those who want notices by email.
    Running it again the same day sends nothing new: the in-app notice's key is the date, and the
    email goes with it. The text is rendered in each person's language when it is sent.
    """
    local = timezone.localtime(now)
    today = local.date()
    if not is_workday(today):
        return 0
    due = Q(reminder_time__lte=local.time())
    if local.time() >= reminder_time:
        due |= Q(reminder_time__isnull=True)
    logged = StudyLog.objects.saved().filter(user=OuterRef("pk"), date=today)
    people = (
        User.objects.filter(due, is_active=True, reminders_enabled=True, memberships__role=Membership.Role.MEMBER)
        .exclude(Exists(logged))
        .distinct()
        .order_by("pk")
    )
    url = reverse("learning:log-today")
    link = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + url
    settings_link = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("dashboards:settings")
    sent = 0
    for person in people:
        with transaction.atomic():
            if not notice_send(
                user=person, kind=REMINDER_KIND, url=url, dedupe_key=f"study:{today}", group=REMINDER_KIND
            ):
                continue
            if person.email and person.email_notices:
                with translation.override(person.preferred_language):
                    body = REMINDER_BODY % {"message": reminder_message({}), "url": link, "settings": settings_link}
                    send_mail(str(REMINDER_SUBJECT), str(body), None, [person.email])
        sent += 1
    return sent


ANONYMISED = "—"


@transaction.atomic
def learning_anonymise_user(*, user: User) -> None:
    """Remove every text the person wrote in logs and ideas; keep dates, minutes and statuses."""
    StudyLog.objects.filter(user=user).update(sources="", insight="", draft=None, share_insight=False, highlight=False)
    GoldenIdea.objects.filter(author=user).update(title=ANONYMISED, body="")
    IdeaStep.objects.filter(Q(by=user) | Q(idea__author=user)).update(note="")


def material_open_record(*, user: User, material: StudyMaterialPage) -> None:
    """Note that ``user`` opened ``material`` now: one statement, one row per person and material.

    It moves the person's own data version (their home feed's "continue"), nobody else's.
    """
    now = timezone.now()
    MaterialOpen.objects.bulk_create(
        [MaterialOpen(user=user, page=material, first_opened_at=now, last_opened_at=now)],
        update_conflicts=True,
        unique_fields=["user", "page"],
        update_fields=["last_opened_at"],
    )
    data_version.bump_person(user.pk)
