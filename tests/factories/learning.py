import datetime

import factory
from django.utils import timezone
from wagtail.rich_text import RichText

from cms.models import HomePage
from learning.models import (
    GoldenIdea,
    IdeaStep,
    StudyLog,
    StudyMaterialIndexPage,
    StudyMaterialItemLink,
    StudyMaterialPage,
)
from tests.factories import UserFactory


class StudyLogFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StudyLog

    user = factory.SubFactory(UserFactory)
    date = factory.LazyFunction(timezone.localdate)
    minutes = 60
    insight = factory.Sequence(lambda n: f"第{n}天的体会：核对数字要对照原始材料。")
    version = 1
    saved_at = factory.LazyFunction(timezone.now)


class GoldenIdeaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GoldenIdea
        skip_postgeneration_save = True

    author = factory.SubFactory(UserFactory)
    title = factory.Sequence(lambda n: f"金点子{n}")
    body = "会议通知发出后自动提醒回执。"
    category = GoldenIdea.Category.WORK_METHOD

    @factory.post_generation
    def first_step(self, create, extracted, **kwargs):
        if create:
            IdeaStep.objects.create(idea=self, status=GoldenIdea.Status.SUBMITTED, by=self.author)


def material_index() -> StudyMaterialIndexPage:
    index = StudyMaterialIndexPage.objects.first()
    if index is None:
        index = StudyMaterialIndexPage(title="学习资料", slug="learning")
        HomePage.objects.get().add_child(instance=index)
    return index


def make_material(
    title: str = "拟稿前的“三思”",
    *,
    summary: str = "动笔之前先想清楚。",
    body: str = "<p>一思领导的主要意图，二思框架，三思素材。</p>",
    codes: tuple[str, ...] = ("CARELESS_DETAIL",),
    topics: tuple[str, ...] = ("周到细致",),
    live: bool = True,
) -> StudyMaterialPage:
    page = StudyMaterialPage(
        title=title,
        summary=summary,
        body=[("paragraph", RichText(body)), ("checklist", {"title": "三看", "items": ["一看收到没有"]})],
        live=live,
    )
    page.item_links = [StudyMaterialItemLink(code=code) for code in codes]
    material_index().add_child(instance=page)
    page.tags.add(*topics)
    page.save()
    return page


def days_ago(n: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=n)
