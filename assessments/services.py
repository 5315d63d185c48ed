"""Writes of the assessments app: item versions, cycles, the person's assessment, the manager's review.

Rules (DESIGN.md, "Self-assessments"): a draft is saved with an optimistic version check
(``version`` must match, else ``VersionConflict``), only while its cycle is open; submit
locks it and is idempotent; only a manager of the assessment's department reopens it, with
a reason and a personal deadline; a closed cycle accepts no change and keeps the draft as it
was, except an assessment reopened after (or across) the close, which stays editable until
its personal deadline (``SelfAssessment.is_editable``). Every change of state is recorded as
an ``AssessmentEvent`` the person reads with its reason. A review carries a version: a stale
tab or a parallel post raises ``ReviewConflict`` instead of overwriting a newer review.
"""

import calendar
import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal import access
from portal.models import Department, User
from portal.services import notice_send

from . import tasks
from .models import Answer, AssessmentEvent, Cycle, Framework, Improvement, Item, LookBack, Review, SelfAssessment
from .selectors import assessment_missing, cycle_audience, cycle_item_rows, cycle_pending_people, previous_assessment

ERROR_CYCLE_CLOSED = _("This cycle has closed: no more changes are accepted. Your draft is kept as it was.")
ERROR_CYCLE_NOT_OPEN = _("This cycle is not open yet.")
ERROR_NOT_IN_AUDIENCE = _("This cycle is not meant for your department.")
ERROR_LOCKED = _("This self-assessment has been submitted and is locked. Only your manager can reopen it.")
ERROR_INCOMPLETE = _("Some answers are still missing. They are listed below.")
ERROR_NOT_SUBMITTED = _("Only a submitted self-assessment can be reopened or reviewed.")
ERROR_REOPEN_REASON = _("Give a reason for reopening, so the person knows what to look at again.")
ERROR_REOPEN_UNTIL = _("Choose a deadline from today to %(days)d days ahead.")
ERROR_REOPEN_NOT_OPENED = _("This cycle never opened: there is nothing to reopen.")
ERROR_DEADLINE_PASSED = _("The deadline set when this self-assessment was reopened has passed. Your draft is kept.")
REOPEN_MAX_DAYS = 60
REOPEN_DEFAULT_DAYS = 7


