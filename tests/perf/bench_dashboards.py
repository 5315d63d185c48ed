"""Benchmarks, not tests: run `python -m pytest tests/perf/bench_dashboards.py -s` (not part of `make test`).

Builds a synthetic office with seed_scale and prints the median time of each dashboard.
Set PERF_PEOPLE and PERF_YEARS to change its size (defaults 500 people, 1 year).
"""

import os
import statistics
import time

import pytest
from django.core.management import call_command

from portal.models import Membership, Role, User
from tests.conftest import client_for
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
PEOPLE = int(os.environ.get("PERF_PEOPLE", "500"))
YEARS = int(os.environ.get("PERF_YEARS", "1"))


def median_seconds(client, url: str, runs: int = 5) -> float:
    timings = []
    for _run in range(runs):
        start = time.perf_counter()
        assert client.get(url).status_code == 200
        timings.append(time.perf_counter() - start)
    return statistics.median(timings)


def test_dashboard_timings():
    call_command("seed_scale", people=PEOPLE, years=YEARS, stdout=open(os.devnull, "w"))  # noqa: SIM115
    manager = Membership.objects.filter(role="manager").first().user
    member = User.objects.filter(memberships__role="member").first()
    leader = UserFactory(username="perf-leader", roles=[Role.OFFICE_LEADER])
    for label, client, url in (
        ("/me/", client_for(member), "/me/"),
        ("/team/", client_for(manager), "/team/"),
        ("/org/", client_for(leader), "/org/"),
        ("/team/members/<id>/", client_for(manager), f"/team/members/{member.pk}/"),
    ):
        print(f"{label:24} {median_seconds(client, url) * 1000:8.1f} ms  ({PEOPLE} people, {YEARS} years)")
