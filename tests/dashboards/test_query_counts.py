"""Dashboards read with a fixed number of queries, the same whatever the team size or history length.

A page may make at most ``OWN_CEILING`` queries of its own, and ``TOTAL_CEILING`` in all once the
per-request overhead (session, user, navigation) is down to ``OVERHEAD_TARGET`` statements. The
overhead is measured on /me/export/ without a format (a page that reads nothing of its own).
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from portal import data_version
from tests.conftest import client_for
from tests.dashboards.conftest import history
from tests.factories import member_of

pytestmark = pytest.mark.django_db
# /team/ opens with the review inbox (one query), which takes its own reads to 10.
OWN_CEILING, TOTAL_CEILING, OVERHEAD_TARGET = 10, 12, 2


def grow_team(cast, cycles, people: int, months: int, start: int = 0) -> None:
    history(cast.staff, department=cast.department, cycles=cycles, months=months) if start == 0 else None
    for n in range(start, people - 1):
        history(member_of(cast.department, username=f"m{n}"), department=cast.department, cycles=cycles, months=1)


def queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


def counts(cast, cycles) -> dict[str, int]:
    pages = {
        "/me/": cast.staff, f"/me/summary/{cycles[-1].opens_on.year}/": cast.staff, "/team/": cast.manager,
        f"/team/members/{cast.staff.pk}/": cast.manager, "/org/": cast.leader,
    }  # fmt: skip
    for url, user in pages.items():
        client_for(user).get(url)  # warm the per-process caches (site settings, content types) first
    data_version.bump()  # and measure the pages composed, not served from portal.page_cache
    found = {url: queries(client_for(user), url) for url, user in pages.items()}
    found["overhead"] = max(uncached_overhead(user) for user in pages.values())
    return found


def uncached_overhead(user) -> int:
    """The statements of a page that reads nothing of its own, the navigation's counts composed afresh too."""
    data_version.bump()
    return queries(client_for(user), "/me/export/")


def test_dashboards_make_the_same_few_queries_at_two_data_sizes(cast, cycles):
    grow_team(cast, cycles, people=5, months=1)
    small = counts(cast, cycles)
    grow_team(cast, cycles, people=120, months=0, start=4)
    history(cast.staff2, department=cast.department, cycles=cycles, months=24)
    large = counts(cast, cycles)
    assert small == large
    overhead = small.pop("overhead")
    for url, total in small.items():
        assert total - overhead <= OWN_CEILING, url
        if overhead <= OVERHEAD_TARGET:
            assert total <= TOTAL_CEILING, url