class AssessmentRefused(Exception):
    """The change is not allowed now (closed cycle, locked assessment); ``message`` says why."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


class VersionConflict(Exception):
    """Someone saved newer answers (another tab or device) since this form was loaded."""

    def __init__(self, assessment: SelfAssessment):
        super().__init__("version conflict")
        self.assessment = assessment


class ReviewConflict(Exception):
    """Someone saved a newer review (another tab, another manager) since this form was loaded."""

    def __init__(self, review: Review):
        super().__init__("review version conflict")
        self.review = review


class AssessmentIncomplete(AssessmentRefused):
    def __init__(self, missing):
        super().__init__(ERROR_INCOMPLETE)
        self.missing = missing


@dataclass(frozen=True)
class AnswerInput:
    rating: int | None
    note: str


@dataclass(frozen=True)
class LookBackInput:
    progress: str
    note: str


@dataclass
class DraftInput:
    """What one step of the form sends; ``improvements`` is None when the step does not carry them."""

    answers: dict[int, AnswerInput] = field(default_factory=dict)
    improvements: list[str] | None = None
    look_backs: dict[int, LookBackInput] = field(default_factory=dict)


# --- Frameworks and item versions ------------------------------------------------------------


def item_is_frozen(item: Item) -> bool:
    return item.pk is not None and item.cycles.exists()


VERSIONED_FIELDS = ("order", "title_zh", "title_en", "description_zh", "description_en", "anchor_1_zh",
                    "anchor_1_en", "anchor_3_zh", "anchor_3_en", "anchor_5_zh", "anchor_5_en")  # fmt: skip


@transaction.atomic
def framework_save(*, save: Callable[[], Framework], changed: Iterable[Item], removed: Iterable[Item]) -> Framework:
    """Save a framework edited in the admin (``save`` does it) keeping item rows used by an opened cycle as they were.

    A changed frozen item keeps its old wording in its old row, which stops being current, and
    its new wording becomes a new row (same code, version + 1). A removed frozen item only stops
    being current, so it is never deleted. Items no opened cycle uses are edited in place.
    """
    before = {
        row["id"]: row
        for row in Item.all_versions.filter(pk__in=[i.pk for i in changed if item_is_frozen(i)]).values(
            "id", *VERSIONED_FIELDS
        )
    }
    Item.all_versions.filter(pk__in=[i.pk for i in removed if item_is_frozen(i)]).update(is_current=False)
    framework = save()
    for pk, old in before.items():
        edited = Item.all_versions.get(pk=pk)
        Item.all_versions.filter(pk=pk).update(is_current=False, **{f: old[f] for f in VERSIONED_FIELDS})
        edited.version = Item.all_versions.filter(code=edited.code).order_by("-version")[0].version + 1
        edited.pk = edited.id = None
        edited.is_current = True
        edited.save()
    return framework


# --- Cycles -----------------------------------------------------------------------------------


@transaction.atomic
def cycle_open(*, cycle: Cycle) -> bool:
    """Freeze the item versions of a cycle and notify its audience, once; say whether it happened now."""
    cycle = Cycle.objects.select_for_update().get(pk=cycle.pk)
    if cycle.opened_at is not None:
        return False
    cycle.items.set(Item.objects.filter(framework__in=cycle.frameworks.all()))
    cycle.opened_at = timezone.now()
    cycle.save(update_fields=["opened_at"])
    tasks.cycle_opened_notify.enqueue(cycle_id=cycle.pk)
    return True


def cycles_open_due(*, today: datetime.date | None = None) -> int:
    """Open every cycle whose opening date has come; return how many opened now."""
    due = Cycle.objects.open_on(today or timezone.localdate()).filter(opened_at__isnull=True)
    return sum(cycle_open(cycle=cycle) for cycle in due)


@transaction.atomic
def cycle_close(*, cycle: Cycle) -> Cycle:
    if cycle.closed_at is None:
        cycle.closed_at = timezone.now()
        cycle.save(update_fields=["closed_at"])
    return cycle


SERIES_NAMES = ("1-2月", "3-4月", "5-6月", "7-8月", "9-10月", "11-12月")
SERIES_NAMES_EN = ("Jan-Feb", "Mar-Apr", "May-Jun", "Jul-Aug", "Sep-Oct", "Nov-Dec")


def cycle_series_dates(year: int, period: int) -> tuple[datetime.date, datetime.date]:
    """Period 1-6 of a bi-monthly series: open from the 16th of its first month to the 15th of the next."""
    first_month = 2 * period - 1
    opens = datetime.date(year, first_month, 16)
    return opens, datetime.date(year, first_month + 1, min(15, calendar.monthrange(year, first_month + 1)[1]))


@transaction.atomic
def cycle_series_create(
    *, year: int, frameworks: Iterable[Framework] | None = None, departments: Iterable[Department] = ()
) -> list[Cycle]:
    """Create the six bi-monthly cycles of ``year`` (skipping any that exist by name) and return them."""
    frameworks = list(frameworks if frameworks is not None else Framework.objects.filter(active=True))
    departments = list(departments)
    cycles = []
    for period in range(1, 7):
        opens, closes = cycle_series_dates(year, period)
        cycle, created = Cycle.objects.get_or_create(
            name_zh=f"{year}年第{period}期（{SERIES_NAMES[period - 1]}）",
            defaults={
                "name_en": f"{year} cycle {period} ({SERIES_NAMES_EN[period - 1]})",
                "opens_on": opens,
                "closes_on": closes,
                "audience": Cycle.Audience.DEPARTMENTS if departments else Cycle.Audience.OFFICE,
            },
        )
        if created:
            cycle.frameworks.set(frameworks)
            cycle.departments.set(departments)
        cycles.append(cycle)
    return cycles


def cycle_reminders_send(*, today: datetime.date | None = None, days_before: Iterable[int] = (3, 1)) -> int:
    """Queue reminders for people who have not submitted an open cycle 3 and 1 days before it closes.

    Open any cycle that is due first; return how many people are reminded.
    """
    today = today or timezone.localdate()
    cycles_open_due(today=today)
    reminded = 0
    for cycle in Cycle.objects.open_on(today):
        days = (cycle.closes_on - today).days
        if days in days_before:
            reminded += cycle_pending_people(cycle=cycle).count()
            tasks.cycle_reminder_send.enqueue(cycle_id=cycle.pk, days=days)
    return reminded


# --- The person's assessment --------------------------------------------------------------------


@transaction.atomic
def assessment_start(*, cycle: Cycle, user: User) -> SelfAssessment:
    """Return the person's assessment of ``cycle``, creating it (with their department of today) if needed."""
    if not cycle.is_open():
        existing = SelfAssessment.objects.filter(cycle=cycle, user=user).first()
        if existing:
            return existing
        raise AssessmentRefused(ERROR_CYCLE_CLOSED if cycle.state() == Cycle.State.CLOSED else ERROR_CYCLE_NOT_OPEN)
    if not cycle_audience(cycle=cycle).filter(pk=user.pk).exists():
        raise AssessmentRefused(ERROR_NOT_IN_AUDIENCE)
    cycle_open(cycle=cycle)
    assessment, _created = SelfAssessment.objects.get_or_create(
        cycle=cycle, user=user, defaults={"department": access.home_department(user)}
    )
    return assessment


