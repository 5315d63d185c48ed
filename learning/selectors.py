"""Reads of the learning app, scoped to the viewer, aggregated in SQL, returned as small frozen dataclasses.

Dashboards (portal) call these with a fixed number of queries whatever the size of the
team or the length of its history.
"""

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import TruncWeek
from django.utils import timezone

from portal import access, request_cache
from portal.models import Membership, User

from . import consistency
from .frameworks import FrameworkItem, current_items
from .models import GoldenIdea, IdeaStep, StudyLog, StudyMaterialPage


@dataclass(frozen=True)
class StudyRules:
    target_per_workday: int
    skip_days_per_month: int
    reminder_time: datetime.time
    backfill_days: int


def study_rules() -> StudyRules:
    """The site's study settings (target, skip days, reminder time) and the back-fill window."""
    portal_settings = request_cache.site_settings()  # the default site's, kept in the cache
    return StudyRules(
        target_per_workday=portal_settings.study_target_minutes,
        skip_days_per_month=portal_settings.streak_skip_days,
        reminder_time=portal_settings.reminder_time,
        backfill_days=settings.PORTAL_BACKFILL_DAYS,
    )


def workday_checker() -> consistency.IsWorkday:
    """``is_workday(date)`` with the administrators' holidays and make-up workdays for unknown years (one query)."""
    return consistency.workday_rule(request_cache.workday_overrides())  # kept in the cache


def log_get(*, user: User, date: datetime.date) -> StudyLog | None:
    return StudyLog.objects.filter(user=user, date=date).prefetch_related("materials").first()


def log_history(*, user: User) -> QuerySet[StudyLog]:
    return StudyLog.objects.filter(user=user).annotate(material_count=Count("materials")).order_by("-date")


def insights_before(*, user: User, date: datetime.date, limit: int = 90) -> list[tuple[datetime.date, str]]:
    rows = (
        StudyLog.objects.saved()
        .filter(user=user)
        .exclude(date=date)
        .exclude(insight="")
        .order_by("-date")
        .values_list("date", "insight")[:limit]
    )
    return list(rows)


def recent_saves(*, user: User, since: datetime.datetime) -> list[tuple[datetime.date, datetime.datetime]]:
    rows = StudyLog.objects.filter(user=user, saved_at__gte=since).values_list("date", "saved_at")
    return [(day, timezone.localtime(saved_at)) for day, saved_at in rows]


def _minutes_by_date(user: User, start: datetime.date, end: datetime.date) -> dict[datetime.date, int]:
    rows = StudyLog.objects.saved().filter(user=user, date__range=(start, end)).values_list("date", "minutes")
    return dict(rows)


@dataclass(frozen=True)
class StudyToday:
    date: datetime.date
    logged: bool
    week: consistency.WeekProgress
    streak: consistency.Streak
    is_workday: bool


def study_today(*, user: User, today: datetime.date, rules: StudyRules | None = None) -> StudyToday:
    """The home page card: logged today or not, this week's minutes against the target, the streak."""
    rules = rules or study_rules()
    is_workday = workday_checker()
    since = today - datetime.timedelta(days=consistency.STREAK_LOOKBACK_DAYS)
    minutes = _minutes_by_date(user, since, today)
    return StudyToday(
        date=today,
        logged=today in minutes,
        week=consistency.week_progress(
            minutes_by_date=minutes,
            today=today,
            target_per_workday=rules.target_per_workday,
            is_workday=is_workday,
        ),
        streak=consistency.streak(
            logged=minutes.keys(), today=today, is_workday=is_workday, skip_days_per_month=rules.skip_days_per_month
        ),
        is_workday=is_workday(today),
    )


@dataclass(frozen=True)
class WeekMinutes:
    week_start: datetime.date
    minutes: int
    target: int


def _week_starts(today: datetime.date, weeks: int) -> list[datetime.date]:
    this_week = consistency.week_start(today)
    return [this_week - datetime.timedelta(weeks=n) for n in range(weeks - 1, -1, -1)]


