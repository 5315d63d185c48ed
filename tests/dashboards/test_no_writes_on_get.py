"""Cycles open by the daily command only: reading a page never opens one (no writes on GET)."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from assessments.models import Cycle
from tests.conftest import client_for
from tests.factories.assessments import CycleFactory

pytestmark = pytest.mark.django_db


def test_a_due_cycle_opens_by_the_daily_command_not_by_a_page(cast):
    cycle = CycleFactory(opens_on=timezone.localdate() - datetime.timedelta(days=1))
    client_for(cast.staff).get("/assessments/")
    client_for(cast.admin).get("/admin/snippets/assessments/cycle/")
    assert Cycle.objects.get(pk=cycle.pk).opened_at is None
    call_command("send_cycle_reminders")
    assert Cycle.objects.get(pk=cycle.pk).opened_at is not None
