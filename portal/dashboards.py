"""Screens that compose learning and assessments for one person, a team or the office.

How the numbers are made (shown on the pages too):
- item score: the 1-5 rating; framework score: the mean of its rated items;
- change: this cycle's framework score minus the person's previous submitted cycle;
- department median: only where at least ``access.MIN_GROUP_SIZE`` people submitted;
- attention: not submitted with 3 days or less left, a framework drop of 1 point or more,
  or no study log for 5 workdays. Nobody is ranked.
Every function reads with a fixed number of queries, whatever the team size or history.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Avg, Count, Max, Q, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from assessments import selectors as assessment_selectors
from assessments.models import Answer, Cycle, Item, LookBack, SelfAssessment
from learning import selectors as learning_selectors
from learning.models import StudyLog

from . import access, charts
from .i18n import in_language
from .models import Department, User
from .notices import NoticeCard, notice_cards
from .params import int_param

NOTICES_SHOWN = 5
ATTENTION_DAYS_LEFT = 3
ATTENTION_DROP = 1.0
ATTENTION_IDLE_WORKDAYS = 5
SUBMITTED = "submitted"


@dataclass(frozen=True)
class TodaySummary:
    date: datetime.date
    name: str
    notices: list[NoticeCard]
    study: learning_selectors.StudyToday | None = None
    open_cycles: int = 0


def today_summary(*, user: User) -> TodaySummary:
    today = timezone.localdate()
    unread = notice_cards(user=user, unread_only=True, limit=NOTICES_SHOWN)
    open_cycles = sum(
        1 for row in assessment_selectors.cycle_lists(user=user, today=today).open if row.person_state != SUBMITTED
    )
    return TodaySummary(
        date=today,
        name=str(user),
        notices=list(unread),
        study=learning_selectors.study_today(user=user, today=today),
        open_cycles=open_cycles,
    )


# --- The person's own growth ---------------------------------------------------------------------


def _radar(user: User) -> charts.Chart | None:
    items = [item for item in assessment_selectors.latest_item_scores(user=user) if item.latest is not None]
    if not items:
        return None
    latest = SelfAssessment.objects.filter(user=user, status=SUBMITTED).order_by("-cycle__opens_on").first()
    medians = {}
    if latest is not None and latest.department_id:
        medians = {
            m.code: m.median
            for m in assessment_selectors.department_item_medians(department=latest.department, cycle=latest.cycle)
        }
    figure = charts.growth_radar(
        labels=[item.title for item in items],
        current=[item.latest for item in items],
        previous=[item.previous for item in items] if any(item.previous for item in items) else [],
        median=[medians.get(item.code) for item in items] if medians else [],
        names=(_("This cycle"), _("Previous cycle"), _("Department median")),
    )
    summary = _("%(count)d items rated this cycle; average %(mean).1f of 5.") % {
        "count": len(items),
        "mean": sum(item.latest for item in items) / len(items),
    }
    if not medians:
        summary += " " + _("The department median shows once at least 3 colleagues have submitted.")
    return charts.Chart(
        name="growth-radar",
        title=_("My latest self-assessment"),
        figure=figure,
        summary=summary,
        explanation=_("Each item is rated 1-5 against its behaviour anchors; the outer ring is 5."),
        headers=(_("Item"), _("This cycle"), _("Previous cycle"), _("Department median")),
        rows=[(i.title, i.latest, i.previous or "—", medians.get(i.code) or "—") for i in items],
    )


def _framework_trend(user: User) -> charts.Chart | None:
    scores = assessment_selectors.framework_scores_by_cycle(user=user)
    if not scores:
        return None
    cycles = list(dict.fromkeys(score.cycle_name for score in scores))
    by_framework: dict[str, dict[str, float]] = defaultdict(dict)
    for score in scores:
        by_framework[score.framework_name][score.cycle_name] = score.score
    series = [(name, [values.get(cycle) for cycle in cycles]) for name, values in by_framework.items()]
    return charts.Chart(
        name="framework-trend",
        title=_("My frameworks across cycles"),
        figure=charts.score_trend(cycles=cycles, series=series),
        summary=_("%(cycles)d cycles submitted.") % {"cycles": len(cycles)},
        explanation=_(
            "Framework score = the mean of its rated items (1-5). Growth = the change from one cycle to the next."
        ),
        headers=(_("Cycle"), *by_framework.keys()),
        rows=[(cycle, *[values.get(cycle, "—") for values in by_framework.values()]) for cycle in cycles],
    )


def _item_trends(user: User) -> list[charts.Chart]:
    """A trend chart per framework with a line per item, from one query over the person's submitted answers."""
    rows = (
        Answer.objects.filter(assessment__user=user, assessment__status=SUBMITTED, rating__isnull=False)
        .order_by("assessment__cycle__opens_on", "item__framework__order", "item__order")
        .values_list("assessment__cycle__name_zh", "assessment__cycle__name_en", "item__framework__code",
                     "item__framework__name_zh", "item__framework__name_en", "item__title_zh", "item__title_en",
                     "rating")
    )  # fmt: skip
    cycles: list[str] = []
    frameworks: dict[str, tuple[str, dict[str, dict[str, int]]]] = {}
    for cycle_zh, cycle_en, code, fw_zh, fw_en, title_zh, title_en, rating in rows:
        cycle = in_language(cycle_zh, cycle_en)
        if cycle not in cycles:
            cycles.append(cycle)
        _name, items = frameworks.setdefault(code, (in_language(fw_zh, fw_en), {}))
        items.setdefault(in_language(title_zh, title_en), {})[cycle] = rating
    if len(cycles) < 2:
        return []
    return [
        charts.Chart(
            name=f"item-trend-{code.lower()}",
            title=_("%(framework)s item by item") % {"framework": name},
            figure=charts.score_trend(
                cycles=cycles, series=[(title, [by.get(c) for c in cycles]) for title, by in items.items()]
            ),
            summary=_("%(items)d items over %(cycles)d cycles.") % {"items": len(items), "cycles": len(cycles)},
            explanation=_(
                "Each line is one item's rating (1-5) in each submitted cycle; click a legend entry to hide it."
            ),
            headers=(_("Item"), *cycles),
            rows=[(title, *[by.get(c, "—") for c in cycles]) for title, by in items.items()],
        )
        for code, (name, items) in frameworks.items()
    ]


