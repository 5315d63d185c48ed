"""An office whose every free-text field holds XSS payloads: shared by the server-side and browser tests.

Long text fields get every payload of the batch at once; short fields get as many as fit, each
starting one payload further on, so every payload passes through many fields and every page.
"""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from assessments import services as assessment_services
from assessments.models import Answer, Cycle, Framework, Improvement, Item, LookBack, SelfAssessment
from cms.models import HomePage, PortalSettings
from learning import services as learning_services
from learning.models import GoldenIdea, StudyLog, StudyMaterialPage, WorkdayOverride
from portal.models import Department, User
from portal.services import audit_record_view, notice_send
from tests.dashboards.conftest import history
from tests.factories import member_of
from tests.factories.learning import GoldenIdeaFactory, days_ago, make_material


class Rotation:
    """Hands out payload text for one field after another, each starting one payload further on."""

    def __init__(self, payloads: Sequence[str]):
        self.payloads = tuple(payloads)
        self.start = 0

    def all(self) -> str:
        return "\n".join(self.payloads)

    def next(self, limit: int) -> str:
        turned = self.payloads[self.start :] + self.payloads[: self.start]
        self.start = (self.start + 1) % len(self.payloads)
        text = turned[0][:limit]
        for payload in turned[1:]:
            if len(text) + len(payload) <= limit:
                text += payload
        return text


@dataclass
class World:
    payloads: tuple[str, ...]
    staff: User
    manager: User
    department: Department
    material: StudyMaterialPage
    idea: GoldenIdea
    submitted: SelfAssessment
    reopened: SelfAssessment
    editable_day: datetime.date
    read_only_day: datetime.date


def name_people(text: Rotation, people: Sequence[User], language: str) -> None:
    for person in people:
        person.display_name = text.next(100)
        person.email = text.next(60)
        person.preferred_language = language
        person.save()


def rename_frameworks(text: Rotation, cycles: Sequence[Cycle]) -> None:
    for framework in Framework.objects.all():
        framework.name_zh, framework.name_en = text.next(100), text.next(100)
        framework.description_zh = framework.description_en = text.all()
        framework.save()
    for item in Item.objects.all():
        item.title_zh, item.title_en = text.next(100), text.next(100)
        item.description_zh = item.description_en = text.next(1000)
        item.anchor_1_zh = item.anchor_1_en = item.anchor_3_zh = item.anchor_3_en = text.next(300)
        item.anchor_5_zh = item.anchor_5_en = text.next(300)
        item.save()
    for cycle in cycles:
        cycle.name_zh, cycle.name_en = text.next(100), text.next(100)
        cycle.save()


def write_material(text: Rotation, staff: User) -> StudyMaterialPage:
    material = make_material(title=text.next(255), summary=text.next(300), topics=(text.next(100), text.next(100)))
    material.body = [
        ("heading", {"text": text.next(120)}),
        ("quote", {"text": text.all(), "source": text.next(120)}),
        ("checklist", {"title": text.next(120), "items": [text.next(300), text.next(300)]}),
    ]
    material.save_revision().publish()
    home = HomePage.objects.get()
    home.daily_prompts = text.all()
    home.announcements = [("announcement", {"title": text.next(120), "text": text.all(), "date": days_ago(0)})]
    home.save_revision().publish()
    settings = PortalSettings.for_site(home.get_site())
    settings.office_name = text.next(100)
    settings.save()
    WorkdayOverride.objects.create(date=days_ago(3), kind=WorkdayOverride.Kind.HOLIDAY, name=text.next(50))
    return material


def write_logs(text: Rotation, staff: User, material: StudyMaterialPage) -> None:
    for day in (days_ago(1), days_ago(20)):
        StudyLog.objects.filter(user=staff, date=day).update(
            insight=text.all(), sources=text.all(), share_insight=True, highlight=True
        )
        StudyLog.objects.get(user=staff, date=day).materials.add(material)


def write_assessments(text: Rotation, staff: User, manager: User, cycles: Sequence[Cycle]) -> tuple:
    """The staff member's notes, improvements, look-back, the manager's review and a reopened draft."""
    mine = {a.cycle_id: a for a in SelfAssessment.objects.filter(user=staff)}
    Answer.objects.filter(assessment__user=staff).update(note=text.all())
    earlier = Improvement.objects.create(assessment=mine[cycles[0].pk], position=1, text=text.next(300))
    submitted = mine[cycles[1].pk]
    for position in (1, 2, 3):
        Improvement.objects.create(assessment=submitted, position=position, text=text.next(300))
    LookBack.objects.create(assessment=submitted, improvement=earlier, progress="partly", note=text.all())
    assessment_services.review_save(assessment=submitted, reviewer=manager, comment=text.all(), ratings={})
    reopened = assessment_services.assessment_reopen(assessment=mine[cycles[2].pk], by=manager, reason=text.all())
    return submitted, reopened


def write_idea(text: Rotation, staff: User, manager: User) -> GoldenIdea:
    idea = GoldenIdeaFactory(author=staff, title=text.next(120), body=text.all())
    GoldenIdeaFactory(author=staff, title=text.next(120), body=text.all())
    return learning_services.idea_advance(
        idea=idea, from_status="submitted", to_status="under_study", note=text.all(), by=manager
    )


def plant(payloads: Sequence[str], *, cast, cycles: Sequence[Cycle], language: str = "zh-hans") -> World:
    """Fill the cast's office with ``payloads``: names, departments, logs, ideas, assessments, notices, content."""
    text = Rotation(payloads)
    staff3 = member_of(cast.department, username="staff3")
    for person in (cast.staff, cast.staff2, staff3):
        history(person, department=cast.department, cycles=cycles)
    name_people(text, [cast.staff, cast.staff2, staff3, cast.manager, cast.leader, cast.admin, cast.editor], language)
    for person in (cast.staff2, staff3):  # people who do not sign in during the tests
        person.username = text.next(150)
        person.save()
    for department in (cast.department, cast.other_department):
        department.name_zh, department.name_en = text.next(100), text.next(100)
        department.save()
    rename_frameworks(text, cycles)
    material = write_material(text, cast.staff)
    write_logs(text, cast.staff, material)
    submitted, reopened = write_assessments(text, cast.staff, cast.manager, cycles)
    idea = write_idea(text, cast.staff, cast.manager)
    notice_send(user=cast.staff, kind="xss", message=text.next(300), url="javascript:alert(1)", dedupe_key="xss")
    audit_record_view(viewer=cast.manager, subject=cast.staff, what=text.next(50), object_id=text.next(50))
    return World(
        payloads=tuple(payloads), staff=cast.staff, manager=cast.manager, department=cast.department,
        material=material, idea=idea, submitted=submitted, reopened=reopened,
        editable_day=days_ago(1), read_only_day=days_ago(20),
    )  # fmt: skip
