"""Reads of the assessments app: the form's steps and gaps, the person's list, and chart data.

Chart selectors aggregate in SQL with a fixed number of queries (they do not grow with the
size of a team or the length of its history) and return small frozen dataclasses. The
callers decide who may see what (``access.py``, the dashboards); selectors only read.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass
from operator import itemgetter
from typing import Any

from django.db.models import Avg, Case, Count, Exists, F, OuterRef, Q, QuerySet, Subquery, Value, When, Window
from django.db.models.functions import RowNumber
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal import page_cache
from portal.access import MIN_GROUP_SIZE, managed_departments
from portal.i18n import in_language
from portal.models import Department, Membership, User

from . import scoring
from .models import Answer, AssessmentEvent, Cycle, Framework, Improvement, Item, LookBack, Review, SelfAssessment

MIN_REFLECTION_LENGTH = 20
ERROR_RATING_MISSING = _("Choose a rating from 1 to 5.")
ERROR_REFLECTION_SHORT = _("Write a reflection of at least %(min)d characters.")
ERROR_IMPROVEMENT_MISSING = _("Write at least one thing you will change.")
ERROR_LOOK_BACK_MISSING = _("Say how this went: done, partly or not yet.")

SUBMITTED = SelfAssessment.Status.SUBMITTED


# --- Cycles and audience ------------------------------------------------------------------------


def cycle_audience(*, cycle: Cycle) -> QuerySet[User]:
    """Return the active people a cycle is for: every department member, or those of its departments."""
    people = User.objects.filter(is_active=True, memberships__role=Membership.Role.MEMBER)
    if cycle.audience == Cycle.Audience.DEPARTMENTS:
        people = people.filter(memberships__department__in=cycle.departments.all())
    return people.distinct()


def cycle_pending_people(*, cycle: Cycle) -> QuerySet[User]:
    submitted = SelfAssessment.objects.filter(cycle=cycle, status=SUBMITTED).values("user_id")
    return cycle_audience(cycle=cycle).exclude(pk__in=submitted)


def cycle_item_rows(*, cycle: Cycle) -> list[Item]:
    """Return the item versions of a cycle: frozen when it opened, else the current ones of its frameworks."""
    if cycle.opened_at is not None:
        rows = Item.all_versions.filter(cycles=cycle)  # cycle.items would hide versions no longer current
    else:
        rows = Item.objects.filter(framework__in=cycle.frameworks.all())
    return list(rows.select_related("framework").order_by("framework__order", "framework__code", "order", "code"))


@dataclass(frozen=True)
class CycleRow:
    cycle: Cycle
    assessment: SelfAssessment | None
    state: str

    @property
    def person_state(self) -> str:
        """ "not_started", "draft", "returned" (reopened, waiting for the person) or "submitted"."""
        if self.assessment is None:
            return "not_started"
        return self.assessment.person_state

    @property
    def editable(self) -> bool:
        return self.assessment is not None and self.assessment.is_editable()


@dataclass(frozen=True)
class CycleLists:
    open: list[CycleRow]
    upcoming: list[CycleRow]
    past: list[CycleRow]


def cycle_lists(*, user: User, today: datetime.date | None = None) -> CycleLists:
    """The cycles meant for ``user`` (plus any they took part in), grouped by state, with their assessment."""
    today = today or timezone.localdate()
    assessments = {a.cycle_id: a for a in SelfAssessment.objects.filter(user=user)}
    cycles = Cycle.objects.filter(Q(pk__in=Cycle.objects.for_user(user)) | Q(pk__in=list(assessments)))
    grouped: dict[str, list[CycleRow]] = defaultdict(list)
    for cycle in cycles.order_by("-opens_on", "-pk"):
        state = cycle.state(today)
        assessment = assessments.get(cycle.pk)
        if assessment is not None:
            assessment.cycle = cycle
            if assessment.is_editable(today):  # reopened past its cycle's close: still open for this person
                state = Cycle.State.OPEN
        grouped[state].append(CycleRow(cycle=cycle, assessment=assessment, state=state))
    return CycleLists(
        open=grouped[Cycle.State.OPEN],
        upcoming=list(reversed(grouped[Cycle.State.DRAFT])),
        past=grouped[Cycle.State.CLOSED],
    )


# --- One assessment --------------------------------------------------------------------------------


def assessment_events(*, assessment: SelfAssessment) -> list[AssessmentEvent]:
    """Every change of the assessment's state, oldest first, with who made it and why (one query)."""
    return list(assessment.events.select_related("by"))