def _weekly_minutes(user: User, today: datetime.date) -> charts.Chart:
    weeks = learning_selectors.study_minutes_by_week(user=user, weeks=26, today=today)
    labels = [week.week_start.strftime("%m-%d") for week in weeks]
    met = sum(1 for week in weeks if week.target and week.minutes >= week.target)
    return charts.Chart(
        name="weekly-minutes",
        title=_("Study minutes per week"),
        figure=charts.minutes_by_week(
            weeks=labels,
            minutes=[week.minutes for week in weeks],
            targets=[week.target for week in weeks],
            names=(_("Minutes"), _("Target")),
        ),
        summary=_("The target was reached in %(met)d of the last %(weeks)d weeks.") % {"met": met, "weeks": len(weeks)},
        explanation=_("Target = the daily target times the week's workdays (holidays and 调休 counted)."),
        headers=(_("Week of"), _("Minutes"), _("Target")),
        rows=[(week.week_start, week.minutes, week.target) for week in weeks],
    )


def _year_calendar(user: User, year: int) -> charts.Chart:
    days = {day.date: day.minutes for day in learning_selectors.study_days(user=user, year=year)}
    is_workday = learning_selectors.workday_checker()
    first = datetime.date(year, 1, 1)
    start = first - datetime.timedelta(days=first.weekday())
    weeks = (datetime.date(year, 12, 31) - start).days // 7 + 1
    weekday_names = [_("Mon"), _("Tue"), _("Wed"), _("Thu"), _("Fri"), _("Sat"), _("Sun")]
    values: list[list[float | None]] = [[None] * weeks for _weekday in range(7)]
    hover: list[list[str]] = [[""] * weeks for _weekday in range(7)]
    for offset in range(weeks * 7):
        day = start + datetime.timedelta(days=offset)
        if day.year != year:
            continue
        column, row = offset // 7, day.weekday()
        values[row][column] = days.get(day)
        rest = "" if is_workday(day) else " · " + _("rest day")
        minutes = _("%(minutes)d minutes") % {"minutes": days[day]} if day in days else _("no log")
        hover[row][column] = f"{day.isoformat()}: {minutes}{rest}"
    return charts.Chart(
        name="year-calendar",
        title=_("My year in study days (%(year)d)") % {"year": year},
        figure=charts.year_calendar(
            weeks=[(start + datetime.timedelta(weeks=w)).strftime("%m-%d") for w in range(weeks)],
            weekdays=weekday_names,
            values=values,
            hover=hover,
        ),
        summary=_("%(days)d days with a study log in %(year)d.") % {"days": len(days), "year": year},
        explanation=_("A square a day; darker means more minutes, empty means no log. Hover shows rest days."),
    )


