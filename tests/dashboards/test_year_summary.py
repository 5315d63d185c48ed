"""The year-end summary is a draft one would hand in (14.2)."""

import datetime

import pytest
from django.utils import timezone

from assessments.models import Answer
from learning.models import GoldenIdea, IdeaStep, StudyLog
from portal.models import YearSummaryDraft
from tests.conftest import client_for
from tests.dashboards.conftest import history
from tests.factories.learning import GoldenIdeaFactory, make_material

pytestmark = pytest.mark.django_db


def test_materials_are_listed_once_each_as_a_list(cast):
    title = "三思、三问、三看"
    material = make_material(title)
    today = timezone.localdate()
    for days in (1, 2):
        entry = StudyLog.objects.create(user=cast.staff, date=today - datetime.timedelta(days=days), minutes=30,
                                        version=1, saved_at=timezone.now())  # fmt: skip
        entry.materials.add(material)
    page = client_for(cast.staff).get(f"/me/summary/{today.year}/").content.decode()
    assert page.count(f"<li>{title}</li>") == 1


def test_only_adopted_and_implemented_ideas_with_their_outcome(cast):
    year = timezone.localdate().year
    adopted = GoldenIdeaFactory(author=cast.staff, title="会议通知回执", status=GoldenIdea.Status.IMPLEMENTED)
    IdeaStep.objects.create(idea=adopted, status=GoldenIdea.Status.IMPLEMENTED, note="全办推广，回执率提高到98%")
    GoldenIdeaFactory(author=cast.staff, title="被否的点子", status=GoldenIdea.Status.NOT_ADOPTED)
    GoldenIdeaFactory(author=cast.staff, title="还在研究", status=GoldenIdea.Status.UNDER_STUDY)
    page = client_for(cast.staff).get(f"/me/summary/{year}/").content.decode()
    assert "会议通知回执" in page and "全办推广，回执率提高到98%" in page
    assert "被否的点子" not in page and "还在研究" not in page


def test_four_looks_is_compared_with_the_last_cycle_that_rated_it(cast, cycles):
    history(cast.staff, department=cast.department, cycles=cycles, ratings=(2, 3, 4), months=0)
    Answer.objects.filter(assessment__cycle=cycles[-1], item__framework__code="FOUR_LOOKS").update(rating=None)
    year = cycles[-1].opens_on.year
    screen = client_for(cast.staff).get(f"/me/summary/{year}/").context["screen"]
    looks = next(card for card in screen.cards if card.framework_code == "FOUR_LOOKS")
    assert looks.score == 3.0 and looks.change == 1.0 and looks.previous_cycle == cycles[0].name
    sections = ("学习", "金点子", "自我评估的变化", "不足与改进", "明年打算")
    page = client_for(cast.staff).get(f"/me/summary/{year}/").content.decode()
    assert all(f">{heading}</h2>" in page for heading in sections)


def test_the_person_writes_saves_and_prints_each_section(cast):
    year = timezone.localdate().year
    url = f"/me/summary/{year}/"
    client = client_for(cast.staff)
    response = client.post(url, {"study": "今年坚持每晚学习。", "plans": "明年每周一个金点子。"})
    assert response.status_code == 302
    assert YearSummaryDraft.objects.get(user=cast.staff, year=year).texts["plans"] == "明年每周一个金点子。"
    page = client.get(url).content.decode()
    assert "今年坚持每晚学习。" in page and 'class="print-only summary__printed"' in page
    too_long = client.post(url, {"study": "字" * 4001})
    assert too_long.status_code == 200 and "字" * 4001 in too_long.content.decode()
    assert YearSummaryDraft.objects.get(user=cast.staff, year=year).texts["study"] == "今年坚持每晚学习。"
    assert client_for(cast.staff2).get(url).context["form"]["plans"].value() in ("", None)  # one's own only
