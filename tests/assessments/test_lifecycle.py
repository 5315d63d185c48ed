import datetime

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command

from assessments import services
from assessments.models import Cycle
from portal.models import Notice
from tests.factories.assessments import CycleFactory, filled_assessment

pytestmark = pytest.mark.django_db
OPENS, CLOSES = datetime.date(2027, 1, 16), datetime.date(2027, 2, 15)


def _at(day: datetime.date, hour: int = 9):
    return time_machine.travel(datetime.datetime(day.year, day.month, day.day, hour, tzinfo=datetime.UTC), tick=False)


def test_cycle_lifecycle_draft_open_reminders_close_late_submit(cast):
    with _at(OPENS - datetime.timedelta(days=3)):
        cycle = CycleFactory(opens_on=OPENS, closes_on=CLOSES)
        assert cycle.state() == Cycle.State.DRAFT
        call_command("send_cycle_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115
        with pytest.raises(services.AssessmentRefused):
            services.assessment_start(cycle=cycle, user=cast.staff)
        assert not Notice.objects.exists()

    with _at(OPENS):
        call_command("send_cycle_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115
        cycle.refresh_from_db()
        assert cycle.state() == Cycle.State.OPEN and cycle.opened_at is not None
        audience = {cast.staff, cast.staff2, cast.other}  # active members; the leaver and non-members are not
        assert {n.user for n in Notice.objects.filter(kind="cycle-open")} == audience
        assert len(mail.outbox) == 3
        assert cycle.items.count() == 15
        filled_assessment(cast.staff2, cycle, submit=True)
        draft = filled_assessment(cast.staff, cycle)

    for days_before in (5, 3, 3, 1):  # a second run on the same day sends nothing new
        with _at(CLOSES - datetime.timedelta(days=days_before)):
            call_command("send_cycle_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115
    reminders = Notice.objects.filter(kind="cycle-reminder")
    assert sorted((n.user.username, n.dedupe_key.rsplit(":", 1)[1]) for n in reminders) == [
        ("other", "1"), ("other", "3"), ("staff", "1"), ("staff", "3"),
    ]  # fmt: skip

    with _at(CLOSES, hour=15):  # 23:00 in Beijing
        assert cycle.state() == Cycle.State.OPEN  # the closing day is included (Beijing time)

    with _at(CLOSES + datetime.timedelta(days=1)):
        assert cycle.state() == Cycle.State.CLOSED
        with pytest.raises(services.AssessmentRefused) as refused:
            services.assessment_submit(assessment=draft, by=cast.staff)
        assert refused.value.message == services.ERROR_CYCLE_CLOSED
        draft.refresh_from_db()
        assert draft.status == "draft" and draft.answers.count() == 15


def test_an_explicit_close_ends_the_cycle_before_its_date(cast):
    with _at(OPENS):
        cycle = CycleFactory(opens_on=OPENS, closes_on=CLOSES)
        draft = filled_assessment(cast.staff, cycle)
        services.cycle_close(cycle=cycle)
        assert cycle.state() == Cycle.State.CLOSED
        with pytest.raises(services.AssessmentRefused):
            services.assessment_submit(assessment=draft, by=cast.staff)


def test_series_of_six_bimonthly_cycles_for_a_year(db):
    cycles = services.cycle_series_create(year=2027)
    assert [(c.opens_on, c.closes_on) for c in cycles][:2] == [
        (datetime.date(2027, 1, 16), datetime.date(2027, 2, 15)),
        (datetime.date(2027, 3, 16), datetime.date(2027, 4, 15)),
    ]
    assert len(cycles) == 6 and cycles[-1].name_zh == "2027年第6期（11-12月）"
    assert cycles[0].frameworks.count() == 3
    assert services.cycle_series_create(year=2027) == cycles  # idempotent