def _as_date(value) -> datetime.date:
    return value.date() if isinstance(value, datetime.datetime) else value


def study_minutes_by_week(*, user: User, weeks: int = 26, today: datetime.date) -> list[WeekMinutes]:
    """Minutes per week (Monday start) for the last ``weeks`` weeks, oldest first, with each week's target."""
    starts = _week_starts(today, weeks)
    rows = (
        StudyLog.objects.saved()
        .filter(user=user, date__range=(starts[0], today))
        .annotate(week=TruncWeek("date"))
        .values("week")
        .annotate(total=Sum("minutes"))
    )
    totals = {_as_date(row["week"]): row["total"] for row in rows}
    is_workday = workday_checker()
    target = study_rules().target_per_workday
    return [
        WeekMinutes(
            week_start=start,
            minutes=totals.get(start, 0),
            target=target * consistency.workdays_in(start, start + datetime.timedelta(days=6), is_workday),
        )
        for start in starts
    ]


@dataclass(frozen=True)
class StudyDay:
    date: datetime.date
    minutes: int


def study_days(*, user: User, year: int) -> list[StudyDay]:
    """The dates of the year with a saved log and their minutes, for a year calendar."""
    rows = StudyLog.objects.saved().filter(user=user, date__year=year).order_by("date").values_list("date", "minutes")
    return [StudyDay(date=day, minutes=minutes) for day, minutes in rows]


@dataclass(frozen=True)
class MemberWeekMinutes:
    user_id: int
    week_start: datetime.date
    minutes: int
    days: int


def team_study_minutes(*, members: Iterable[User], weeks: int = 4, today: datetime.date) -> list[MemberWeekMinutes]:
    """Minutes and logged days per member and week for the last ``weeks`` weeks, in one query; zeros included."""
    member_ids = [member.pk for member in members]
    starts = _week_starts(today, weeks)
    rows = (
        StudyLog.objects.saved()
        .filter(user_id__in=member_ids, date__range=(starts[0], today))
        .annotate(week=TruncWeek("date"))
        .values("user_id", "week")
        .annotate(total=Sum("minutes"), days=Count("pk"))
    )
    found = {(row["user_id"], _as_date(row["week"])): (row["total"], row["days"]) for row in rows}
    return [
        MemberWeekMinutes(
            user_id=pk,
            week_start=start,
            minutes=found.get((pk, start), (0, 0))[0],
            days=found.get((pk, start), (0, 0))[1],
        )  # fmt: skip
        for pk in member_ids
        for start in starts
    ]


@dataclass(frozen=True)
class IdeaOutcome:
    status: str
    label: str
    count: int


def idea_outcomes(*, user: User) -> list[IdeaOutcome]:
    """How many of the person's golden ideas sit in each status, in pipeline order (zeros included)."""
    counts = dict(
        GoldenIdea.objects.filter(author=user).values("status").annotate(n=Count("pk")).values_list("status", "n")
    )
    return [IdeaOutcome(status=value, label=str(label), count=counts.get(value, 0)) for value, label in
            GoldenIdea.Status.choices]  # fmt: skip


@dataclass(frozen=True)
class IdeaWeek:
    week_start: datetime.date
    count: int


def idea_weeks(*, user: User, today: datetime.date, weeks: int = 12) -> list[IdeaWeek]:
    """Each of the last ``weeks`` weeks with the number of ideas the person offered in it (newest first)."""
    starts = _week_starts(today, weeks)
    since = timezone.make_aware(datetime.datetime.combine(starts[0], datetime.time.min))
    dates = GoldenIdea.objects.filter(author=user, created_at__gte=since).values_list("created_at", flat=True)
    counts: dict[datetime.date, int] = {}
    for created in dates:
        start = consistency.week_start(timezone.localtime(created).date())
        counts[start] = counts.get(start, 0) + 1
    return [IdeaWeek(week_start=start, count=counts.get(start, 0)) for start in reversed(starts)]


