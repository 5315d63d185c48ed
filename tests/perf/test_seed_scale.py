"""seed_scale writes its history in bulk (COPY on PostgreSQL), once, with a progress line."""

import io

import pytest
from django.core.management import call_command
from django.db.models import Count

from assessments.models import Answer, Cycle, Item, SelfAssessment
from learning.models import StudyLog
from portal.models import Membership, User

pytestmark = pytest.mark.django_db


def test_seed_scale_builds_people_logs_and_assessments_once():
    out = io.StringIO()
    call_command("seed_scale", people=6, years=1, department_size=3, stdout=out)
    people = User.objects.filter(username__startswith="scale6-")
    assert people.count() == 6
    assert Membership.objects.filter(user__in=people, role="manager").count() == 2
    logs = StudyLog.objects.filter(user__in=people)
    assert 0 < logs.count() <= 6 * 364
    assert not logs.filter(saved_at=None).exists() and not logs.exclude(draft=None).exists()
    per_day = logs.values("user", "date").annotate(n=Count("id")).filter(n__gt=1)
    assert not per_day.exists()
    cycles = Cycle.objects.filter(name_zh__startswith="规模测试")
    assert cycles.count() == 6
    assessments = SelfAssessment.objects.filter(cycle__in=cycles)
    assert assessments.count() == 6 * 4  # the four members, not the two managers, in each cycle
    items_per_cycle = Item.objects.filter(cycles=cycles.first()).count()
    assert items_per_cycle > 0
    assert Answer.objects.filter(assessment__in=assessments).count() == 6 * 4 * items_per_cycle
    assert "study logs: 6/6 (100%)" in out.getvalue() and "people ready in" in out.getvalue()

    counts = (logs.count(), assessments.count())
    call_command("seed_scale", people=6, years=1, department_size=3, stdout=io.StringIO())
    assert (logs.count(), assessments.count()) == counts  # a second run reuses what is there