def previous_assessment(*, assessment: SelfAssessment) -> SelfAssessment | None:
    """The person's latest submitted assessment of an earlier cycle."""
    return (
        SelfAssessment.objects.filter(
            user_id=assessment.user_id, status=SUBMITTED, cycle__opens_on__lt=assessment.cycle.opens_on
        )
        .order_by("-cycle__opens_on")
        .first()
    )


@dataclass(frozen=True)
class Step:
    number: int
    kind: str  # "framework", "improvements", "look_back" or "review"
    title: str
    framework: Framework | None = None


def assessment_steps(*, items: list[Item]) -> list[Step]:
    frameworks: list[Framework] = []
    for item in items:
        if item.framework not in frameworks:
            frameworks.append(item.framework)
    steps = [Step(number, "framework", f.name, f) for number, f in enumerate(frameworks, start=1)]
    n = len(steps)
    return steps + [
        Step(n + 1, "improvements", str(_("What I will change"))),
        Step(n + 2, "look_back", str(_("Looking back"))),
        Step(n + 3, "review", str(_("Review and submit"))),
    ]


@dataclass(frozen=True)
class Missing:
    step: int
    field: str
    message: str
    label: str


def assessment_missing(*, assessment: SelfAssessment) -> list[Missing]:
    """List what must still be filled in before the assessment can be submitted."""
    return content_missing(assessment_content(assessment=assessment))


@dataclass(frozen=True)
class ItemLine:
    item: Item
    rating: int | None
    note: str
    manager_rating: int | None
    answer_id: int | None

    @property
    def gap(self) -> int | None:
        found = scoring.gaps({"x": self.rating}, {"x": self.manager_rating})
        return found.get("x")


@dataclass(frozen=True)
class FrameworkReport:
    framework: Framework
    lines: list[ItemLine]
    score: float | None
    manager_score: float | None
    growth: scoring.Growth | None
    previous_cycle: str | None


def assessment_report(*, assessment: SelfAssessment) -> list[FrameworkReport]:
    """Each framework of the assessment with its answers, scores, growth and self-manager gaps."""
    return content_report(assessment_content(assessment=assessment))


# --- Chart data for the dashboards ---------------------------------------------------------------


@dataclass(frozen=True)
class ItemTrend:
    code: str
    title: str
    framework_code: str
    latest: int | None
    previous: int | None


@dataclass(frozen=True)
class ItemGap:
    code: str
    title: str
    self_rating: int | None
    manager_rating: int | None
    gap: int | None


@dataclass(frozen=True)
class ImprovementRow:
    cycle_name: str
    opens_on: datetime.date
    position: int
    text: str
    progress: str  # "", "done", "partly" or "not_yet" (from the next cycle's look back)
    progress_note: str


def improvement_items(*, user: User) -> list[ImprovementRow]:
    """The person's improvement items of submitted cycles, newest first, with how they went (two queries)."""
    improvements = list(
        Improvement.objects.filter(assessment__user=user, assessment__status=SUBMITTED)
        .select_related("assessment__cycle")
        .order_by("-assessment__cycle__opens_on", "position")
    )
    looks = {
        look.improvement_id: look
        for look in LookBack.objects.filter(improvement__in=improvements, assessment__status=SUBMITTED)
    }
    return [
        ImprovementRow(
            cycle_name=improvement.assessment.cycle.name,
            opens_on=improvement.assessment.cycle.opens_on,
            position=improvement.position,
            text=improvement.text,
            progress=looks[improvement.pk].progress if improvement.pk in looks else "",
            progress_note=looks[improvement.pk].note if improvement.pk in looks else "",
        )
        for improvement in improvements
    ]


# --- Export --------------------------------------------------------------------------------------


