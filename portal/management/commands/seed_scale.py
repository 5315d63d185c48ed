"""A large synthetic office for performance work: thousands of people and years of history."""

import random
import time

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.module_loading import import_string

from portal.models import Department, Membership, User

PRODUCTION_REFUSAL = "seed_scale refuses to run with production settings."
# Each app adds its history through a function ``seed_scale(*, members, years, rng, progress)``.
SCALE_STEPS: list[str] = ["portal.scale.seed_study_logs", "portal.scale.seed_assessments"]
BATCH = 1000


class Command(BaseCommand):
    help = "Create a large synthetic data set (default 5000 people, 3 years) for benchmarks."

    def add_arguments(self, parser):
        parser.add_argument("--people", type=int, default=5000)
        parser.add_argument("--years", type=int, default=3)
        parser.add_argument("--department-size", type=int, default=25)
        parser.add_argument("--seed", type=int, default=7)

    def handle(self, *args, people, years, department_size, seed, **options):
        if settings.PORTAL_IS_PRODUCTION:
            raise CommandError(PRODUCTION_REFUSAL)
        if people < 1 or years < 1 or department_size < 3:
            raise CommandError("--people and --years must be at least 1, --department-size at least 3.")
        rng = random.Random(seed)  # noqa: S311 - synthetic data
        self.started = time.monotonic()
        members = self._people(people, department_size)
        for path in SCALE_STEPS:
            self.stdout.write(f"{path} …")
            import_string(path)(members=members, years=years, rng=rng, progress=self._progress)
        took = time.monotonic() - self.started
        self.stdout.write(self.style.SUCCESS(f"{len(members)} people ready in {took:.0f} s."))

    def _progress(self, done: int, total: int, label: str) -> None:
        elapsed = time.monotonic() - self.started
        self.stdout.write(f"\r  {label}: {done}/{total} ({100 * done // max(total, 1)}%), {elapsed:.0f} s", ending="")
        if done >= total:
            self.stdout.write("")
        self.stdout.flush()

    @transaction.atomic
    def _people(self, count: int, department_size: int) -> list[User]:
        prefix = f"scale{count}-"
        existing = list(User.objects.filter(username__startswith=prefix))
        if existing:
            return existing
        password = make_password(settings.PORTAL_DEMO_PASSWORD)
        departments = Department.objects.bulk_create(
            Department(name_zh=f"规模测试{prefix}{n}处", name_en=f"Scale division {prefix}{n}", order=100 + n)
            for n in range(-(-count // department_size))
        )
        users: list[User] = []
        for start in range(0, count, BATCH):
            batch = [
                User(
                    username=f"{prefix}{n}",
                    display_name=f"测试{n}",
                    email=f"{prefix}{n}@example.gov.cn",
                    password=password,
                )  # fmt: skip
                for n in range(start, min(start + BATCH, count))
            ]
            users.extend(User.objects.bulk_create(batch))
            self._progress(len(users), count, "people")
        # The first person of each department manages it; the others are its members.
        Membership.objects.bulk_create(
            Membership(
                user=user,
                department=departments[n // department_size],
                role=Membership.Role.MANAGER if n % department_size == 0 else Membership.Role.MEMBER,
            )
            for n, user in enumerate(users)
        )
        return users
