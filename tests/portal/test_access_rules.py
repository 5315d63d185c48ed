import pytest

from portal import access
from tests.factories import manager_of, member_of

pytestmark = pytest.mark.django_db


def test_a_manager_sees_the_records_of_their_own_members_only(cast):
    assert access.can_see_records_of(cast.manager, cast.staff)
    assert not access.can_see_records_of(cast.manager, cast.other)
    assert not access.can_see_records_of(cast.other_manager, cast.staff)


def test_colleagues_editors_and_leaders_do_not_see_individual_records(cast):
    for viewer in (cast.staff2, cast.editor, cast.admin, cast.leader):
        assert not access.can_see_records_of(viewer, cast.staff)
    assert access.can_see_records_of(cast.staff, cast.staff)


def test_team_members_excludes_leavers_and_other_departments(cast):
    assert set(access.team_members(manager=cast.manager)) == {cast.staff, cast.staff2}


def test_a_manager_of_two_departments_sees_both(cast):
    both = manager_of(cast.department, cast.other_department, username="both")
    assert set(access.team_members(manager=both)) == {cast.staff, cast.staff2, cast.other}
    assert set(access.team_members(manager=both, department=cast.other_department)) == {cast.other}


def test_access_member_by_id_answers_404_for_someone_elses_member(cast):
    from django.http import Http404

    assert access.access_member_by_id(cast.manager, cast.staff.pk) == cast.staff
    with pytest.raises(Http404):
        access.access_member_by_id(cast.manager, cast.other.pk)
    with pytest.raises(Http404):
        access.access_member_by_id(cast.staff, cast.staff2.pk)


def test_a_manager_who_is_also_a_member_is_not_their_own_team(cast):
    lead = member_of(cast.department, username="lead")
    manager_of(cast.department, username="unused")
    lead.memberships.create(department=cast.department, role="manager")
    assert lead not in set(access.team_members(manager=lead))
