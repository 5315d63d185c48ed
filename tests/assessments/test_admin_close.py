"""Administrators close a cycle before its date from the Wagtail admin; the form then refuses a submit."""

import pytest

from assessments.models import Cycle
from tests.conftest import client_for
from tests.factories.assessments import filled_assessment

pytestmark = pytest.mark.django_db


def close_url(cycle: Cycle) -> str:
    return f"/admin/assessments/cycles/{cycle.pk}/close/"


def test_the_cycle_list_offers_close_now_only_for_open_cycles(cast, cycles):
    page = client_for(cast.admin).get("/admin/snippets/assessments/cycle/").content.decode()
    assert close_url(cycles[-1]) in page
    assert all(close_url(past) not in page for past in cycles[:-1])


def test_an_administrator_confirms_and_the_cycle_closes_and_refuses_submits(cast, cycles):
    cycle, admin = cycles[-1], client_for(cast.admin)
    draft = filled_assessment(cast.staff, cycle)
    assert "Close the cycle now" in admin.get(close_url(cycle)).content.decode()
    assert Cycle.objects.get(pk=cycle.pk).is_open()  # asking is not closing

    response = admin.post(close_url(cycle))
    assert response.status_code == 302 and response["Location"] == "/admin/snippets/assessments/cycle/"
    assert Cycle.objects.get(pk=cycle.pk).state() == Cycle.State.CLOSED
    client_for(cast.staff).post(f"/assessments/{draft.pk}/submit/")
    draft.refresh_from_db()
    assert draft.status == "draft"


@pytest.mark.parametrize("persona", ["editor", "manager"])
def test_others_cannot_close_a_cycle(cast, cycles, persona):
    client_for(cast.get(persona)).post(close_url(cycles[-1]))
    assert Cycle.objects.get(pk=cycles[-1].pk).is_open()
