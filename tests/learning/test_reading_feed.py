"""The home feed: the library's cards kept for everyone, and two queries of the person's own."""

import datetime

import pytest
from django.utils import timezone
from taggit.models import Tag

from learning import library
from learning.models import MaterialOpen, StudyMaterialPage
from tests.factories.learning import StudyLogFactory, days_ago, make_material

pytestmark = pytest.mark.django_db


def published(title: str, days: int):
    material = make_material(title)
    when = timezone.now() - datetime.timedelta(days=days)
    StudyMaterialPage.objects.filter(pk=material.pk).update(first_published_at=when)
    return material


def test_continue_and_new_are_each_the_first_four_of_their_own_order(cast, django_assert_num_queries):
    materials = [published(f"资料{n}", days=n * 3) for n in range(8)]  # 资料0 is the newest
    for hours, material in enumerate(materials[1:8]):  # 资料1 opened last, 资料7 first
        MaterialOpen.objects.create(
            user=cast.staff, page=material, last_opened_at=timezone.now() - datetime.timedelta(hours=hours)
        )
    StudyLogFactory(user=cast.staff, date=days_ago(1)).materials.add(materials[2])  # studied: not "continue"
    MaterialOpen.objects.create(user=cast.staff2, page=materials[0])  # someone else's opening
    library.library()  # kept: the same for everyone
    with django_assert_num_queries(2):  # what the person opened, and what is on their logs
        feed = library.reading_feed(user=cast.staff, today=timezone.localdate())
    assert [m.title for m in feed.continuing] == ["资料1", "资料3", "资料4", "资料5"]
    assert feed.new.this_week and [m.title for m in feed.new.materials] == ["资料0", "资料1", "资料2"]
    assert feed.newest is not None and feed.newest.title == "资料0"

    later = library.reading_feed(user=cast.staff, today=timezone.localdate() + datetime.timedelta(days=30))
    assert not later.new.this_week and [m.title for m in later.new.materials] == ["资料0", "资料1", "资料2", "资料3"]


def test_the_library_is_kept_until_a_page_or_a_topic_changes(cast, django_assert_num_queries):
    material = published("资料甲", days=1)
    assert [card.title for card in library.library().cards.values()] == ["资料甲"]
    with django_assert_num_queries(0):
        library.library()
    material.title = "资料乙"
    material.save_revision().publish()
    assert [card.title for card in library.library().cards.values()] == ["资料乙"]
    tag = Tag.objects.get(name="周到细致")  # renamed in the admin's tag list
    tag.name = "细致"
    tag.save()
    assert [topic.name for topic in library.library().topics] == ["细致"]
