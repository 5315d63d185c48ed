"""Reads of the learning app, scoped to the viewer, aggregated in SQL, returned as small frozen dataclasses.

Dashboards (portal) call these with a fixed number of queries whatever the size of the
team or the length of its history.
"""

import datetime
import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, cast

from django.conf import settings
from django.db.models import Case, Count, Exists, F, Min, OuterRef, Q, QuerySet, Subquery, Sum, Value, When
from django.db.models.functions import TruncWeek
from django.utils import timezone
from taggit.models import Tag

from cms.translations import originals, reader_language, reads_original, translated_fields
from portal import access, page_cache, request_cache
from portal.i18n import in_language
from portal.models import Membership, User

from . import consistency, search
from .frameworks import FrameworkItem, current_items
from .models import (
    GoldenIdea,
    IdeaStep,
    StudyLog,
    StudyMaterialIndexPage,
    StudyMaterialItemLink,
    StudyMaterialPage,
    StudyMaterialTag,
    StudySettings,
)


@dataclass(frozen=True)
class StudyRules:
    target_per_workday: int
    skip_days_per_month: int
    reminder_time: datetime.time
    backfill_days: int


def study_rules() -> StudyRules:
    """The site's study settings (target, skip days, reminder time) and the back-fill window."""
    study_settings = request_cache.site_settings(StudySettings)  # the default site's, kept in the cache
    return StudyRules(
        target_per_workday=study_settings.study_target_minutes,
        skip_days_per_month=study_settings.streak_skip_days,
        reminder_time=study_settings.reminder_time,
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


def _as_date(value: datetime.date | datetime.datetime) -> datetime.date:
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


def material_search(
    *, query: str, topic: str = "", item: str = "", items: Sequence[FrameworkItem] | None = None
) -> QuerySet[StudyMaterialPage]:
    """Live materials that contain every word of ``query``, best first; narrowed to a topic and an item.

    A word is found in the title, the summary or the body (a plain-text copy), a topic, or the title
    (Chinese or English) of a framework item the material helps with; for a reader of another language,
    in the title and text of the live translation too. A substring match, not the search
    backend: Wagtail's database backends (SQLite FTS, PostgreSQL's tsvector) do not split Chinese into
    words, so a search for 细节 would not find 注意细节 there. Rank: each word scores 3 in the title,
    2 in a topic or an item, 1 elsewhere; newest first among equals. Without words, a topic or an item
    alone lists its materials; with nothing at all, nothing. ``items``: the current framework items,
    when the caller has them already.
    """
    words = search.query_words(query)
    materials: QuerySet[StudyMaterialPage] = originals(StudyMaterialPage.objects.live())
    if not (words or topic or item):
        return materials.none()
    if topic:
        materials = materials.filter(
            Exists(StudyMaterialTag.objects.filter(content_object=OuterRef("pk"), tag__slug=topic))
        )
    if item:
        materials = materials.filter(Exists(StudyMaterialItemLink.objects.filter(page=OuterRef("pk"), code=item)))
    if words and items is None:
        items = current_items()
    items = items or ()
    scores = []
    for word in words:
        in_title = Q(title__icontains=word) | _in_translation(Q(title__icontains=word))
        in_label = Q(Exists(StudyMaterialTag.objects.filter(content_object=OuterRef("pk"), tag__name__icontains=word)))
        codes = [
            i.code for i in items if search.contains_any(i.title_zh, [word]) or search.contains_any(i.title_en, [word])
        ]
        if codes:
            in_label |= Q(Exists(StudyMaterialItemLink.objects.filter(page=OuterRef("pk"), code__in=codes)))
        in_text = Q(search_text__icontains=word) | _in_translation(Q(search_text__icontains=word))
        materials = materials.filter(in_title | in_label | in_text)
        scores.append(Case(When(in_title, then=Value(3)), When(in_label, then=Value(2)), default=Value(1)))
    rank = sum(scores[1:], scores[0]) if scores else Value(0)
    ranked: Any = materials.annotate(rank=rank).order_by("-rank", *NEWEST_FIRST)  # Wagtail's PageQuerySet
    return cast(QuerySet[StudyMaterialPage], ranked.defer_streamfields().prefetch_related("tags", "item_links"))


@dataclass(frozen=True)
class Label:
    key: str  # a topic's slug or an item's code, for the filter links
    parts: list[search.Part]


@dataclass(frozen=True)
class MaterialHit:
    material: StudyMaterialPage
    title: list[search.Part]
    snippet: list[search.Part]
    topics: list[Label]
    items: list[Label]


def material_hits(
    *, materials: Iterable[StudyMaterialPage], query: str, items: Sequence[FrameworkItem] | None = None
) -> list[MaterialHit]:
    """The results of ``material_search`` as shown: the words marked in the title, a snippet, topics, items.

    The snippet is the summary when a word is in it, else the body around the first word found, else the
    summary as it is (the material was found by a topic or an item, marked below it). One query, none
    when the caller gives the current framework ``items``.
    """
    words = search.query_words(query)
    by_code = {i.code: i for i in (current_items() if items is None else items)}
    hits = []
    for material in materials:
        lead = re.sub(r"\s+", " ", f"{material.title} {material.summary}").strip()
        body = material.search_text[len(lead) :] if material.search_text.startswith(lead) else material.search_text
        if search.contains_any(material.summary, words) or not search.contains_any(body, words):
            text = search.marked(material.summary, words)
        else:
            text = search.snippet(body.strip(), words)
        labels = []
        for link in material.item_links.all():
            framework_item = by_code.get(link.code)
            if framework_item is None:
                continue
            # The title in the reader's language; the other one when only that holds the word (细节 on English pages).
            titles = [framework_item.title, framework_item.title_zh, framework_item.title_en]
            title = next((t for t in titles if t and search.contains_any(t, words)), framework_item.title)
            labels.append(Label(link.code, search.marked(title, words)))
        hits.append(
            MaterialHit(
                material=material,
                title=search.marked(material.title, words),
                snippet=text,
                topics=[Label(tag.slug, search.marked(tag.name, words)) for tag in material.tags.all()],
                items=labels,
            )
        )
    return hits


# --- The library's topics, and the order of its listings ---------------------------------------------


NEWEST_FIRST = (F("first_published_at").desc(nulls_last=True), "-pk")


@dataclass(frozen=True)
class Topic:
    name: str
    slug: str
    count: int


def material_topics(*, limit: int | None = 12) -> list[Topic]:
    """The topics (tags) of live materials with how many each has, the most used first."""
    rows = (
        Tag.objects.filter(
            learning_studymaterialtag_items__content_object__live=True,
            learning_studymaterialtag_items__content_object__locale__language_code=settings.LANGUAGE_CODE,
        )
        .annotate(count=Count("learning_studymaterialtag_items", distinct=True))
        .order_by("-count", "name")
        .values_list("name", "slug", "count")[:limit]
    )
    return [Topic(name, slug, count) for name, slug, count in rows]


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
    rows = (
        originals(StudyMaterialPage.objects.all())
        .annotate(
            people=Count("study_logs__user", filter=saved, distinct=True),
            logs=Count("study_logs", filter=saved, distinct=True),
        )
        .order_by("-people", "title")
    )
    return [MaterialUse(page_id=p.pk, title=p.title, live=p.live, people=p.people, logs=p.logs) for p in rows]


def items_without_material() -> list[FrameworkItem]:
    """The current framework items that no live material links to."""
    covered = set(StudyMaterialPage.objects.live().values_list("item_links__code", flat=True))
    return [item for item in current_items() if item.code not in covered]


def learning_export(*, user: User) -> dict[str, list[dict[str, object]]]:
    """Everything learning holds about the person, as sheets of plain rows (stable keys; the XLSX writer labels
    them in the person's language). Values read as the person reads them: item titles, yes/no, local times."""
    from django.utils.translation import gettext  # values in the language of the export, not of import

    from .frameworks import item_titles

    logs = StudyLog.objects.filter(user=user).prefetch_related("materials").order_by("date")
    ideas = GoldenIdea.objects.filter(author=user).prefetch_related("steps").order_by("created_at")
    titles = item_titles()
    yes, no = gettext("yes"), gettext("no")
    return {
        "study_logs": [
            {
                "date": log.date,
                "saved": yes if log.is_saved else no,
                "minutes": log.minutes,
                "materials": [m.title for m in log.materials.all()],
                "sources": log.sources,
                "insight": log.insight,
                "framework_items": [titles.get(code, code) for code in log.items],
                "shared_with_manager": yes if log.share_insight else no,
                "kept_for_summary": yes if log.highlight else no,
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


# --- The log form: the material picker and the year calendar -------------------------------------


@dataclass(frozen=True)
class MaterialChoice:
    id: int
    title: str


def log_material_choices(*, selected: Iterable[str], suggested: int = 6) -> list[MaterialChoice]:
    """The live materials already ticked on a log, then the newest others to pick from (two queries)."""
    ids = [int(pk) for pk in selected if str(pk).isascii() and str(pk).isdigit() and len(str(pk)) <= 18]
    live = originals(StudyMaterialPage.objects.live())
    fields = ("id", "title", "translation_key")
    picked = list(live.filter(id__in=ids).order_by("title").values_list(*fields)) if ids else []
    newest = live.exclude(id__in=ids).order_by("-first_published_at", "-pk").values_list(*fields)[:suggested]
    rows = [*picked, *newest]
    return _choices_in_reader_language(rows)


def material_pick_search(*, query: str, limit: int = 10) -> list[MaterialChoice]:
    """Live materials whose title contains ``query`` (any case), newest first, for the log's picker."""
    query = query.strip()
    if not query:
        return []
    rows = (
        originals(StudyMaterialPage.objects.live())
        .filter(title__icontains=query)
        .order_by("-first_published_at", "-pk")
        .values_list("id", "title", "translation_key")[:limit]
    )
    return _choices_in_reader_language(rows)


CALENDAR_YEARS_BACK = 5


class DayState:
    """What a day of the calendar shows (a name for each, not a colour)."""

    SAVED = "saved"
    DRAFT = "draft"
    TODAY = "today"
    FILLABLE = "fillable"  # a missed workday inside the back-fill window: its form opens
    MISSED = "missed"  # a missed workday too long ago to fill in
    REST = "rest"  # a weekend or a holiday without a log
    FUTURE = "future"


@dataclass(frozen=True)
class CalendarDay:
    date: datetime.date
    state: str
    minutes: int
    is_workday: bool
    holiday: str  # the official holiday's name in the current language, or ""
    make_up: bool  # a weekend day made a workday (调休)

    @property
    def has_link(self) -> bool:
        return self.state != DayState.FUTURE


@dataclass(frozen=True)
class CalendarMonth:
    year: int
    month: int
    weeks: tuple[tuple[CalendarDay | None, ...], ...]  # Monday first; None pads the first and last week

    @property
    def first(self) -> datetime.date:
        return datetime.date(self.year, self.month, 1)


@dataclass(frozen=True)
class StudyCalendar:
    year: int
    today: datetime.date
    months: tuple[CalendarMonth, ...]
    current_month: CalendarMonth | None
    skip_days_per_month: int
    skip_days_left: int
    backfill_days: int
    saved_days: int
    fillable_days: int
    previous_year: int | None
    next_year: int | None


def _day_state(
    day: datetime.date,
    *,
    today: datetime.date,
    saved: Collection[datetime.date],
    drafts: Collection[datetime.date],
    is_workday: bool,
    oldest_editable: datetime.date,
) -> str:
    if day > today:
        return DayState.FUTURE
    if day in saved:
        return DayState.SAVED
    if day == today:
        return DayState.TODAY
    if day in drafts and day >= oldest_editable:
        return DayState.DRAFT
    if not is_workday:
        return DayState.REST
    return DayState.FILLABLE if day >= oldest_editable else DayState.MISSED


def study_calendar(*, user: User, year: int, today: datetime.date, rules: StudyRules | None = None) -> StudyCalendar:
    """The person's year, day by day: saved, missed (and whether it can still be filled in), rest or holiday.

    Two queries (the year's logs and the workday overrides), and two more for the rules when not given.
    """
    rules = rules or study_rules()
    is_workday = workday_checker()
    month_start = today.replace(day=1)
    wanted = Q(date__range=(datetime.date(year, 1, 1), datetime.date(year, 12, 31))) | Q(
        date__range=(month_start, today)
    )
    rows = list(StudyLog.objects.filter(wanted, user=user).values_list("date", "minutes", "saved_at"))
    saved = {day: minutes for day, minutes, saved_at in rows if saved_at is not None}
    drafts = {day for day, _minutes, saved_at in rows if saved_at is None}
    oldest_editable = today - datetime.timedelta(days=rules.backfill_days)
    months = []
    for month in range(1, 13):
        first = datetime.date(year, month, 1)
        padding: list[CalendarDay | None] = [None] * first.weekday()
        cells = padding
        day = first
        while day.month == month:
            workday = is_workday(day)
            names = consistency.holiday_names(day)
            cells.append(
                CalendarDay(
                    date=day,
                    state=_day_state(
                        day,
                        today=today,
                        saved=saved,
                        drafts=drafts,
                        is_workday=workday,
                        oldest_editable=oldest_editable,
                    ),  # fmt: skip
                    minutes=saved.get(day, 0),
                    is_workday=workday,
                    holiday=in_language(*names) if names else "",
                    make_up=workday and day.weekday() >= 5,
                )
            )
            day += datetime.timedelta(days=1)
        cells += [None] * (-len(cells) % 7)
        months.append(CalendarMonth(year=year, month=month, weeks=tuple(tuple(cells[i : i + 7]) for i in
                                                                          range(0, len(cells), 7))))  # fmt: skip
    missed = consistency.missed_workdays(
        logged=saved.keys(), start=month_start, end=today - datetime.timedelta(days=1), is_workday=is_workday
    )
    return StudyCalendar(
        year=year,
        today=today,
        months=tuple(months),
        current_month=months[today.month - 1] if year == today.year else None,
        skip_days_per_month=rules.skip_days_per_month,
        skip_days_left=max(0, rules.skip_days_per_month - missed),
        backfill_days=rules.backfill_days,
        saved_days=sum(1 for d in saved if d.year == year),
        fillable_days=sum(1 for m in months for w in m.weeks for d in w if d and d.state == DayState.FILLABLE),
        previous_year=year - 1 if year > today.year - CALENDAR_YEARS_BACK else None,
        next_year=year + 1 if year < today.year else None,
    )


# --- Reads for the screens of portal/screens (typed, keyword-only, one query each) ----------------------


def last_log_dates(*, user_ids: list[int]) -> dict[int, datetime.date]:
    """The date of each person's latest saved log; people without one are left out (one query).

    Each person's is the first saved row of a backward walk of the (person, date) index: a MAX over
    their logs read every log they ever wrote (24 people x 3 years: 11,000 rows, 5 ms; now 0.3 ms).
    """
    latest = StudyLog.objects.saved().filter(user=OuterRef("pk")).order_by("-date").values("date")[:1]
    rows = User.objects.filter(pk__in=user_ids).annotate(last=Subquery(latest)).values_list("pk", "last")
    return {pk: last for pk, last in rows if last is not None}


def has_saved_log(*, user: User) -> bool:
    return StudyLog.objects.saved().filter(user=user).exists()


@dataclass(frozen=True)
class SharedInsight:
    date: datetime.date
    minutes: int
    insight: str


def shared_insights(*, user: User, limit: int = 30) -> list[SharedInsight]:
    """The insights the person chose to share with their manager, newest first (one query)."""
    rows = (
        StudyLog.objects.saved()
        .filter(user=user, share_insight=True)
        .exclude(insight="")
        .order_by("-date")
        .values_list("date", "minutes", "insight")[:limit]
    )
    return [SharedInsight(date=day, minutes=minutes, insight=text) for day, minutes, text in rows]


@dataclass(frozen=True)
class IdeaRow:
    pk: int
    title: str
    status: str
    status_label: str


def idea_rows(*, user: User, limit: int = 20) -> list[IdeaRow]:
    """The person's latest golden ideas with their status (one query)."""
    rows = GoldenIdea.objects.filter(author=user).order_by("-created_at", "-pk").values_list("pk", "title", "status")
    return [IdeaRow(pk=pk, title=title, status=status, status_label=str(GoldenIdea.Status(status).label))
            for pk, title, status in rows[:limit]]  # fmt: skip


@dataclass(frozen=True)
class YearStudy:
    days: int
    minutes: int
    materials: list[str]  # each material once, in the order first studied
    highlights: list[tuple[datetime.date, str]]  # the insights the person marked for the summary


def year_study(*, user: User, year: int, highlights: int = 3) -> YearStudy:
    """The year's saved logs in numbers, the materials studied (each once) and the marked insights (three queries)."""
    logs = StudyLog.objects.saved().filter(user=user, date__year=year)
    totals = logs.aggregate(days=Count("pk"), minutes=Sum("minutes"))
    materials = (
        StudyMaterialPage.objects.filter(study_logs__in=logs)
        .values("pk", "title")
        .annotate(first=Min("study_logs__date"))
        .order_by("first", "pk")
    )
    marked = logs.filter(highlight=True).exclude(insight="").order_by("-date").values_list("date", "insight")
    return YearStudy(
        days=totals["days"] or 0,
        minutes=totals["minutes"] or 0,
        materials=[row["title"] for row in materials],
        highlights=list(marked[:highlights]),
    )


@dataclass(frozen=True)
class IdeaOutcomeRow:
    title: str
    status_label: str
    outcome: str  # the manager's latest note on the idea


def year_ideas_taken_up(*, user: User, year: int) -> list[IdeaOutcomeRow]:
    """The person's ideas of the year that were adopted or implemented, with the latest note (one query)."""
    taken = [GoldenIdea.Status.ADOPTED, GoldenIdea.Status.IMPLEMENTED]
    note = IdeaStep.objects.filter(idea=OuterRef("pk")).exclude(note="").order_by("-created_at", "-pk").values("note")
    rows = (
        GoldenIdea.objects.filter(author=user, created_at__year=year, status__in=taken)
        .annotate(outcome=Subquery(note[:1]))
        .order_by("created_at", "pk")
        .values_list("title", "status", "outcome")
    )
    return [IdeaOutcomeRow(title=title, status_label=str(GoldenIdea.Status(status).label), outcome=outcome or "")
            for title, status, outcome in rows]  # fmt: skip


NO_LOGS: tuple[int, frozenset[int]] = (0, frozenset())


def department_log_days(*, department_ids: list[int], since: datetime.date,
                        until: datetime.date) -> dict[int, tuple[int, int]]:  # fmt: skip
    """Saved logs and the number of people who wrote them, per home department, between two dates.

    Only the departments asked for (a page of /org/'s table): their members' logs are found through the
    (person, date) index, so the cost follows the page, not the office. The days before today are kept
    per department until the study history moves (``portal.page_cache.history_rows``): one query for
    today's logs, and one more for the departments whose past is not kept.
    """
    past_until = min(until, timezone.localdate() - datetime.timedelta(days=1))
    past, recent = {}, {}
    if since <= past_until:
        past = page_cache.history_rows(f"department-logs:{since}:{past_until}", ids=department_ids, empty=NO_LOGS,
                                       compute=lambda ids: _department_writers(ids, since, past_until))  # fmt: skip
    if until > past_until:
        recent = _department_writers(department_ids, max(since, past_until + datetime.timedelta(days=1)), until)
    totals = {}
    for pk in {*past, *recent}:
        (past_days, past_writers), (days, writers) = past.get(pk, NO_LOGS), recent.get(pk, NO_LOGS)
        if past_days + days:
            totals[pk] = (past_days + days, len(past_writers | writers))
    return totals


def _department_writers(department_ids: list[int], since: datetime.date,
                        until: datetime.date) -> dict[int, tuple[int, frozenset[int]]]:  # fmt: skip
    """Saved logs per home department between two dates, and who wrote them (one query)."""
    rows = (
        Membership.objects.filter(department_id__in=department_ids, role=Membership.Role.MEMBER, user__is_active=True,
                                  user__study_logs__date__range=(since, until),
                                  user__study_logs__saved_at__isnull=False)
        .values("department_id", "user_id")
        .annotate(days=Count("user__study_logs"))
        .order_by()
        .values_list("department_id", "user_id", "days")
    )  # fmt: skip
    days: dict[int, int] = {}
    writers: dict[int, set[int]] = {}
    for department, user, count in rows:
        days[department] = days.get(department, 0) + count
        writers.setdefault(department, set()).add(user)
    return {pk: (days[pk], frozenset(writers[pk])) for pk in days}


def material_index() -> StudyMaterialIndexPage | None:
    """The library's index page, where "all materials" and the topics link to (one query)."""
    index: StudyMaterialIndexPage | None = originals(StudyMaterialIndexPage.objects.live()).first()
    return index


# --- Translations: listings show originals, in the reader's language where a translation exists --------


def _choices_in_reader_language(rows: Iterable[tuple[int, str, object]]) -> list[MaterialChoice]:
    """(id, title, translation key) rows of originals as choices titled in the reader's language (one query)."""
    rows = list(rows)
    titles = translated_fields(StudyMaterialPage, [key for _id, _title, key in rows], fields=("title",))
    return [MaterialChoice(id=pk, title=titles.get(key, {}).get("title") or title) for pk, title, key in rows]


def material_live_original(*, page_id: int) -> StudyMaterialPage | None:
    """The live original of a material: the page itself, or the one a translation was made from (one query).

    Study records (a log's materials, an opening) always point at the original, whatever page was read.
    """
    same_key = StudyMaterialPage.objects.filter(id=page_id).values("translation_key")
    return originals(StudyMaterialPage.objects.live()).filter(translation_key__in=same_key).first()


def _in_translation(condition: Q) -> Q:
    """Originals whose live translation in the reader's language meets ``condition`` (nothing for Chinese readers)."""
    if reads_original():
        return Q(pk__in=[])
    translations = StudyMaterialPage.objects.live().filter(condition, locale__language_code=reader_language())
    return Q(translation_key__in=translations.values("translation_key"))
