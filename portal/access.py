"""Who may see whom: the one place that decides it.

The rules (DESIGN.md, "Roles and who sees what"):
- a person sees their own records;
- a manager sees the records of the members of the departments they manage (the
  insight of a study log only when its author shared it, drafts never);
- office leaders see golden ideas of everyone and aggregates of groups of at least
  ``MIN_GROUP_SIZE`` people, never individual assessments or logs;
- editors and administrators see content and accounts, not people's records.

A record that exists but may not be seen answers 404, like a missing one.
"""

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet
from django.http import Http404

from .models import Department, Membership, Role, User

MIN_GROUP_SIZE = 3


def is_editor(user: User | AnonymousUser) -> bool:
    return user.is_authenticated and (user.has_role(Role.EDITOR) or user.is_superuser)


def is_administrator(user: User | AnonymousUser) -> bool:
    return user.is_authenticated and (user.has_role(Role.ADMINISTRATOR) or user.is_superuser)


def is_office_leader(user: User | AnonymousUser) -> bool:
    return user.is_authenticated and user.has_role(Role.OFFICE_LEADER)


def managed_departments(user: User | AnonymousUser) -> QuerySet[Department]:
    if not user.is_authenticated:
        return Department.objects.none()
    return Department.objects.managed_by(user).distinct()


def is_manager(user: User | AnonymousUser) -> bool:
    known = getattr(user, "portal_is_manager", None)  # kept with the session (portal/request_cache.py)
    return known if known is not None else managed_departments(user).exists()


def home_department(user: User) -> Department | None:
    membership = Membership.objects.filter(user=user, role=Membership.Role.MEMBER).select_related("department").first()
    return membership.department if membership else None


def team_members(*, manager: User, department: Department | None = None) -> QuerySet[User]:
    """Return the active members of the departments ``manager`` manages (or of one of them)."""
    departments = managed_departments(manager)
    if department is not None:
        departments = departments.filter(pk=department.pk)
    return (
        User.objects.filter(
            is_active=True,
            memberships__role=Membership.Role.MEMBER,
            memberships__department__in=departments,
        )
        .exclude(pk=manager.pk)
        .distinct()
    )


def manages(viewer: User | AnonymousUser, person: User) -> bool:
    """Say whether ``viewer`` manages the department ``person`` belongs to."""
    if not viewer.is_authenticated or viewer.pk == person.pk:
        return False
    return Membership.objects.filter(
        user=person,
        role=Membership.Role.MEMBER,
        department__memberships__user=viewer,
        department__memberships__role=Membership.Role.MANAGER,
    ).exists()


def can_see_records_of(viewer: User | AnonymousUser, person: User) -> bool:
    return viewer.is_authenticated and (viewer.pk == person.pk or manages(viewer, person))


def access_member_by_id(viewer: User, user_id: int) -> User:
    """Fetch a member of one of the viewer's departments, or raise 404."""
    try:
        return team_members(manager=viewer).get(pk=user_id)
    except User.DoesNotExist:
        raise Http404 from None


def access_managed_department_by_id(viewer: User, department_id: int) -> Department:
    try:
        return managed_departments(viewer).get(pk=department_id)
    except Department.DoesNotExist:
        raise Http404 from None