def assessments_export(*, user: User) -> dict[str, list[dict[str, object]]]:
    """Everything the assessments app holds about the person, as sheets of plain rows (stable keys; the XLSX
    writer labels them in the person's language). States and progress translated, times local."""
    from django.utils.translation import gettext  # values in the language of the export, not of import

    def local(moment: datetime.datetime | None) -> datetime.datetime | str:
        return timezone.localtime(moment) if moment else ""

    states = {"submitted": gettext("Submitted"), "draft": gettext("Draft"), "returned": gettext("Returned for changes")}
    progress = dict(LookBack.Progress.choices)
    assessments = SelfAssessment.objects.filter(user=user).select_related("cycle", "department", "review")
    answers = Answer.objects.filter(assessment__user=user).select_related("assessment__cycle", "item__framework")
    return {
        "Self-assessments": [
            {"cycle": a.cycle.name, "department": a.department.name if a.department else "",
             "status": states[a.person_state], "started_at": local(a.started_at),
             "submitted_at": local(a.submitted_at), "reopen_reason": a.reopen_reason,
             "reopened_until": a.reopened_until or "",
             "manager_comment": getattr(getattr(a, "review", None), "comment", "")}
            for a in assessments
        ],
        "Answers": [
            {"cycle": a.assessment.cycle.name, "framework": a.item.framework.name, "item": a.item.title,
             "item_version": a.item.version, "rating": a.rating, "note": a.note, "manager_rating": a.manager_rating}
            for a in answers
        ],
        "Improvement items": [
            {"cycle": i.assessment.cycle.name, "position": i.position, "text": i.text}
            for i in Improvement.objects.filter(assessment__user=user).select_related("assessment__cycle")
        ],
        "Look backs": [
            {"cycle": lb.assessment.cycle.name, "improvement": lb.improvement.text,
             "progress": str(progress.get(lb.progress, "")), "note": lb.note}
            for lb in LookBack.objects.filter(assessment__user=user).select_related("assessment__cycle",
                                                                                    "improvement")
        ],
    }  # fmt: skip


# --- Administrators: who stands where in a cycle (names and states, never content) ------------------


@dataclass(frozen=True)
class PersonInCycle:
    user_id: int
    name: str
    department: str
    state: str  # "not_started", "draft", "returned" or "submitted"
    until: datetime.date | None  # the personal deadline of a reopen still open


def cycle_people(*, cycle: Cycle, today: datetime.date | None = None) -> list[PersonInCycle]:
    """Everyone a cycle is for (and anyone who took part), with their state and any reopen deadline (two queries)."""
    today = today or timezone.localdate()
    assessments = {
        a.user_id: a for a in SelfAssessment.objects.filter(cycle=cycle).select_related("user", "department")
    }
    audience = cycle_audience(cycle=cycle).prefetch_related("memberships__department")
    people: dict[int, PersonInCycle] = {}
    for user in audience:
        home = next((m.department.name for m in user.memberships.all() if m.role == Membership.Role.MEMBER), "")
        people[user.pk] = PersonInCycle(user.pk, str(user), home, "not_started", None)
    for user_id, a in assessments.items():
        a.cycle = cycle
        until = a.reopened_until if a.is_returned and a.is_editable(today) else None
        department = (
            a.department.name if a.department else people.get(user_id, PersonInCycle(0, "", "", "", None)).department
        )
        people[user_id] = PersonInCycle(user_id, str(a.user), department, a.person_state, until)
    return sorted(people.values(), key=lambda p: (p.department, p.name))


# --- The manager's review inbox ------------------------------------------------------------------


@dataclass(frozen=True)
class InboxRow:
    assessment_id: int
    user_id: int
    name: str
    department: str
    cycle_name: str
    submitted_at: datetime.datetime | None
    until: datetime.date | None
    reason: str


INBOX_SHOWN = 20  # rows listed of each kind: the page stays the same size however long the queue grows


@dataclass(frozen=True)
class ReviewInbox:
    waiting: list[InboxRow]  # 待点评: submitted, not yet reviewed since (the first INBOX_SHOWN)
    waiting_count: int
    returned: list[InboxRow]  # 退回修改: reopened, waiting for the person (the first INBOX_SHOWN)
    returned_count: int

    @property
    def waiting_more(self) -> int:
        return self.waiting_count - len(self.waiting)

    @property
    def returned_more(self) -> int:
        return self.returned_count - len(self.returned)


def _inbox_base(manager: User) -> QuerySet[SelfAssessment]:
    return SelfAssessment.objects.filter(department__in=managed_departments(manager), user__is_active=True).exclude(
        user=manager
    )


