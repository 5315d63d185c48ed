"""Demo content for learning: the study materials, 12 months of study logs and golden ideas.

Idempotent: materials are found by slug, and history is added only for people who have none.
People differ: some study nearly every workday, some now and then, some in bursts.
"""

import datetime
import random

from django.utils import timezone
from wagtail.models import Site
from wagtail.rich_text import RichText

from cms.translations import originals
from portal.demo import DemoOffice
from portal.models import Membership, User

from .consistency import workday_rule
from .demo_content import (
    IDEAS,
    INSIGHT_ACTIONS,
    INSIGHT_CORES,
    INSIGHT_OPENINGS,
    MANAGER_NOTES,
    MATERIALS,
    SOURCES,
)
from .frameworks import SEEDED_ITEMS
from .models import (
    GoldenIdea,
    IdeaStep,
    StudyLog,
    StudyMaterialIndexPage,
    StudyMaterialItemLink,
    StudyMaterialPage,
)

HISTORY_DAYS = 365
# (chance of a log on a workday, chance on a day off, typical minutes, chance of sharing, ideas a week)
PROFILES = {
    "regular": (0.93, 0.15, 65, 0.6, 0.6),
    "steady": (0.75, 0.05, 50, 0.4, 0.35),
    "irregular": (0.45, 0.02, 40, 0.2, 0.15),
    "bursts": (0.3, 0.0, 75, 0.1, 0.1),
}
STEP_FLOW = ("under_study", ("adopted", "not_adopted"), "implemented")


def seed(office: DemoOffice) -> None:
    materials = seed_materials()
    people = [user for user in office.members if user.is_active]
    seed_logs(people, materials)
    seed_ideas(people)


def _body(blocks):
    return [(kind, RichText(value) if kind == "paragraph" else value) for kind, value in blocks]


def seed_materials() -> list[StudyMaterialPage]:
    home = Site.objects.get(is_default_site=True).root_page  # the home page, without importing cms
    index = StudyMaterialIndexPage.objects.first()
    if index is None:
        index = StudyMaterialIndexPage(
            title="学习资料", slug="learning", intro="每晚一小时：从这些材料开始，读完写下自己的体会。"
        )
        home.add_child(instance=index)
        index.save_revision().publish()
    existing = set(StudyMaterialPage.objects.values_list("slug", flat=True))
    for slug, title, summary, minutes, topics, codes, blocks in MATERIALS:
        if slug in existing:
            continue
        page = StudyMaterialPage(title=title, slug=slug, summary=summary, estimated_minutes=minutes, body=_body(blocks))
        page.item_links = [StudyMaterialItemLink(code=code) for code in codes]
        index.add_child(instance=page)
        page.tags.add(*topics)
        page.save_revision().publish()
    return list(originals(StudyMaterialPage.objects.live()).order_by("pk"))  # logs point at originals


def _insight(rng: random.Random, previous: str) -> str:
    while True:
        text = rng.choice(INSIGHT_OPENINGS) + rng.choice(INSIGHT_CORES) + "。" + rng.choice(INSIGHT_ACTIONS)
        if text != previous:
            return text


def _profile(user: User, rng: random.Random) -> str:
    fixed = {"staff": "regular", "staff2": "steady", "other": "irregular"}
    return fixed.get(user.username) or rng.choice(list(PROFILES))


