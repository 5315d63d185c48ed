"""Dashboards read with a bounded number of queries, whatever the team size or history length."""

import pytest

from tests.conftest import client_for
from tests.dashboards.conftest import history
from tests.factories import member_of

pytestmark = pytest.mark.django_db
CEILING = {"/me/": 40, "/team/": 40, "/org/": 25, "member": 40}


def grow_team(cast, cycles, people: int, months: int) -> None:
    history(cast.staff, department=cast.department, cycles=cycles, months=months)
    for n in range(people - 1):
        history(member_of(cast.department, username=f"m{n}"), department=cast.department, cycles=cycles, months=1)


@pytest.mark.parametrize(("people", "months"), [(5, 1), (200, 36)], ids=["small", "large"])
def test_dashboards_stay_under_their_query_ceiling(cast, cycles, people, months, django_assert_max_num_queries):
    grow_team(cast, cycles, people, months)
    for url, client in (("/me/", client_for(cast.staff)), ("/team/", client_for(cast.manager)),
                        ("/org/", client_for(cast.leader))):  # fmt: skip
        with django_assert_max_num_queries(CEILING[url]):
            assert client.get(url).status_code == 200
    with django_assert_max_num_queries(CEILING["member"]):
        assert client_for(cast.manager).get(f"/team/members/{cast.staff.pk}/").status_code == 200
