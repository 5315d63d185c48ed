"""The demo office of DESIGN.md: departments, people, demo accounts and home page content.

Every step is idempotent: running ``seed_demo`` twice changes nothing.
Other apps add their content through ``DEMO_STEPS`` (dotted paths of ``seed(office)``).
"""

import random
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import transaction

from cms.models import HomePage

from .models import Department, Membership, Role, User

DEMO_STEPS: list[str] = ["learning.demo.seed", "learning.demo_translations.seed", "assessments.demo.seed"]

DEPARTMENTS = [
    ("秘书一处", "First Secretariat Division"),
    ("秘书二处", "Second Secretariat Division"),
    ("综合处", "General Affairs Division"),
    ("督查处", "Inspection Division"),
    ("信息处", "Information Division"),
    ("行政处", "Administration Division"),
]
SURNAMES = "王李张刘陈杨黄赵周吴徐孙马朱胡郭何林高罗"
GIVEN_NAMES = [
    "伟",
    "芳",
    "娜",
    "敏",
    "静",
    "强",
    "磊",
    "洋",
    "艳",
    "勇",
    "军",
    "杰",
    "娟",
    "涛",
    "明",
    "超",
    "秀英",
    "建华",
    "晓东",
    "海燕",
    "志刚",
    "丽华",
    "文博",
    "思远",
]
MEMBERS_PER_DEPARTMENT = 6

DEMO_PROMPTS = """今天我在哪件事上做到了“亲历亲为”？
今天有没有一个细节，差一点出错？我是怎么发现的？
今天我向哪位同事学到了什么？
今天我说过的话里，有没有不该说、不该传的？
今天的工作，哪一件可以做得更准、更快、更明？
如果明天重做今天的一件事，我会怎么改？
今天我为集体做了什么，哪怕很小？"""

ANNOUNCEMENTS = [
    ("第六期自评已开放", "请在截止日前完成本期自我评估；四看部分请写下真实的反思。", "2026-11-16"),
    ("每晚一小时", "学习贵在坚持和有所得。记录的重点是体会，而不是分钟数。", "2026-11-02"),
]


@dataclass
class DemoOffice:
    departments: list[Department] = field(default_factory=list)
    people: dict[str, User] = field(default_factory=dict)
    members: list[User] = field(default_factory=list)


def _demo_user(username: str, display_name: str, **extra) -> User:
    user, created = User.objects.get_or_create(
        username=username,
        defaults={"display_name": display_name, "email": f"{username}@example.gov.cn", **extra},
    )
    if created:
        user.set_password(settings.PORTAL_DEMO_PASSWORD)
        user.save(update_fields=["password"])
    return user


def _join(office: DemoOffice, user: User, department: Department, role: str = Membership.Role.MEMBER) -> None:
    Membership.objects.get_or_create(user=user, department=department, role=role)
    if role == Membership.Role.MEMBER:
        office.members.append(user)


def _give_role(user: User, role: Role) -> None:
    user.groups.add(Group.objects.get(name=role.value))


def seed_departments(office: DemoOffice) -> None:
    for order, (name_zh, name_en) in enumerate(DEPARTMENTS):
        department, _created = Department.objects.get_or_create(
            name_zh=name_zh, defaults={"name_en": name_en, "order": order}
        )
        office.departments.append(department)


def seed_people(office: DemoOffice) -> None:
    rng = random.Random(2026)  # noqa: S311 - demo names, not security
    first, second = office.departments[0], office.departments[2]
    accounts = {
        "admin": _demo_user("admin", "系统管理员", is_staff=True, is_superuser=True),
        "editor": _demo_user("editor", "编辑 周敏"),
        "leader": _demo_user("leader", "办公室领导 陈建华"),
        "manager": _demo_user("manager", "处长 李志刚"),
        "staff": _demo_user("staff", "王芳"),
        "staff2": _demo_user("staff2", "赵磊"),
        "other": _demo_user("other", "孙丽华"),
    }
    _give_role(accounts["admin"], Role.ADMINISTRATOR)
    _give_role(accounts["editor"], Role.EDITOR)
    _give_role(accounts["leader"], Role.OFFICE_LEADER)
    _join(office, accounts["manager"], first, Membership.Role.MANAGER)
    for username in ("staff", "staff2"):
        _join(office, accounts[username], first)
    _join(office, accounts["other"], second)
    office.people.update(accounts)

    number = 0
    for index, department in enumerate(office.departments):
        if index != 0:
            number += 1
            head = _demo_user(f"head{index}", f"处长 {rng.choice(SURNAMES)}{rng.choice(GIVEN_NAMES)}")
            _join(office, head, department, Membership.Role.MANAGER)
            office.people[head.username] = head
        demo_members = {0: 2, 2: 1}.get(index, 0)  # staff, staff2 and other already sit here
        for _seat in range(MEMBERS_PER_DEPARTMENT - demo_members):
            number += 1
            person = _demo_user(f"person{number:02d}", f"{rng.choice(SURNAMES)}{rng.choice(GIVEN_NAMES)}")
            _join(office, person, department)
            office.people[person.username] = person


def seed_home_page(office: DemoOffice) -> None:
    home = HomePage.objects.first()
    if home is None or home.daily_prompts:
        return
    home.intro = "<p>每晚一小时，每天有新体会；一日三省吾身，每周一个金点子。</p>"
    home.daily_prompts = DEMO_PROMPTS
    home.announcements = [
        ("announcement", {"title": title, "text": text, "date": date}) for title, text, date in ANNOUNCEMENTS
    ]
    home.save_revision().publish()


FOUNDATION_STEPS: list[tuple[str, Callable[[DemoOffice], None]]] = [
    ("departments", seed_departments),
    ("people", seed_people),
    ("home page", seed_home_page),
]


def run_step(office: DemoOffice, step: Callable[[DemoOffice], None]) -> None:
    with transaction.atomic():
        step(office)
