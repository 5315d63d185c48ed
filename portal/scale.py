"""History for ``seed_scale``: years of study logs and bi-monthly assessments for many people, in bulk."""

import datetime
import random
from collections.abc import Callable

from django.utils import timezone

from assessments.models import Answer, Cycle, Framework, Item, SelfAssessment
from learning.models import StudyLog

from .models import Membership, User

BATCH = 5000
Progress = Callable[[int, int, str], None]


def seed_study_logs(*, members: list[User], years: int, rng: random.Random, progress: Progress) -> None:
    today = timezone.localdate()
    days = [today - datetime.timedelta(days=n) for n in range(1, 365 * years)]
    now = timezone.now()
    for done, member in enumerate(members, start=1):
        habit = rng.random()
        StudyLog.objects.bulk_create(
            (
                StudyLog(
                    user=member,
                    date=day,
                    minutes=rng.choice((20, 30, 45, 60, 90)),
                    insight="规模测试体会",
                    version=1,
                    saved_at=now,
                )  # fmt: skip
                for day in days
                if rng.random() < habit
            ),
            batch_size=BATCH,
            ignore_conflicts=True,
        )
        if done % 100 == 0 or done == len(members):
            progress(done, len(members), "study logs")


def seed_assessments(*, members: list[User], years: int, rng: random.Random, progress: Progress) -> None:
    today = timezone.localdate()
    frameworks = list(Framework.objects.filter(active=True))
    cycles = []
    for n in range(6 * years, 0, -1):
        opens = today - datetime.timedelta(days=61 * n)
        cycle, created = Cycle.objects.get_or_create(
            name_zh=f"规模测试第{n}期", defaults={"name_en": f"Scale cycle {n}", "opens_on": opens,
                                                 "closes_on": opens + datetime.timedelta(days=30)},
        )  # fmt: skip
        if created:  # frozen like an opened cycle, without notifying thousands of people
            cycle.frameworks.set(frameworks)
            cycle.items.set(Item.objects.filter(framework__in=frameworks))
            Cycle.objects.filter(pk=cycle.pk).update(opened_at=timezone.now())
            cycles.append(cycle)
    homes = dict(Membership.objects.filter(user__in=members, role="member").values_list("user_id", "department_id"))
    for done, cycle in enumerate(cycles, start=1):
        items = list(cycle.items.all())
        assessments = SelfAssessment.objects.bulk_create(
            (
                SelfAssessment(
                    cycle=cycle, user=m, department_id=homes.get(m.pk), status="submitted", submitted_at=timezone.now()
                )
                for m in members
                if m.pk in homes
            ),  # fmt: skip
            batch_size=BATCH,
        )
        Answer.objects.bulk_create(
            (Answer(assessment=a, item=item, rating=rng.randint(1, 5)) for a in assessments for item in items),
            batch_size=BATCH,
        )
        progress(done, len(cycles), "assessment cycles")