def personal_dashboard(*, user: User, today: datetime.date) -> dict:
    optional = [_radar(user), _framework_trend(user)]
    charts_ = [chart for chart in optional if chart] + _item_trends(user)
    charts_ += [_weekly_minutes(user, today), _year_calendar(user, today.year)]
    ideas = list(learning_selectors.ideas_of(user=user)[:10])
    improvements = assessment_selectors.improvement_items(user=user)
    reviewed = (
        SelfAssessment.objects.filter(user=user, status=SUBMITTED, review__isnull=False)
        .order_by("-cycle__opens_on")
        .first()
    )
    has_logs = StudyLog.objects.saved().filter(user=user).exists()
    return {
        "today": today,
        "has_data": bool(ideas or has_logs or any(optional)),
        "first_steps": [
            {"url": reverse("learning:log-today"), "label": _("Write tonight's study log")},
            {"url": reverse("assessments:cycle-list"), "label": _("Open the self-assessment")},
        ],
        "charts": charts_,
        "ideas": [
            {"url": reverse("learning:idea-detail", args=[i.pk]), "title": i.title, "status": i.get_status_display()}
            for i in ideas
        ],  # fmt: skip
        "improvements": [
            {"text": row.text, "cycle": row.cycle_name, "progress": _progress_label(row.progress)}
            for row in improvements[:9]
        ],
        "gaps": [
            {"label": gap.title, "self_score": gap.self_rating, "manager_score": gap.manager_rating, "gap": gap.gap}
            for gap in (assessment_selectors.self_manager_gaps(assessment=reviewed) if reviewed else [])
        ],
        "viewed_by_url": reverse("dashboards:viewed-by"),
    }


# --- A manager's team ------------------------------------------------------------------------------


def team_cycles(*, department: Department, today: datetime.date) -> list[Cycle]:
    """Cycles that have opened for a department, newest first."""
    audience = Q(audience=Cycle.Audience.OFFICE) | Q(departments=department)
    return list(Cycle.objects.filter(audience, opens_on__lte=today).distinct().order_by("-opens_on"))


def _pick_cycle(cycles: list[Cycle], cycle_id: str | None) -> Cycle | None:
    wanted = int_param(cycle_id)
    return next((cycle for cycle in cycles if cycle.pk == wanted), cycles[0] if cycles else None)


def _framework_of_codes() -> dict[str, tuple[str, str]]:
    rows = Item.all_versions.filter(is_current=True).select_related("framework").order_by("framework__order")
    return {item.code: (item.framework.code, item.framework.name) for item in rows}


