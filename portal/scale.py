"""History for ``seed_scale``: years of study logs and bi-monthly assessments for many people, in bulk.

On PostgreSQL the rows go in through COPY (psycopg's ``cursor.copy``), the only way to write
millions of rows in minutes on a small machine; elsewhere (SQLite in the tests) through
``bulk_create``. The rows are the same either way.
"""

import datetime
import json
import random
from collections.abc import Callable, Iterable, Sequence

from django.db import connection, models
from django.utils import timezone

from assessments.models import Answer, Cycle, Framework, Item, SelfAssessment
from learning.models import StudyLog

from .models import Membership, User

BATCH = 5000
Progress = Callable[[int, int, str], None]


def insert_rows(model: type[models.Model], columns: Sequence[str], rows: Iterable[tuple]) -> None:
    """Insert ``rows`` (values in the order of ``columns``, field attnames) into ``model``'s table."""
    if connection.vendor == "postgresql":
        fields = [model._meta.get_field(name) for name in columns]
        json_columns = {n for n, field in enumerate(fields) if isinstance(field, models.JSONField)}
        table = connection.ops.quote_name(model._meta.db_table)
        names = ", ".join(connection.ops.quote_name(field.column) for field in fields)
        with connection.cursor() as cursor, cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
            for row in rows:
                if json_columns:
                    row = tuple(json.dumps(v) if n in json_columns and v is not None else v for n, v in enumerate(row))
                copy.write_row(row)
        return
    batch: list[models.Model] = []
    for row in rows:
        batch.append(model(**dict(zip(columns, row, strict=True))))
        if len(batch) >= BATCH:
            model._default_manager.bulk_create(batch)
            batch = []
    model._default_manager.bulk_create(batch)


def analyze(*models_: type[models.Model]) -> None:
    """Give PostgreSQL's planner fresh statistics after a bulk load (autovacuum would, minutes later)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for model in models_:
                cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")


STUDY_LOG_COLUMNS = ("user_id", "date", "minutes", "sources", "insight", "items", "share_insight", "highlight",
                     "draft", "version", "saved_at", "updated_at")  # fmt: skip


def seed_study_logs(*, members: list[User], years: int, rng: random.Random, progress: Progress) -> None:
    today = timezone.localdate()
    days = [today - datetime.timedelta(days=n) for n in range(1, 365 * years)]
    now = timezone.now()
    have = set(StudyLog.objects.filter(user__in=members).values_list("user_id", flat=True).distinct())
    todo = [member for member in members if member.pk not in have]  # a second run adds nothing twice
    minutes = (20, 30, 45, 60, 90)

    def rows():
        for done, member in enumerate(todo, start=1):
            habit = rng.random()
            for day in days:
                if rng.random() < habit:
                    yield (member.pk, day, rng.choice(minutes), "", "规模测试体会", [], False, False, None, 1, now, now)
            if done % 100 == 0 or done == len(todo):
                progress(done, len(todo), "study logs")

    insert_rows(StudyLog, STUDY_LOG_COLUMNS, rows())
    analyze(StudyLog, User, Membership)  # the people were bulk-inserted too


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
    now = timezone.now()
    for done, cycle in enumerate(cycles, start=1):
        item_ids = list(cycle.items.values_list("pk", flat=True))
        insert_rows(
            SelfAssessment,
            ("cycle_id", "user_id", "department_id", "status", "version", "started_at", "updated_at", "submitted_at",
             "reopen_reason"),
            ((cycle.pk, m.pk, homes[m.pk], "submitted", 1, now, now, now, "") for m in members if m.pk in homes),
        )  # fmt: skip
        assessment_ids = list(SelfAssessment.objects.filter(cycle=cycle).values_list("pk", flat=True))
        insert_rows(
            Answer,
            ("assessment_id", "item_id", "rating", "note"),
            ((a, item, rng.randint(1, 5), "") for a in assessment_ids for item in item_ids),
        )
        progress(done, len(cycles), "assessment cycles")
    analyze(SelfAssessment, Answer)