def _waiting(manager: User) -> QuerySet[SelfAssessment]:
    reviewed_since = Review.objects.filter(assessment=OuterRef("pk"), updated_at__gte=OuterRef("submitted_at"))
    return _inbox_base(manager).filter(status=SUBMITTED).exclude(Exists(reviewed_since))


def _inbox_row(row: dict[str, Any]) -> InboxRow:
    return InboxRow(
        assessment_id=row["pk"], user_id=row["user_id"],
        name=User.name_of(row["user__display_name"], row["user__first_name"], row["user__last_name"],
                          row["user__username"]),
        department=in_language(row["department__name_zh"] or "", row["department__name_en"] or ""),
        cycle_name=in_language(row["cycle__name_zh"], row["cycle__name_en"]), submitted_at=row["submitted_at"],
        until=row["reopened_until"], reason=row["reopen_reason"],
    )  # fmt: skip


INBOX_FIELDS = (  # what a row shows, read as values: a long queue makes no model instance
    "pk", "status", "user_id", "submitted_at", "reopened_until", "reopen_reason", "cycle__name_zh", "cycle__name_en",
    "user__display_name", "user__first_name", "user__last_name", "user__username",
    "department__name_zh", "department__name_en",
)  # fmt: skip


def review_inbox(*, manager: User, today: datetime.date | None = None) -> ReviewInbox:
    """What waits for a manager: submitted assessments not reviewed since, and reopened ones (one query).

    Only assessments of departments ``manager`` manages (the department when started), never their own.
    Each list's first INBOX_SHOWN rows are read, and its length counted in the database: a long queue
    is never read (24 people x 3 years unreviewed: 432 rows had been read to show 20).
    """
    today = today or timezone.localdate()
    cycle_open = Q(cycle__closed_at__isnull=True, cycle__opens_on__lte=today, cycle__closes_on__gte=today)
    draft = SelfAssessment.Status.DRAFT
    reopened = Q(Q(reopened_until__gte=today) | cycle_open, status=draft, reopened_at__isnull=False)
    inbox = _inbox_base(manager).filter(Q(pk__in=_waiting(manager).values("pk")) | reopened)
    waiting = Q(status=SUBMITTED)
    kind = Case(When(waiting, then=Value(0)), default=Value(1))
    order = [  # waiting: the oldest submission first; returned: the nearest deadline first, the cycle's own last
        Case(When(waiting, then=F("submitted_at"))).asc(),
        Case(When(~waiting, then=F("reopened_until"))).asc(nulls_last=True),
        F("pk").asc(),
    ]
    ranked = inbox.annotate(place=Window(RowNumber(), partition_by=kind, order_by=order),
                            total=Window(Count("pk"), partition_by=kind))  # fmt: skip
    shown = ranked.filter(place__lte=INBOX_SHOWN).order_by().values(*INBOX_FIELDS, "place", "total")
    rows = sorted(shown, key=itemgetter("place"))
    submitted = [row for row in rows if row["status"] == SUBMITTED]
    returned = [row for row in rows if row["status"] != SUBMITTED]
    return ReviewInbox(
        waiting=[_inbox_row(row) for row in submitted], waiting_count=_total(submitted),
        returned=[_inbox_row(row) for row in returned], returned_count=_total(returned),
    )  # fmt: skip


def _total(rows: list[dict[str, Any]]) -> int:
    return rows[0]["total"] if rows else 0


def review_inbox_count(*, manager: User) -> int:
    """How many submitted assessments wait for the manager's review (one query), for the navigation."""
    return _waiting(manager).count()


def review_inbox_next(*, manager: User, after: SelfAssessment) -> InboxRow | None:
    """The next assessment waiting for the manager's review other than ``after`` (one query)."""
    rows = _waiting(manager).exclude(pk=after.pk).order_by("submitted_at", "pk").values(*INBOX_FIELDS)[:1]
    return next((_inbox_row(row) for row in rows), None)


# --- The team's results of a cycle, for the manager's export -------------------------------------------


def department_cycles(*, department: Department, today: datetime.date | None = None) -> list[Cycle]:
    """Cycles that have opened for a department (whole office or meant for it), newest first (one query)."""
    today = today or timezone.localdate()
    audience = Q(audience=Cycle.Audience.OFFICE) | Q(departments=department)
    return list(Cycle.objects.filter(audience, opens_on__lte=today).distinct().order_by("-opens_on", "-pk"))