def _framework_means(scores, frameworks: dict[str, tuple[str, str]]) -> dict[int, dict[str, float]]:
    """Mean rating per member and framework from member x item rows."""
    sums: dict[int, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    for score in scores:
        if score.rating is not None and score.code in frameworks:
            sums[score.user_id][frameworks[score.code][1]].append(score.rating)
    return {uid: {name: sum(v) / len(v) for name, v in by.items()} for uid, by in sums.items()}


def _idle_members(members: list[User], today: datetime.date) -> set[int]:
    """Members with no study log on any of the last ``ATTENTION_IDLE_WORKDAYS`` workdays."""
    is_workday = learning_selectors.workday_checker()
    day, workdays = today, []
    while len(workdays) < ATTENTION_IDLE_WORKDAYS:
        day -= datetime.timedelta(days=1)
        if is_workday(day):
            workdays.append(day)
    last = dict(
        StudyLog.objects.saved()
        .filter(user__in=members)
        .values("user_id")
        .annotate(last=Max("date"))
        .values_list("user_id", "last")
    )
    return {m.pk for m in members if last.get(m.pk) is None or last[m.pk] < workdays[-1]}


def team_dashboard(*, department: Department, cycle_id: str | None, today: datetime.date) -> dict:
    cycles = team_cycles(department=department, today=today)
    cycle = _pick_cycle(cycles, cycle_id)
    members = list(
        User.objects.filter(is_active=True, memberships__department=department, memberships__role="member")
        .distinct()
        .order_by("display_name", "username")
    )
    names = {m.pk: str(m) for m in members}
    reasons: dict[int, list[str]] = defaultdict(list)
    context: dict = {"cycles": cycles, "cycle": cycle, "members": members, "charts": [], "changes": []}
    if cycle is not None:
        completion = assessment_selectors.cycle_completion(department=department, cycle=cycle)
        by_state = defaultdict(list)
        for row in completion:
            by_state[row.state].append(row.name)
            if row.state != SUBMITTED and cycle.is_open(today) and cycle.days_left(today) <= ATTENTION_DAYS_LEFT:
                reasons[row.user_id].append(_("not submitted, %(days)d days left") % {"days": cycle.days_left(today)})
        context["completion"] = {key: by_state[key] for key in (SUBMITTED, "draft", "not_started")}
        context.update(_team_scores(department, cycle, cycles, names, reasons))
    for pk in _idle_members(members, today):
        reasons[pk].append(_("no study log for %(days)d workdays") % {"days": ATTENTION_IDLE_WORKDAYS})
    context["charts"].append(_team_minutes(members, today))
    context["attention"] = [{"member": m, "reasons": reasons[m.pk]} for m in members if reasons.get(m.pk)]
    return context


def _team_scores(department, cycle, cycles, names, reasons) -> dict:
    frameworks = _framework_of_codes()
    scores = assessment_selectors.team_item_scores(department=department, cycle=cycle)
    previous_cycle = next((c for c in cycles if c.opens_on < cycle.opens_on), None)
    previous = (
        _framework_means(assessment_selectors.team_item_scores(department=department, cycle=previous_cycle), frameworks)
        if previous_cycle
        else {}
    )
    current = _framework_means(scores, frameworks)
    columns = list(dict.fromkeys(name for _code, name in frameworks.values()))
    changes = []
    for pk, means in current.items():
        deltas = [
            round(means[c] - previous[pk][c], 2) if c in means and c in previous.get(pk, {}) else None for c in columns
        ]
        changes.append({"member": _Member(pk, names.get(pk, "")), "deltas": deltas})
        for column, delta in zip(columns, deltas, strict=True):
            if delta is not None and delta <= -ATTENTION_DROP:
                reasons[pk].append(_("%(framework)s dropped by %(delta).1f") % {"framework": column, "delta": -delta})
    rated = [s for s in scores if s.code in frameworks and frameworks[s.code][0] != "FOUR_LOOKS"]
    chart = _team_heatmap(rated, names) if rated else None
    return {"changes": changes, "change_columns": columns, "charts": [chart] if chart else []}


@dataclass(frozen=True)
class _Member:
    pk: int
    name: str

    def __str__(self) -> str:
        return self.name


def _team_heatmap(scores, names: dict[int, str]) -> charts.Chart:
    people = list(dict.fromkeys(s.user_id for s in scores))
    items = list(dict.fromkeys(s.title for s in scores))
    grid = {(s.user_id, s.title): s.rating for s in scores}
    values = [[grid.get((pk, item)) for item in items] for pk in people]
    return charts.Chart(
        name="team-heatmap",
        title=_("Self ratings by item"),
        figure=charts.heatmap(rows=[names.get(pk, "") for pk in people], columns=items, values=values),
        summary=_("%(people)d submitted assessments, %(items)d rated items.")
        % {"people": len(people), "items": len(items)},
        explanation=_("Each cell is the person's own 1-5 rating. Members are listed by name, not by score."),
        wide=True,
        headers=(_("Person"), *items),
        rows=[
            (names.get(pk, ""), *["—" if v is None else v for v in row]) for pk, row in zip(people, values, strict=True)
        ],
    )


def _team_minutes(members: list[User], today: datetime.date) -> charts.Chart:
    rows = learning_selectors.team_study_minutes(members=members, weeks=4, today=today)
    weeks = sorted({row.week_start for row in rows})
    minutes = {(row.user_id, row.week_start): row.minutes for row in rows}
    names = [str(m) for m in members]
    traces = [(week.strftime("%m-%d"), [minutes.get((m.pk, week), 0) for m in members]) for week in weeks]
    return charts.Chart(
        name="team-minutes",
        title=_("Study minutes, last four weeks"),
        figure=charts.grouped_bars(categories=names, series=traces),
        summary=_("Minutes per person and week (Monday start) for %(people)d people.") % {"people": len(members)},
        explanation=_("Minutes are what people report; the insight matters more than the count."),
        headers=(_("Person"), *[label for label, _values in traces]),
        rows=[(name, *[values[i] for _label, values in traces]) for i, name in enumerate(names)],
    )


def member_page(*, member: User, viewer: User) -> dict:
    assessments = (
        SelfAssessment.objects.filter(user=member, status=SUBMITTED)
        .select_related("cycle")
        .annotate(has_review=Count("review"))
        .order_by("-cycle__opens_on")
    )
    insights = StudyLog.objects.saved().filter(user=member, share_insight=True).exclude(insight="").order_by("-date")
    ideas = learning_selectors.ideas_of(user=member)[:20]
    radar = _radar(member)
    return {
        "charts": [chart for chart in (radar, _framework_trend(member)) if chart],
        "assessments": [
            {"cycle": a.cycle, "reviewed": bool(a.has_review), "review_url": reverse("assessments:review", args=[a.pk])}
            for a in assessments
        ],
        "insights": list(insights[:30]),
        "ideas": [
            {"url": reverse("learning:idea-detail", args=[i.pk]), "title": i.title, "status": i.get_status_display()}
            for i in ideas
        ],  # fmt: skip
    }


# --- The office ----------------------------------------------------------------------------------


def office_overview(*, cycle_id: str | None, today: datetime.date) -> dict:
    cycles = list(Cycle.objects.filter(opens_on__lte=today).order_by("-opens_on"))
    cycle = _pick_cycle(cycles, cycle_id)
    departments = list(
        Department.objects.annotate(
            people=Count("memberships", filter=Q(memberships__role="member", memberships__user__is_active=True))
        )
    )
    frameworks = _framework_of_codes()
    framework_names = list(dict.fromkeys(name for code, name in frameworks.values() if code != "FOUR_LOOKS"))
    means, submitted = _department_means(cycle, frameworks) if cycle else ({}, {})
    since = today - datetime.timedelta(days=27)
    study = dict(
        StudyLog.objects.saved()
        .filter(date__gte=since, user__memberships__role="member")
        .values("user__memberships__department")
        .annotate(days=Count("pk"))
        .values_list("user__memberships__department", "days")
    )
    rows = []
    for department in departments:
        hidden = department.people < access.MIN_GROUP_SIZE
        done = submitted.get(department.pk, 0)
        rows.append({
            "department": department.name, "hidden": hidden, "people": department.people,
            "completion": f"{done}/{department.people}",
            "means": [means.get(department.pk, {}).get(name) for name in framework_names],
            "study_days": round(study.get(department.pk, 0) / max(department.people, 1), 1),
        })  # fmt: skip
    visible = [row for row in rows if not row["hidden"]]
    chart = charts.Chart(
        name="org-heatmap",
        title=_("Framework means by department"),
        figure=charts.heatmap(
            rows=[r["department"] for r in visible], columns=framework_names, values=[r["means"] for r in visible]
        ),  # fmt: skip
        summary=_("%(shown)d departments shown, %(hidden)d hidden (fewer than %(size)d people).")
        % {"shown": len(visible), "hidden": len(rows) - len(visible), "size": access.MIN_GROUP_SIZE},
        explanation=_("Mean of submitted self ratings (1-5) in the cycle."),
    )
    return {
        "cycle": cycle,
        "cycles": cycles,
        "rows": rows,
        "framework_names": framework_names,
        "hidden_colspan": len(framework_names) + 3,
        "min_group_size": access.MIN_GROUP_SIZE,
        "charts": [chart] if visible else [],
    }


def _department_means(cycle: Cycle, frameworks) -> tuple[dict[int, dict[str, float]], dict[int, int]]:
    rows = (
        Answer.objects.filter(assessment__cycle=cycle, assessment__status=SUBMITTED, rating__isnull=False)
        .values("assessment__department_id", "item__framework__name_zh", "item__framework__name_en")
        .annotate(mean=Avg("rating"))
    )
    means: dict[int, dict[str, float]] = defaultdict(dict)
    for row in rows:
        name = in_language(row["item__framework__name_zh"], row["item__framework__name_en"])
        means[row["assessment__department_id"]][name] = float(row["mean"])
    submitted = dict(
        SelfAssessment.objects.filter(cycle=cycle, status=SUBMITTED)
        .values("department_id")
        .annotate(n=Count("pk"))
        .values_list("department_id", "n")
    )
    return means, submitted


# --- Exports and the year-end summary ------------------------------------------------------------


def year_summary(*, user: User, year: int, today: datetime.date) -> dict:
    logs = StudyLog.objects.saved().filter(user=user, date__year=year)
    totals = logs.aggregate(days=Count("pk"), minutes=Sum("minutes"))
    minutes = totals["minutes"] or 0
    materials = list(logs.values_list("materials__title", flat=True).exclude(materials__isnull=True).distinct()[:30])
    highlights = logs.filter(highlight=True).exclude(insight="").order_by("date")
    ideas = learning_selectors.ideas_of(user=user).filter(created_at__year=year)
    scores = [s for s in assessment_selectors.framework_scores_by_cycle(user=user) if s.opens_on.year == year]
    growth: dict[str, dict] = {}
    for score in scores:
        entry = growth.setdefault(score.framework_name, {"framework": score.framework_name, "first": score.score})
        entry["last"] = score.score
    trend = _framework_trend(user) if scores else None
    return {
        "year": year,
        "user_name": str(user),
        "study": {"days": totals["days"], "minutes": minutes, "hours": round(minutes / 60), "materials": materials},
        "highlights": list(highlights),
        "ideas": [{"title": idea.title, "status": idea.get_status_display()} for idea in ideas],
        "growth": list(growth.values()),
        "charts": [trend] if trend else [],
        "improvements": [
            {"text": row.text, "progress": _progress_label(row.progress)}
            for row in assessment_selectors.improvement_items(user=user)
            if row.opens_on.year == year
        ],
    }


def _progress_label(progress: str) -> str:
    return str(LookBack.Progress(progress).label) if progress else ""
