"""Two trust rules of issue 13 their other tests left unswept: /org/'s study days need MIN_GROUP_SIZE people
who wrote logs (13.3), and the team's golden-idea list is audited once per author and hour (13.4)."""

import datetime

import pytest
from django.utils import timezone

from portal.access import MIN_GROUP_SIZE
from portal.models import AuditEvent
from tests.conftest import client_for
from tests.dashboards.conftest import history
from tests.factories import member_of
from tests.factories.learning import GoldenIdeaFactory, StudyLogFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("writers", [0, 1, 2, 3])
def test_org_study_days_show_only_from_three_people_who_wrote_logs(cast, cycles, writers):
    people = [cast.staff, cast.staff2] + [member_of(cast.department, username=f"p{n}") for n in range(4)]
    for person in people[:MIN_GROUP_SIZE]:  # enough submissions that the row itself is shown
        history(person, department=cast.department, cycles=cycles[-1:], months=0)
    today = timezone.localdate()
    for n, person in enumerate(people[:writers]):
        for day in range(n + 1):  # 1, 2 and 3 logs: a lone writer's count would be recognisable
            StudyLogFactory(user=person, date=today - datetime.timedelta(days=day + 1))
    response = client_for(cast.leader).get("/org/")
    row = next(row for row in response.context["screen"].rows if row.name == "秘书一处")
    assert not row.hidden and row.people == 6
    if writers < MIN_GROUP_SIZE:
        assert row.study_days is None
    else:
        assert row.study_days == 1.0  # (1 + 2 + 3) logs / 6 people
    cells = response.content.decode().split('<th scope="row">秘书一处</th><td>6</td>')[1].split("</tr>")[0]
    assert cells.endswith("<td>—</td>" if writers < MIN_GROUP_SIZE else "<td>1.0</td>"), cells


def test_the_teams_golden_idea_list_is_audited_once_per_author_and_hour(cast):
    GoldenIdeaFactory(author=cast.staff)
    GoldenIdeaFactory(author=cast.staff)
    GoldenIdeaFactory(author=cast.staff2)
    GoldenIdeaFactory(author=cast.other)
    for _again in range(2):
        client_for(cast.manager).get("/team/ideas/")
    client_for(cast.leader).get("/team/ideas/")
    rows = AuditEvent.objects.filter(what="golden ideas")
    assert sorted(rows.values_list("viewer__username", "subject__username")) == [
        ("leader", "other"), ("leader", "staff"), ("leader", "staff2"), ("manager", "staff"), ("manager", "staff2"),
    ]  # fmt: skip
    page = client_for(cast.staff).get("/me/viewed-by/").content.decode()
    assert "金点子（团队列表）" in page and "李志刚" in page and "陈建华" in page
