"""The query budget (issue 15): per-request overhead at most 2 statements, kept state that is never stale.

The trivial signed-in view (tests/perf/urls.py) does nothing, so every statement it costs is
overhead: the user's row, and nothing else once the session holds the person's roles,
manager and second-factor state. The state is kept, never stale: each kind of write that
changes it is followed by a request that sees the change.
"""

import datetime

import pytest
import time_machine
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.auth.models import Group
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from learning import selectors as learning_selectors
from learning.models import StudySettings, WorkdayOverride
from portal.models import Membership, Role
from tests.conftest import client_for

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.perf.urls")]
TRIVIAL = "/_perf/trivial/"
OVERHEAD_BUDGET = 2


def statements(client, url: str = TRIVIAL) -> tuple[int, list[str], int]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return len(queries), [q["sql"] for q in queries.captured_queries], response.status_code


@pytest.mark.parametrize("persona", ["staff", "manager", "leader", "admin"])
def test_a_signed_in_request_costs_at_most_two_statements(cast, persona, settings):
    settings.PORTAL_REQUIRE_MFA = True
    user = cast.get(persona)
    if persona != "staff":
        TOTP.activate(user, generate_totp_secret())
    client = client_for(user)
    client.get(TRIVIAL)  # the first request after sign-in resolves and keeps the person's state
    count, sql, status = statements(client)
    assert status == 200
    assert count <= OVERHEAD_BUDGET, sql
    assert not any(s.startswith(("UPDATE", "INSERT")) for s in sql), "the session is not rewritten on every request"


def test_the_session_is_refreshed_every_few_minutes_and_still_expires_when_idle(cast):
    with time_machine.travel(datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC), tick=False) as clock:
        client = client_for(cast.staff)
        client.get(TRIVIAL)
        key = client.session.session_key
        first_expiry = Session.objects.get(pk=key).expire_date

        clock.shift(datetime.timedelta(minutes=3))
        _count, sql, _status = statements(client)
        assert not any(s.startswith("UPDATE") for s in sql)
        assert Session.objects.get(pk=key).expire_date == first_expiry

        clock.shift(datetime.timedelta(minutes=3))  # six minutes after the last refresh
        _count, sql, _status = statements(client)
        assert any(s.startswith("UPDATE") and "django_session" in s for s in sql)
        refreshed = Session.objects.get(pk=key).expire_date
        assert refreshed == timezone.now() + datetime.timedelta(hours=2)

        clock.shift(datetime.timedelta(hours=2, seconds=1))  # idle longer than the inactivity timeout
        response = client.get(TRIVIAL)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_an_anonymous_visitor_gets_no_session(db, client):
    with CaptureQueriesContext(connection) as queries:
        client.get("/accounts/login/")
    assert not Session.objects.exists()
    assert not any("django_session" in q["sql"] for q in queries.captured_queries)


def test_a_new_role_counts_on_the_next_request_and_a_removed_one_too(cast):
    client = client_for(cast.staff)
    assert client.get("/org/").status_code == 403
    leaders = Group.objects.get(name=Role.OFFICE_LEADER)
    cast.staff.groups.add(leaders)
    assert client.get("/org/").status_code == 200
    leaders.user_set.remove(cast.staff)  # from the group's side
    assert client.get("/org/").status_code == 403


def test_managing_a_department_counts_on_the_next_request(cast):
    client = client_for(cast.staff2)
    assert client.get("/team/").status_code == 403
    membership = Membership.objects.create(user=cast.staff2, department=cast.other_department, role="manager")
    assert client.get("/team/").status_code == 200
    membership.delete()
    assert client.get("/team/").status_code == 403


def test_a_renamed_group_counts_for_everyone(cast):
    client = client_for(cast.leader)
    assert client.get("/org/").status_code == 200
    group = Group.objects.get(name=Role.OFFICE_LEADER)
    group.name = "Former leaders"
    group.save()
    assert client.get("/org/").status_code == 403


def test_a_second_factor_counts_on_the_next_request(cast, settings):
    settings.PORTAL_REQUIRE_MFA = True
    client = client_for(cast.manager)
    assert "/accounts/2fa/totp/activate" in client.get(TRIVIAL)["Location"]
    TOTP.activate(cast.manager, generate_totp_secret())
    assert client.get(TRIVIAL).status_code == 200
    Authenticator.objects.filter(user=cast.manager).delete()  # a queryset delete sends post_delete too
    assert client.get(TRIVIAL).status_code == 302


