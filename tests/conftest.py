"""The fixed cast of personas every test may use.

Department A: ``staff``, ``staff2`` and the leaver as members, ``manager`` manages it.
Department B: ``other`` as member, ``other_manager`` manages it.
Office-wide: ``leader`` (office leader), ``editor``, ``admin`` (administrator).
"""

import datetime
from dataclasses import dataclass

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone

from assessments.models import Cycle
from portal.models import Department, Role, User
from tests.factories import DepartmentFactory, UserFactory, manager_of, member_of
from tests.factories.assessments import open_cycle

PERSONA_NAMES = (
    "anonymous", "staff", "staff2", "manager", "other", "other_manager", "leader", "editor", "admin", "leaver",
)  # fmt: skip


@dataclass
class Cast:
    department: Department
    other_department: Department
    staff: User
    staff2: User
    manager: User
    other: User
    other_manager: User
    leader: User
    editor: User
    admin: User
    leaver: User

    def get(self, name: str) -> User | None:
        return None if name == "anonymous" else getattr(self, name)


@pytest.fixture
def cast(db) -> Cast:
    department = DepartmentFactory(name_zh="秘书一处", name_en="First Secretariat Division")
    other_department = DepartmentFactory(name_zh="综合处", name_en="General Affairs Division")
    return Cast(
        department=department,
        other_department=other_department,
        staff=member_of(department, username="staff", display_name="王芳"),
        staff2=member_of(department, username="staff2", display_name="赵磊"),
        manager=manager_of(department, username="manager", display_name="李志刚"),
        other=member_of(other_department, username="other", display_name="孙丽华"),
        other_manager=manager_of(other_department, username="other_manager", display_name="周强"),
        leader=UserFactory(username="leader", display_name="陈建华", roles=[Role.OFFICE_LEADER]),
        editor=UserFactory(username="editor", display_name="周敏", roles=[Role.EDITOR]),
        admin=UserFactory(
            username="admin", display_name="管理员", roles=[Role.ADMINISTRATOR], is_staff=True, is_superuser=True
        ),
        leaver=member_of(department, username="leaver", display_name="离职者", is_active=False),
    )


def client_for(user: User | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def as_staff(cast) -> Client:
    return client_for(cast.staff)


@pytest.fixture
def as_manager(cast) -> Client:
    return client_for(cast.manager)


@pytest.fixture
def as_admin(cast) -> Client:
    return client_for(cast.admin)


@pytest.fixture
def on_postgres() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: run `make test-pg`")


@pytest.fixture
def cycles(db) -> list[Cycle]:
    """Self-assessment cycles: two past ones and one open now, oldest first."""
    today = timezone.localdate()
    past = [
        open_cycle(opens_on=today - datetime.timedelta(days=days), closes_on=today - datetime.timedelta(days=days - 40))
        for days in (130, 70)
    ]
    return [*past, open_cycle(opens_on=today - datetime.timedelta(days=5))]


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: kept settings, sessions and rate limits never leak between tests."""
    from django.core.cache import cache

    cache.clear()