@dataclass(frozen=True)
class MemberResult:
    user_id: int
    name: str
    state: str  # "submitted", "draft", "returned" or "not_started"
    submitted_at: datetime.datetime | None
    reviewed: bool
    ratings: dict[int, tuple[int | None, int | None]]  # item id -> (self rating, manager rating); submitted only


def cycle_results(*, department: Department, cycle: Cycle) -> tuple[list[Item], list[MemberResult]]:
    """Every active member of a department with their state in a cycle, and the ratings of submitted ones.

    Ratings come only from assessments submitted in this department (what its managers may read);
    a draft shows its state, never its content. A fixed number of queries, whatever the team size.
    """
    items = cycle_item_rows(cycle=cycle)
    members = list(
        User.objects.filter(is_active=True, memberships__department=department,
                            memberships__role=Membership.Role.MEMBER)
        .distinct().order_by("display_name", "username")
    )  # fmt: skip
    assessments = {
        a.user_id: a
        for a in SelfAssessment.objects.filter(cycle=cycle, user__in=members).annotate(
            reviewed=Exists(Review.objects.filter(assessment=OuterRef("pk"), updated_at__gte=OuterRef("submitted_at")))
        )
    }
    readable = [a.pk for a in assessments.values() if a.is_submitted and a.department_id == department.pk]
    ratings: dict[int, dict[int, tuple[int | None, int | None]]] = defaultdict(dict)
    for assessment_id, item_id, rating, manager in Answer.objects.filter(assessment_id__in=readable).values_list(
        "assessment_id", "item_id", "rating", "manager_rating"
    ):
        ratings[assessment_id][item_id] = (rating, manager)
    results = []
    for member in members:
        a = assessments.get(member.pk)
        results.append(
            MemberResult(
                user_id=member.pk, name=str(member), state=a.person_state if a else "not_started",
                submitted_at=a.submitted_at if a and a.is_submitted else None,
                reviewed=bool(a and a.is_submitted and a.reviewed), ratings=ratings.get(a.pk, {}) if a else {},
            )
        )  # fmt: skip
    return items, results


# --- Chart data for the screens of portal/screens (typed, keyword-only, one query each) -------------


@dataclass(frozen=True)
class ItemRating:
    """One rated answer of a submitted assessment, with what a chart needs to place it."""

    user_id: int
    cycle_id: int
    cycle_name: str
    opens_on: datetime.date
    department_id: int | None
    framework_code: str
    framework_name: str
    reflective: bool
    item_code: str
    item_title: str
    rating: int
    manager_rating: int | None


def _item_ratings(answers: QuerySet[Answer]) -> list[ItemRating]:
    rows = answers.filter(rating__isnull=False).order_by(
        "assessment__cycle__opens_on", "assessment__cycle_id", "item__framework__order", "item__framework__code",
        "item__order", "item__code",
    ).values_list(
        "assessment__user_id", "assessment__cycle_id", "assessment__cycle__name_zh", "assessment__cycle__name_en",
        "assessment__cycle__opens_on", "assessment__department_id", "item__framework__code",
        "item__framework__name_zh", "item__framework__name_en", "item__framework__kind", "item__code",
        "item__title_zh", "item__title_en", "rating", "manager_rating",
    )  # fmt: skip
    names: dict[tuple[str, str], str] = {}  # a team's thousands of rows share a few dozen names

    def name(zh: str, en: str) -> str:
        if (zh, en) not in names:
            names[zh, en] = in_language(zh, en)
        return names[zh, en]

    return [
        ItemRating(
            user_id=user_id, cycle_id=cycle_id, cycle_name=name(cycle_zh, cycle_en), opens_on=opens_on,
            department_id=department_id, framework_code=fw_code, framework_name=name(fw_zh, fw_en),
            reflective=kind == Framework.Kind.REFLECTIVE, item_code=code, item_title=name(title_zh, title_en),
            rating=rating, manager_rating=manager_rating,
        )  # fmt: skip
        for (user_id, cycle_id, cycle_zh, cycle_en, opens_on, department_id, fw_code, fw_zh, fw_en, kind, code,
             title_zh, title_en, rating, manager_rating) in rows
        if rating is not None
    ]  # fmt: skip