def _refusal_when_closed(assessment: SelfAssessment):
    return ERROR_DEADLINE_PASSED if assessment.reopened_until else ERROR_CYCLE_CLOSED


def _lock_for_change(assessment: SelfAssessment) -> SelfAssessment:
    locked = SelfAssessment.objects.select_for_update().select_related("cycle").get(pk=assessment.pk)
    if locked.is_submitted:
        raise AssessmentRefused(ERROR_LOCKED)
    if not locked.is_editable():
        raise AssessmentRefused(_refusal_when_closed(locked))
    return locked


@transaction.atomic
def assessment_save(*, assessment: SelfAssessment, changes: DraftInput, version: int) -> SelfAssessment:
    """Save a step of the draft when ``version`` is the latest; raise VersionConflict or AssessmentRefused."""
    locked = _lock_for_change(assessment)
    if version != locked.version:
        raise VersionConflict(locked)
    allowed_items = {item.pk for item in cycle_item_rows(cycle=locked.cycle)}
    for item_id, answer in changes.answers.items():
        if item_id in allowed_items:
            Answer.objects.update_or_create(
                assessment=locked, item_id=item_id, defaults={"rating": answer.rating, "note": answer.note.strip()}
            )
    if changes.improvements is not None:
        texts = [text.strip() for text in changes.improvements if text.strip()][:3]
        locked.improvements.all().delete()
        Improvement.objects.bulk_create(
            Improvement(assessment=locked, position=position, text=text) for position, text in enumerate(texts, 1)
        )
    if changes.look_backs:
        previous = previous_assessment(assessment=locked)
        allowed = set(previous.improvements.values_list("pk", flat=True)) if previous else set()
        for improvement_id, look_back in changes.look_backs.items():
            if improvement_id in allowed:
                LookBack.objects.update_or_create(
                    assessment=locked,
                    improvement_id=improvement_id,
                    defaults={"progress": look_back.progress, "note": look_back.note.strip()},
                )
    locked.version += 1
    locked.save(update_fields=["version", "updated_at"])
    return locked


@transaction.atomic
def assessment_submit(*, assessment: SelfAssessment, by: User) -> SelfAssessment:
    """Submit and lock the assessment; submitting again returns it unchanged (a double click submits once)."""
    locked = SelfAssessment.objects.select_for_update().select_related("cycle").get(pk=assessment.pk)
    if locked.is_submitted:
        return locked
    if not locked.is_editable():
        raise AssessmentRefused(_refusal_when_closed(locked))
    missing = assessment_missing(assessment=locked)
    if missing:
        raise AssessmentIncomplete(missing)
    locked.status = SelfAssessment.Status.SUBMITTED
    locked.submitted_at = timezone.now()
    locked.version += 1
    locked.save(update_fields=["status", "submitted_at", "version", "updated_at"])
    AssessmentEvent.objects.create(
        assessment=locked, kind=AssessmentEvent.Kind.SUBMITTED, by=by, at=locked.submitted_at
    )
    return locked


def reopen_default_until(*, cycle: Cycle, today: datetime.date | None = None) -> datetime.date:
    """The deadline offered when reopening: the cycle's closing day while it is open, else a week from today."""
    today = today or timezone.localdate()
    if cycle.is_open(today):
        return max(cycle.closes_on, today)
    return today + datetime.timedelta(days=REOPEN_DEFAULT_DAYS)


def _check_reopen(reason: str, until: datetime.date | None, cycle: Cycle) -> tuple[str, datetime.date]:
    reason = reason.strip()
    if not reason:
        raise AssessmentRefused(ERROR_REOPEN_REASON)
    if cycle.opened_at is None:
        raise AssessmentRefused(ERROR_REOPEN_NOT_OPENED)
    today = timezone.localdate()
    until = until or reopen_default_until(cycle=cycle, today=today)
    if not today <= until <= today + datetime.timedelta(days=REOPEN_MAX_DAYS):
        raise AssessmentRefused(ERROR_REOPEN_UNTIL % {"days": REOPEN_MAX_DAYS})
    return reason, until


def _reopened(locked: SelfAssessment, by: User, reason: str, until: datetime.date) -> SelfAssessment:
    locked.status = SelfAssessment.Status.DRAFT
    locked.reopened_at, locked.reopened_by, locked.reopen_reason = timezone.now(), by, reason
    locked.reopened_until = until
    locked.version += 1
    locked.save()
    AssessmentEvent.objects.create(
        assessment=locked, kind=AssessmentEvent.Kind.REOPENED, by=by, reason=reason, until=until, at=locked.reopened_at
    )
    notice_send(
        user=locked.user,
        kind="assessment-reopened",
        params={
            "cycle_zh": locked.cycle.name_zh,
            "cycle_en": locked.cycle.name_en,
            "reason": reason,
            "until": until.isoformat(),
        },  # fmt: skip
        url=f"/assessments/{locked.pk}/",
        dedupe_key=f"assessment-reopened:{locked.pk}:{locked.version}",
        group=f"assessment:{locked.pk}",
    )
    return locked