def test_the_office_name_is_kept_and_a_saved_change_shows_at_once(cast):
    from wagtail.models import Site

    from cms.models import PortalSettings

    client = client_for(cast.staff)
    client.get("/ideas/")
    _count, sql, _status = statements(client, "/ideas/")
    assert not any("cms_portalsettings" in s or "wagtailcore_site" in s for s in sql)
    portal_settings = PortalSettings.for_site(Site.objects.get(is_default_site=True))
    portal_settings.office_name = "新的办公室名称"
    portal_settings.save()
    assert "新的办公室名称" in client.get("/ideas/").content.decode()


def test_the_study_rules_are_kept_and_a_saved_change_counts_at_once(db):
    from wagtail.models import Site

    rules = StudySettings.for_site(Site.objects.get(is_default_site=True))
    assert learning_selectors.study_rules().target_per_workday == rules.study_target_minutes == 60
    with CaptureQueriesContext(connection) as queries:
        learning_selectors.study_rules()
    assert len(queries) == 0
    rules.study_target_minutes = 45
    rules.save()
    assert learning_selectors.study_rules().target_per_workday == 45
    rules.delete()
    assert learning_selectors.study_rules().target_per_workday == 60


def test_the_workday_overrides_are_kept_and_a_new_one_counts_at_once(db):
    far = datetime.date(2099, 1, 5)  # a Monday of a year chinese_calendar does not know
    assert learning_selectors.workday_checker()(far) is True
    with CaptureQueriesContext(connection) as queries:
        learning_selectors.workday_checker()
    assert len(queries) == 0
    override = WorkdayOverride.objects.create(date=far, kind=WorkdayOverride.Kind.HOLIDAY, name="测试")
    assert learning_selectors.workday_checker()(far) is False
    override.delete()
    assert learning_selectors.workday_checker()(far) is True


# --- what most pages read from the cache comes in the request's first round trip -------------------------


def cache_reads(monkeypatch) -> list[str]:
    """The default cache's reads from now on, by method (sessions are read through it too).

    The test settings' local-memory cache reads a get_many key by key: only the outer call counts.
    """
    from django.core.cache import caches

    backend, reads, depth = caches["default"], [], [0]

    def counted(name, original):
        def read(*args, **kwargs):
            if not depth[0]:
                reads.append(name)
            depth[0] += 1
            try:
                return original(*args, **kwargs)
            finally:
                depth[0] -= 1

        return read

    for name in ("get", "get_many"):
        monkeypatch.setattr(backend, name, counted(name, getattr(backend, name)))
    return reads


@pytest.mark.parametrize(("persona", "url", "expected"), [
    ("staff", "/me/", ["get", "get_many", "get"]),  # the session; what the page reads with it; the kept body
    ("manager", "/team/", ["get", "get_many", "get", "get", "get", "get"]),  # + the audit mark, the inbox, the badge
])  # fmt: skip
def test_a_cached_dashboard_reads_the_cache_once_for_what_every_page_reads(cast, persona, url, expected, monkeypatch):
    client = client_for(cast.get(persona))
    client.get(url)
    client.get(url)
    reads = cache_reads(monkeypatch)
    assert client.get(url).status_code == 200
    assert reads == expected


def test_a_write_in_the_request_is_read_back_later_in_the_same_request(cast, rf):
    from django.contrib.sessions.backends.cache import SessionStore
    from django.http import HttpResponse

    from portal import data_version
    from portal.request_cache import RequestStateMiddleware

    before = data_version.current()
    seen = []

    def view(request):
        seen.append(data_version.current())
        data_version.bump()  # as a save's signal does
        seen.append(data_version.current())
        return HttpResponse()

    request = rf.get("/me/")
    request.user, request.session = cast.staff, SessionStore()
    request.session.create()
    RequestStateMiddleware(view)(request)
    assert seen[0] == before and seen[1] != before
    data_version.bump()  # another request's write, after this one: nothing of this request is read any more
    assert data_version.current() not in (before, seen[1])