def person_item_ratings(*, user: User) -> list[ItemRating]:
    """Every rating of the person's submitted assessments, oldest cycle first (one query)."""
    return _item_ratings(Answer.objects.filter(assessment__user=user, assessment__status=SUBMITTED))


def team_item_ratings(*, department: Department, cycle_ids: list[int]) -> list[ItemRating]:
    """Every rating of a department's submitted assessments in the given cycles (one query)."""
    answers = Answer.objects.filter(
        assessment__department=department, assessment__cycle_id__in=list(cycle_ids), assessment__status=SUBMITTED
    )
    return _item_ratings(answers)


def group_item_medians(*, department_id: int, cycle_id: int) -> dict[str, float]:
    """Median rating per item code of a department's submissions in a cycle (one query).

    An item is left out unless at least ``MIN_GROUP_SIZE`` submissions rated it: the person who
    sees the median may not see the individuals behind it.
    """
    rows = Answer.objects.filter(
        assessment__department_id=department_id, assessment__cycle_id=cycle_id, assessment__status=SUBMITTED,
        rating__isnull=False,
    ).values_list("item__code", "rating")  # fmt: skip
    by_code: dict[str, list[int | None]] = defaultdict(list)
    for code, rating in rows:
        by_code[code].append(rating)
    medians = {code: scoring.median_score(values) for code, values in by_code.items() if len(values) >= MIN_GROUP_SIZE}
    return {code: value for code, value in medians.items() if value is not None}


def latest_review_gaps(*, user: User) -> list[ItemGap]:
    """Self and manager rating per item of the person's latest reviewed submission (one query)."""
    latest = (
        SelfAssessment.objects.filter(user=user, status=SUBMITTED, review__isnull=False)
        .order_by("-cycle__opens_on")
        .values("pk")[:1]
    )
    rows = (
        Answer.objects.filter(assessment_id__in=Subquery(latest))
        .order_by("item__framework__order", "item__order")
        .values_list("item__code", "item__title_zh", "item__title_en", "rating", "manager_rating")
    )
    return [
        ItemGap(code=code, title=in_language(zh, en), self_rating=rating, manager_rating=manager,
                gap=scoring.gaps({"x": rating}, {"x": manager}).get("x"))
        for code, zh, en, rating, manager in rows
    ]  # fmt: skip


def cycles_started(*, today: datetime.date, department: Department | None = None) -> list[Cycle]:
    """Cycles that have opened by ``today`` (for one department's audience, or all), newest first (one query)."""
    cycles = Cycle.objects.filter(opens_on__lte=today)
    if department is not None:
        cycles = cycles.filter(Q(audience=Cycle.Audience.OFFICE) | Q(departments=department)).distinct()
    return list(cycles.order_by("-opens_on", "-pk"))


def assessment_states(*, cycle: Cycle, user_ids: list[int]) -> dict[int, str]:
    """Each person's assessment status in a cycle; people without one are left out (one query)."""
    rows = SelfAssessment.objects.filter(cycle=cycle, user_id__in=list(user_ids)).values_list("user_id", "status")
    return dict(rows)


@dataclass(frozen=True)
class SubmittedAssessment:
    pk: int
    cycle_name: str
    reviewed: bool


def submitted_assessments(*, user: User) -> list[SubmittedAssessment]:
    """The person's submitted assessments, newest first, with whether a review exists (one query)."""
    rows = (
        SelfAssessment.objects.filter(user=user, status=SUBMITTED)
        .order_by("-cycle__opens_on")
        .values_list("pk", "cycle__name_zh", "cycle__name_en", "review__pk")
    )
    return [SubmittedAssessment(pk=pk, cycle_name=in_language(zh, en), reviewed=review is not None)
            for pk, zh, en, review in rows]  # fmt: skip


@dataclass(frozen=True)
class GroupMean:
    """A mean of submitted ratings for one group (a department, or the office) in one cycle and framework."""

    group_id: int | None
    cycle_id: int
    cycle_name: str
    opens_on: datetime.date
    framework_code: str
    framework_name: str
    mean: float
    submissions: int  # how many submitted assessments rated the framework