@transaction.atomic
def assessment_reopen(
    *, assessment: SelfAssessment, by: User, reason: str, until: datetime.date | None = None
) -> SelfAssessment:
    """Give a submitted assessment back to its author as a draft until ``until`` (manager only, checked by the caller).

    Allowed before and after the cycle closes: the personal deadline keeps it open for the person.
    """
    locked = SelfAssessment.objects.select_for_update().select_related("cycle").get(pk=assessment.pk)
    reason, until = _check_reopen(reason, until, locked.cycle)
    if not locked.is_submitted:
        raise AssessmentRefused(ERROR_NOT_SUBMITTED)
    return _reopened(locked, by, reason, until)


@transaction.atomic
def assessment_reopen_for(*, cycle: Cycle, user: User, by: User, reason: str, until: datetime.date) -> SelfAssessment:
    """Reopen one person's assessment of a cycle (an administrator's action, checked by the caller).

    A submitted assessment becomes a draft again; a draft gets a personal deadline; a person of the
    audience who never started gets an empty draft with that deadline.
    """
    reason, until = _check_reopen(reason, until, cycle)
    existing = SelfAssessment.objects.filter(cycle=cycle, user=user).first()
    if existing is None:
        if not cycle_audience(cycle=cycle).filter(pk=user.pk).exists():
            raise AssessmentRefused(ERROR_NOT_IN_AUDIENCE)
        existing, _created = SelfAssessment.objects.get_or_create(
            cycle=cycle, user=user, defaults={"department": access.home_department(user)}
        )
    locked = SelfAssessment.objects.select_for_update().select_related("cycle").get(pk=existing.pk)
    return _reopened(locked, by, reason, until)


@transaction.atomic
def review_save(
    *,
    assessment: SelfAssessment,
    reviewer: User,
    comment: str,
    ratings: dict[int, int | None],
    version: int | None = None,
) -> Review:
    """Write the manager's overall comment and their rating per item (answer id -> rating or None).

    ``version`` is the review's version the form was loaded with (0: no review yet; None, for scripts:
    the latest); when a newer review was saved since, raise ``ReviewConflict`` and change nothing. The
    assessment's row lock orders parallel posts, so exactly one of them wins.
    """
    locked = SelfAssessment.objects.select_for_update().get(pk=assessment.pk)
    if not locked.is_submitted:
        raise AssessmentRefused(ERROR_NOT_SUBMITTED)
    review = Review.objects.filter(assessment=locked).select_related("reviewer").first()
    if review is not None and version is not None and version != review.version:
        raise ReviewConflict(review)
    # The first review of this submission (a resubmission after a reopen is reviewed again).
    created = review is None or (locked.submitted_at is not None and review.updated_at < locked.submitted_at)
    if review is None:
        review = Review(assessment=locked, version=0)
    review.reviewer, review.comment, review.version = reviewer, comment.strip(), review.version + 1
    review.save()
    answers = {answer.pk: answer for answer in locked.answers.all()}
    changed = []
    for answer_id, rating in ratings.items():
        if answer_id in answers:
            answers[answer_id].manager_rating = rating
            changed.append(answers[answer_id])
    Answer.objects.bulk_update(changed, ["manager_rating"])
    if created:
        AssessmentEvent.objects.create(assessment=locked, kind=AssessmentEvent.Kind.REVIEWED, by=reviewer)
        notice_send(
            user=locked.user,
            kind="assessment-reviewed",
            params={"cycle_zh": locked.cycle.name_zh, "cycle_en": locked.cycle.name_en},
            url=f"/assessments/{locked.pk}/",
            dedupe_key=f"assessment-reviewed:{locked.pk}:{locked.version}",
            group=f"assessment:{locked.pk}",
        )
    return review


# --- Leavers -------------------------------------------------------------------------------------


@transaction.atomic
def assessments_anonymise_user(*, user: User) -> None:
    """Blank every free text the person wrote or that was written about them; keep the ratings."""
    Answer.objects.filter(assessment__user=user).update(note="")
    Improvement.objects.filter(assessment__user=user).update(text="—")
    LookBack.objects.filter(assessment__user=user).update(note="")
    Review.objects.filter(assessment__user=user).update(comment="")
    SelfAssessment.objects.filter(user=user).update(reopen_reason="")
    AssessmentEvent.objects.filter(assessment__user=user).update(reason="")
