"""Aggregates count submissions, not people (13.3); team views and exports are audited (13.4); people keyed by id."""

import pytest

from portal.access import MIN_GROUP_SIZE
from portal.models import AuditEvent
from tests.conftest import client_for
from tests.dashboards.conftest import history
from tests.factories import member_of

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("submissions", [0, 1, 2, 3])
def test_org_shows_a_department_of_six_only_from_three_submissions(cast, cycles, submissions):
    people = [cast.staff, cast.staff2] + [member_of(cast.department, username=f"p{n}") for n in range(4)]
    for n, person in enumerate(people[:submissions]):
        history(person, department=cast.department, cycles=cycles[-1:], ratings=(n + 1,), months=0)
    response = client_for(cast.leader).get("/org/")
    page = response.content.decode()
    row = next(row for row in response.context["screen"].rows if row.name == "秘书一处")
    assert row.people == 6
    heat = [chart for chart in response.context["screen"].charts if chart.name == "org-heatmap"]
    if submissions < MIN_GROUP_SIZE:
        assert row.hidden
        assert "已隐藏：提交不足 3 份。" in page
        assert not heat or all(r.label != "秘书一处" for r in heat[0].heat.rows)
        if submissions:
            lone = f"{float(submissions):.2f}" if submissions == 1 else "1.50"
            assert lone not in page  # one person's (or two people's) own mean never shows
    else:
        assert not row.hidden and row.means[0] == 2.0  # ratings 1, 2 and 3
        assert [r.label for r in heat[0].heat.rows] == ["秘书一处"]


def test_a_framework_rated_by_too_few_submissions_is_hidden_in_its_own_cell(cast, cycles):
    """四看's rating is optional: three submissions, only one of which rated it, show no 四看 mean."""
    from assessments.models import Answer

    people = [cast.staff, cast.staff2, member_of(cast.department, username="third")]
    for person in people:
        history(person, department=cast.department, cycles=cycles[-1:], months=0)
    Answer.objects.filter(item__framework__code="FOUR_LOOKS").exclude(assessment__user=cast.staff).update(rating=None)
    screen = client_for(cast.leader).get("/org/").context["screen"]
    row = next(row for row in screen.rows if row.name == "秘书一处")
    means = dict(zip(screen.framework_names, row.means, strict=True))
    assert means["四看"] is None and means["七个不太在意"] is not None


def test_org_trend_needs_three_submissions_per_cycle(cast, cycles):
    for person in (cast.staff, cast.staff2):
        history(person, department=cast.department, cycles=cycles, months=0)
    names = [chart.name for chart in client_for(cast.leader).get("/org/").context["screen"].charts]
    assert "org-trend" not in names
    history(member_of(cast.department, username="third"), department=cast.department, cycles=cycles, months=0)
    screen = client_for(cast.leader).get(f"/org/?cycle={cycles[0].pk}").context["screen"]
    assert screen.cycle == cycles[0]  # the cycle picker
    trend = next(chart for chart in screen.charts if chart.name == "org-trend")
    assert len(trend.multiples.cycles) == 3 and len(trend.multiples.panels) == 3


def test_the_team_dashboard_is_audited_once_per_member_in_one_statement(cast, cycles, django_assert_max_num_queries):
    manager = client_for(cast.manager)
    manager.get("/team/")
    manager.get("/team/")  # again within the hour: no new rows
    rows = AuditEvent.objects.filter(what="team dashboard", viewer=cast.manager)
    assert sorted(rows.values_list("subject__username", flat=True)) == ["staff", "staff2"]
    page = client_for(cast.staff).get("/me/viewed-by/").content.decode()
    assert "李志刚" in page and "团队概览" in page


def test_the_team_export_is_audited(cast, cycles):
    history(cast.staff, department=cast.department, cycles=cycles, months=0)
    client_for(cast.manager).get(f"/team/export/?format=csv&cycle={cycles[-1].pk}")
    assert set(AuditEvent.objects.filter(what="team export").values_list("subject__username", flat=True)) == {
        "staff",
        "staff2",
    }


def test_two_members_of_the_same_name_stay_two_rows(cast, cycles):
    cast.staff2.display_name = cast.staff.display_name
    cast.staff2.save()
    history(cast.staff, department=cast.department, cycles=cycles, ratings=(2,), months=0)
    history(cast.staff2, department=cast.department, cycles=cycles, ratings=(5,), months=0)
    screen = client_for(cast.manager).get("/team/").context["screen"]
    heat = next(chart for chart in screen.charts if chart.name == "team-heatmap").heat
    assert [row.key for row in heat.rows] == sorted([cast.staff.pk, cast.staff2.pk])
    assert {row.cells[0].value for row in heat.rows} == {2.0, 5.0}
    bars = next(chart for chart in screen.charts if chart.name == "team-minutes").bars
    assert sorted(bar.key for bar in bars) == sorted([cast.staff.pk, cast.staff2.pk])


def test_the_team_heatmap_includes_four_looks_where_rated(cast, cycles):
    history(cast.staff, department=cast.department, cycles=cycles, months=0)
    heat = next(c for c in client_for(cast.manager).get("/team/").context["screen"].charts if c.name == "team-heatmap")
    assert "四看" in [name for name, _span in heat.heat.groups]