def group_framework_means(*, cycle_ids: list[int], by_department: bool) -> list[GroupMean]:
    """Mean rating and number of contributing submissions per (department or office, cycle, framework); one query.

    A closed cycle's rows are computed once and kept (``portal.page_cache.closed_cycle_rows``): no
    query when every cycle asked for is closed and kept. Callers show a mean only when
    ``submissions >= MIN_GROUP_SIZE`` (see ``portal.access``).
    """
    group = ["assessment__department_id"] if by_department else []
    today = timezone.localdate()

    def compute(ids: list[int]) -> list[dict[str, Any]]:
        return list(
            Answer.objects.filter(assessment__cycle_id__in=ids, assessment__status=SUBMITTED, rating__isnull=False)
            .values(*group, "assessment__cycle_id", "assessment__cycle__name_zh", "assessment__cycle__name_en",
                    "assessment__cycle__opens_on", "assessment__cycle__closes_on", "assessment__cycle__closed_at",
                    "item__framework__code", "item__framework__name_zh", "item__framework__name_en",
                    "item__framework__order")
            .annotate(mean=Avg("rating"), submissions=Count("assessment_id", distinct=True))
            .order_by("assessment__cycle__opens_on", "item__framework__order", "item__framework__code")
        )  # fmt: skip

    def state(row: dict[str, Any]) -> tuple[int, bool]:
        closed = row["assessment__cycle__closed_at"] is not None or today > row["assessment__cycle__closes_on"]
        return row["assessment__cycle_id"], closed

    kind = "framework-means:department" if by_department else "framework-means:office"
    rows = page_cache.closed_cycle_rows(kind, cycle_ids=list(cycle_ids), compute=compute, state=state)
    rows.sort(key=lambda r: (r["assessment__cycle__opens_on"], r["item__framework__order"], r["item__framework__code"]))
    return [
        GroupMean(
            group_id=row.get("assessment__department_id"),
            cycle_id=row["assessment__cycle_id"],
            cycle_name=in_language(row["assessment__cycle__name_zh"], row["assessment__cycle__name_en"]),
            opens_on=row["assessment__cycle__opens_on"],
            framework_code=row["item__framework__code"],
            framework_name=in_language(row["item__framework__name_zh"], row["item__framework__name_en"]),
            mean=round(float(row["mean"]), 2),
            submissions=row["submissions"],
        )  # fmt: skip
        for row in rows
    ]


def department_submissions(*, cycle: Cycle) -> dict[int, int]:
    """Submitted assessments per department in a cycle (one query)."""
    rows = (
        SelfAssessment.objects.filter(cycle=cycle, status=SUBMITTED, department__isnull=False)
        .values("department_id")
        .annotate(n=Count("pk"))
        .values_list("department_id", "n")
    )
    return dict(rows)


# --- One assessment read once: the form's steps, the report and the gaps from the same rows ----------


@dataclass(frozen=True)
class AssessmentContent:
    """What one assessment's form, report and gaps are made of, each row read once."""

    assessment: SelfAssessment
    items: list[Item]
    steps: list[Step]
    answers: list[Answer]
    improvements: list[Improvement]
    look_backs: list[LookBack]  # with their improvement
    previous: SelfAssessment | None  # the latest submitted one of an earlier cycle, with its cycle
    previous_improvements: list[Improvement]
    previous_ratings: dict[str, dict[str, int | None]]  # framework code -> item code -> rating

    @property
    def answer_of(self) -> dict[int, Answer]:
        return {answer.item_id: answer for answer in self.answers}


def assessment_content(*, assessment: SelfAssessment) -> AssessmentContent:
    """Read an assessment's items, answers, improvements and look-backs, and the previous cycle's
    improvements and ratings: five queries, seven with a previous submitted assessment."""
    items = cycle_item_rows(cycle=assessment.cycle)
    previous = (
        SelfAssessment.objects.filter(
            user_id=assessment.user_id, status=SUBMITTED, cycle__opens_on__lt=assessment.cycle.opens_on
        )
        .select_related("cycle")
        .order_by("-cycle__opens_on")
        .first()
    )
    previous_ratings: dict[str, dict[str, int | None]] = defaultdict(dict)
    previous_improvements: list[Improvement] = []
    if previous is not None:
        previous_improvements = list(previous.improvements.all())
        rows = previous.answers.values_list("item__code", "item__framework__code", "rating")
        for code, framework_code, rating in rows:
            previous_ratings[framework_code][code] = rating
    return AssessmentContent(
        assessment=assessment,
        items=items,
        steps=assessment_steps(items=items),
        answers=list(assessment.answers.all()),
        improvements=list(assessment.improvements.all()),
        look_backs=list(assessment.look_backs.select_related("improvement")),
        previous=previous,
        previous_improvements=previous_improvements,
        previous_ratings=dict(previous_ratings),
    )