def ideas_of(*, user: User) -> QuerySet[GoldenIdea]:
    return GoldenIdea.objects.filter(author=user).order_by("-created_at", "-pk")


def ideas_visible_to(*, viewer: User) -> QuerySet[GoldenIdea]:
    """Ideas another person may see: all for office leaders, their departments' members' for managers."""
    if access.is_office_leader(viewer):
        ideas = GoldenIdea.objects.all()
    else:
        ideas = GoldenIdea.objects.filter(
            author__memberships__role=Membership.Role.MEMBER,
            author__memberships__department__in=access.managed_departments(viewer),
        )
    return ideas.exclude(author=viewer).select_related("author").order_by("-created_at", "-pk").distinct()


def idea_steps(*, idea: GoldenIdea) -> list[IdeaStep]:
    return list(idea.steps.select_related("by").order_by("created_at", "pk"))


def material_search(*, query: str) -> QuerySet[StudyMaterialPage]:
    """Live materials whose title, summary or body contains every word of ``query``.

    A substring match on a plain-text copy, not the search backend: the database backends
    of Wagtail (SQLite FTS, PostgreSQL's tsvector) do not split Chinese into words, so a
    search for 细节 would not find 注意细节 there.
    """
    materials = StudyMaterialPage.objects.live()
    words = query.split()[:10]
    if not words:
        return materials.none()
    for word in words:
        materials = materials.filter(search_text__icontains=word)
    return materials.order_by("-first_published_at", "-pk")


@dataclass(frozen=True)
class MaterialUse:
    page_id: int
    title: str
    live: bool
    people: int
    logs: int


def material_use() -> list[MaterialUse]:
    """For editors: each material with how many people studied it (in saved logs) and how often."""
    saved = Q(study_logs__saved_at__isnull=False)
    rows = StudyMaterialPage.objects.annotate(
        people=Count("study_logs__user", filter=saved, distinct=True),
        logs=Count("study_logs", filter=saved, distinct=True),
    ).order_by("-people", "title")
    return [MaterialUse(page_id=p.pk, title=p.title, live=p.live, people=p.people, logs=p.logs) for p in rows]


def items_without_material() -> list[FrameworkItem]:
    """The current framework items that no live material links to."""
    covered = set(StudyMaterialPage.objects.live().values_list("item_links__code", flat=True))
    return [item for item in current_items() if item.code not in covered]


def learning_export(*, user: User) -> dict[str, list[dict]]:
    """Everything learning holds about the person, as sheets of plain rows."""
    logs = StudyLog.objects.filter(user=user).prefetch_related("materials").order_by("date")
    ideas = GoldenIdea.objects.filter(author=user).prefetch_related("steps").order_by("created_at")
    return {
        "study_logs": [
            {
                "date": log.date,
                "saved": log.is_saved,
                "minutes": log.minutes,
                "materials": [m.title for m in log.materials.all()],
                "sources": log.sources,
                "insight": log.insight,
                "framework_items": list(log.items),
                "shared_with_manager": log.share_insight,
                "kept_for_summary": log.highlight,
                "unsaved_draft_insight": (log.draft or {}).get("insight", ""),
            }
            for log in logs
        ],
        "golden_ideas": [
            {
                "id": idea.pk,
                "submitted": timezone.localtime(idea.created_at),
                "title": idea.title,
                "body": idea.body,
                "category": idea.get_category_display(),
                "status": idea.get_status_display(),
            }
            for idea in ideas
        ],
        "idea_steps": [
            {
                "idea_id": idea.pk,
                "when": timezone.localtime(step.created_at),
                "status": step.get_status_display(),
                "note": step.note,
            }
            for idea in ideas
            for step in idea.steps.all()
        ],
    }


def members_with_log_on(*, members: Sequence[User], date: datetime.date) -> set[int]:
    return set(StudyLog.objects.saved().filter(user__in=members, date=date).values_list("user_id", flat=True))