def seed_logs(people: list[User], materials: list[StudyMaterialPage]) -> None:
    """Add a year of logs for every person who has none yet (bulk inserts: a few queries per person)."""
    have_logs = set(StudyLog.objects.filter(user__in=people).values_list("user_id", flat=True).distinct())
    today = timezone.localdate()
    is_workday = workday_rule({})
    codes = [item.code for item in SEEDED_ITEMS]
    links = []
    for user in people:
        if user.pk in have_logs:
            continue
        rng = random.Random(f"logs-{user.username}")  # noqa: S311 - demo data
        profile = _profile(user, rng)
        workday_chance, weekend_chance, typical, share_chance, _ideas = PROFILES[profile]
        shares = rng.random() < share_chance
        logs, chosen, previous = [], [], ""
        burst = 0
        for back in range(HISTORY_DAYS, 0, -1):  # today stays open for tonight's log
            day = today - datetime.timedelta(days=back)
            chance = workday_chance if is_workday(day) else weekend_chance
            if profile == "bursts":
                burst = burst - 1 if burst > 0 else (rng.randint(5, 20) if rng.random() < 0.05 else 0)
                chance = 0.9 if burst else 0.05
            if rng.random() >= chance:
                continue
            previous = _insight(rng, previous)
            saved_at = timezone.make_aware(datetime.datetime.combine(day, datetime.time(21, rng.randint(0, 59))))
            logs.append(
                StudyLog(
                    user=user,
                    date=day,
                    minutes=max(5, min(180, int(rng.gauss(typical, 18)) // 5 * 5)),
                    sources=rng.choice(SOURCES),
                    insight=previous,
                    items=rng.sample(codes, rng.choice([0, 0, 1, 1, 2])),
                    share_insight=shares and rng.random() < 0.8,
                    highlight=rng.random() < 0.03,
                    version=1,
                    saved_at=saved_at,
                )
            )
            chosen.append(rng.sample(materials, rng.choice([0, 0, 0, 1, 1, 2])) if materials else [])
        created = StudyLog.objects.bulk_create(logs, batch_size=500)
        for log, picks in zip(created, chosen, strict=True):
            links.extend(StudyLog.materials.through(studylog_id=log.pk, studymaterialpage_id=m.pk) for m in picks)
    StudyLog.materials.through.objects.bulk_create(links, batch_size=1000)


def seed_ideas(people: list[User]) -> None:
    """Add golden ideas with their steps for people who have none; older ideas went further along."""
    have_ideas = set(GoldenIdea.objects.filter(author__in=people).values_list("author_id", flat=True).distinct())
    managers = _managers_of(people)
    now = timezone.now()
    ideas, step_plans = [], []
    for user in people:
        if user.pk in have_ideas:
            continue
        rng = random.Random(f"ideas-{user.username}")  # noqa: S311 - demo data
        per_week = PROFILES[_profile(user, rng)][4]
        manager = managers.get(user.pk)
        for week in range(52, 0, -1):
            if rng.random() >= per_week:
                continue
            created = now - datetime.timedelta(weeks=week, days=rng.randint(0, 4), hours=rng.randint(0, 8))
            title, category, body = rng.choice(IDEAS)
            ideas.append(GoldenIdea(author=user, title=title, body=body, category=category, created_at=created))
            step_plans.append(_steps(rng, created, week, now, manager))
    created_ideas = GoldenIdea.objects.bulk_create(ideas, batch_size=500)
    steps, statuses = [], []
    for idea, plan in zip(created_ideas, step_plans, strict=True):
        steps.append(IdeaStep(idea=idea, status="submitted", by=idea.author, created_at=idea.created_at))
        for status, note, when, by in plan:
            steps.append(IdeaStep(idea=idea, status=status, note=note, created_at=when, by=by))
        idea.status = plan[-1][0] if plan else "submitted"
        statuses.append(idea)
    IdeaStep.objects.bulk_create(steps, batch_size=1000)
    GoldenIdea.objects.bulk_update(statuses, ["status"], batch_size=500)


def _steps(rng: random.Random, created, week: int, now, manager: User | None) -> list[tuple]:
    if manager is None or (week < 2 and rng.random() < 0.7):
        return []
    plan, when = [], created
    depth = 1 if week < 4 else rng.choice([1, 2, 2, 3, 3])
    for level in range(depth):
        status = STEP_FLOW[level]
        if isinstance(status, tuple):
            status = status[0] if rng.random() < 0.65 else status[1]
        if level == 2 and plan[-1][0] != "adopted":
            break
        when = min(now, when + datetime.timedelta(days=rng.randint(2, 20)))
        plan.append((status, rng.choice(MANAGER_NOTES[status]), when, manager))
    return plan


def _managers_of(people: list[User]) -> dict[int, User]:
    """Each person's first manager (one query for the memberships)."""
    rows = Membership.objects.filter(user__in=people, role=Membership.Role.MEMBER).values_list(
        "user_id", "department_id"
    )
    department_of = dict(rows)
    manager_rows = Membership.objects.filter(
        role=Membership.Role.MANAGER, department_id__in=set(department_of.values())
    ).select_related("user")
    manager_by_department: dict[int, User] = {}
    for membership in manager_rows.order_by("pk"):
        manager_by_department.setdefault(membership.department_id, membership.user)
    return {pk: manager_by_department[d] for pk, d in department_of.items() if d in manager_by_department}