def content_missing(content: AssessmentContent) -> list[Missing]:
    """List what must still be filled in before the assessment can be submitted."""
    steps = content.steps
    step_of = {step.framework.pk: step.number for step in steps if step.framework}
    answers = content.answer_of
    missing = []
    for item in content.items:
        answer = answers.get(item.pk)
        step = step_of[item.framework_id]
        if item.framework.is_reflective:
            if answer is None or len(answer.note.strip()) < MIN_REFLECTION_LENGTH:
                message = ERROR_REFLECTION_SHORT % {"min": MIN_REFLECTION_LENGTH}
                missing.append(Missing(step, f"note-{item.pk}", str(message), item.title))
        elif answer is None or answer.rating is None:
            missing.append(Missing(step, f"rating-{item.pk}", str(ERROR_RATING_MISSING), item.title))
    if not content.improvements:
        missing.append(Missing(len(steps) - 2, "improvement-1", str(ERROR_IMPROVEMENT_MISSING), str(steps[-3].title)))
    done = {look.improvement_id for look in content.look_backs if look.progress}
    for improvement in content.previous_improvements:
        if improvement.pk not in done:
            message = str(ERROR_LOOK_BACK_MISSING)
            missing.append(Missing(len(steps) - 1, f"progress-{improvement.pk}", message, improvement.text))
    return missing


def content_report(content: AssessmentContent) -> list[FrameworkReport]:
    """Each framework of the assessment with its answers, scores, growth and self-manager gaps."""
    answers = content.answer_of
    previous = content.previous
    lines_by_framework: dict[int, list[ItemLine]] = defaultdict(list)
    frameworks: dict[int, Framework] = {}
    for item in content.items:
        answer = answers.get(item.pk)
        frameworks[item.framework_id] = item.framework
        lines_by_framework[item.framework_id].append(
            ItemLine(
                item=item,
                rating=answer.rating if answer else None,
                note=answer.note if answer else "",
                manager_rating=answer.manager_rating if answer else None,
                answer_id=answer.pk if answer else None,
            )
        )
    reports = []
    for framework_id, lines in lines_by_framework.items():
        framework = frameworks[framework_id]
        current = {line.item.code: line.rating for line in lines}
        earlier = content.previous_ratings.get(framework.code)
        reports.append(
            FrameworkReport(
                framework=framework,
                lines=lines,
                score=scoring.framework_score(current),
                manager_score=scoring.framework_score({line.item.code: line.manager_rating for line in lines}),
                growth=scoring.growth(current, earlier),
                previous_cycle=previous.cycle.name if previous and earlier else None,
            )
        )
    return reports


def latest_item_ratings(*, user: User) -> list[ItemTrend]:
    """Each item of the person's latest submitted cycle, with the rating of the cycle before (one query)."""
    last_two = SelfAssessment.objects.filter(user=user, status=SUBMITTED).order_by("-cycle__opens_on", "-pk")
    fields = ("assessment_id", "assessment__cycle__opens_on", "rating", "item__code", "item__title_zh",
              "item__title_en", "item__framework__code", "item__framework__order", "item__order")  # fmt: skip
    rows = list(Answer.objects.filter(assessment_id__in=last_two.values("pk")[:2]).values(*fields))
    if not rows:
        return []
    latest_id = max((row["assessment__cycle__opens_on"], row["assessment_id"]) for row in rows)[1]
    latest = {row["item__code"]: row for row in rows if row["assessment_id"] == latest_id}
    previous = {row["item__code"]: row["rating"] for row in rows if row["assessment_id"] != latest_id}
    ordered = sorted(latest.values(), key=lambda row: (row["item__framework__order"], row["item__order"]))
    return [
        ItemTrend(
            code=row["item__code"],
            title=in_language(row["item__title_zh"], row["item__title_en"]),
            framework_code=row["item__framework__code"],
            latest=row["rating"],
            previous=previous.get(row["item__code"]),
        )
        for row in ordered
    ]
