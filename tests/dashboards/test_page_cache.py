"""Cached dashboards are never stale (issue 15.3): each kind of write shows on the next view.

The test settings use the local-memory cache (portal/settings/base.py), cleared before each test,
so the entries really are kept and read here. Each test views a page first (keeping its entry),
writes through the service a screen would, and views again.
"""

import datetime
import re
import uuid

import pytest
import time_machine
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from assessments import selectors as assessment_selectors
from assessments import services as assessment_services
from assessments.models import Answer, Framework, SelfAssessment
from learning import services as learning_services
from learning.models import GoldenIdea, StudyMaterialPage
from portal import data_version, leave
from portal.models import AuditEvent, Membership, Notice, User
from tests.conftest import client_for
from tests.dashboards.conftest import history
from tests.factories import member_of
from tests.factories.assessments import filled_assessment
from tests.factories.learning import StudyLogFactory, make_material

pytestmark = pytest.mark.django_db

# Queries of a cached view: the session's user (the navigation's unread-notices count is cached too), plus
# what runs on every view: the access checks (the audit rows are written once an hour; the review inbox is
# cached too), and on the home page its featured pages and the today card's unread notices, read when
# the kept count says there are some (the site is kept with its home page, the feed is kept).
CACHED_QUERIES = {"/me/": 1, "/": 3, "/team/": 2, "member": 2, "/org/": 1}


def screen(client, url: str):
    """The screen composed for this view: a view served from the cache composes none (KeyError)."""
    response = client.get(url)
    assert response.status_code == 200
    return response.context["screen"]


def save_log(user: User, minutes: int = 30) -> None:
    today = timezone.localdate()
    cleaned = {"minutes": minutes, "sources": "", "insight": "今晚的体会", "items": [], "share_insight": False,
               "highlight": False, "materials": []}  # fmt: skip
    data = {"minutes": str(minutes), "materials": [], "sources": "", "insight": "今晚的体会", "items": [],
            "share_insight": "", "highlight": ""}  # fmt: skip
    learning_services.study_log_save(user=user, date=today, cleaned=cleaned, data=data, version=0)


# --- each kind of write shows on the next view ----------------------------------------------------------


def test_a_saved_log_shows_on_me_and_on_the_home_card(cast, cycles):
    client = client_for(cast.staff)
    before = screen(client, "/me/").calendar.saved_days
    assert "今晚还没有写日志" in client.get("/").content.decode()
    save_log(cast.staff)
    assert screen(client, "/me/").calendar.saved_days == before + 1
    assert "今晚的日志已写。" in client.get("/").content.decode()


def test_an_autosaved_draft_keeps_the_cached_pages(cast, cycles):
    """The evening's busiest write shows on no dashboard: it leaves the version (and the cache) alone."""
    today = timezone.localdate()
    typed = {"minutes": "30", "materials": [], "sources": "", "insight": "稿", "items": [], "share_insight": "",
             "highlight": ""}  # fmt: skip
    learning_services.study_log_autosave(user=cast.staff, date=today, data=typed, version=0)  # the row: moves it
    version = data_version.current()
    again = {**typed, "insight": "稿二"}
    log = learning_services.study_log_autosave(user=cast.staff, date=today, data=again, version=1)
    assert log.version == 2 and data_version.current() == version


def by_state(team) -> dict[str, list[str]]:
    return {status: [m.name for m in members] for status, _label, members in team.completion}


def test_a_submitted_assessment_shows_on_team(cast, cycles):
    assessment = filled_assessment(cast.staff, cycles[-1])
    client = client_for(cast.manager)
    assert by_state(screen(client, "/team/"))[SelfAssessment.Status.DRAFT] == ["王芳"]
    assessment_services.assessment_submit(assessment=assessment, by=cast.staff)
    done = by_state(screen(client, "/team/"))
    assert done[SelfAssessment.Status.SUBMITTED] == ["王芳"] and done[SelfAssessment.Status.DRAFT] == []


def test_a_changed_answer_shows_on_me(cast, cycles):
    history(cast.staff, department=cast.department, cycles=cycles[-1:], ratings=(3,), months=0)
    client = client_for(cast.staff)
    assert {card.score for card in screen(client, "/me/").cards} == {3.0}
    for answer in Answer.objects.filter(assessment__user=cast.staff):  # saved one by one, as a script would
        answer.rating = 5
        answer.save()
    assert {card.score for card in screen(client, "/me/").cards} == {5.0}


def test_a_review_shows_on_me(cast, cycles):
    assessment = filled_assessment(cast.staff, cycles[-1], rating=4, submit=True)
    client = client_for(cast.staff)
    assert screen(client, "/me/").gaps == []
    ratings = {answer.pk: 2 for answer in assessment.answers.all()}
    assessment_services.review_save(assessment=assessment, reviewer=cast.manager, comment="再具体些", ratings=ratings)
    gaps = screen(client, "/me/").gaps
    assert gaps and all(gap.manager_rating == 2 for gap in gaps)


def test_an_idea_and_its_step_show_on_me(cast, cycles):
    client = client_for(cast.staff)
    assert screen(client, "/me/").ideas == []
    learning_services.idea_submit(author=cast.staff, title="少开会", body="合并例会", category="other",
                                  submission_key=uuid.uuid4())  # fmt: skip
    idea = GoldenIdea.objects.get(author=cast.staff)
    assert [(row.title, row.status) for row in screen(client, "/me/").ideas] == [("少开会", idea.status)]
    under_study = GoldenIdea.Status.UNDER_STUDY
    learning_services.idea_advance(idea=idea, from_status=idea.status, to_status=under_study, note="", by=cast.manager)
    assert [row.status for row in screen(client, "/me/").ideas] == [under_study]


def test_a_renamed_framework_shows_on_me(cast, cycles):
    history(cast.staff, department=cast.department, cycles=cycles, months=0)
    client = client_for(cast.staff)
    assert "四看" in client.get("/me/").content.decode()
    framework = Framework.objects.get(code="FOUR_LOOKS")
    framework.name_zh = "四个看一看"
    framework.save()
    assert "四个看一看" in client.get("/me/").content.decode()


def test_a_renamed_cycle_shows_on_team_and_org(cast, cycles):
    manager, leader = client_for(cast.manager), client_for(cast.leader)
    assert screen(manager, "/team/").cycle.name_zh != "年中测评" and screen(leader, "/org/").cycle.name_zh != "年中测评"
    cycles[-1].name_zh = "年中测评"
    cycles[-1].save()
    assert "年中测评" in manager.get("/team/").content.decode()
    assert "年中测评" in leader.get("/org/").content.decode()


def test_a_new_member_and_a_leaver_show_on_team_and_org(cast, cycles):
    manager, leader = client_for(cast.manager), client_for(cast.leader)
    assert [m.name for m in screen(manager, "/team/").members] == ["王芳", "赵磊"]
    people = {row.name: row.people for row in screen(leader, "/org/").rows}["秘书一处"]
    newcomer = member_of(cast.department, username="newcomer", display_name="钱多")
    assert [m.name for m in screen(manager, "/team/").members] == ["王芳", "赵磊", "钱多"]
    assert {row.name: row.people for row in screen(leader, "/org/").rows}["秘书一处"] == people + 1
    Membership.objects.filter(user=newcomer).delete()
    assert [m.name for m in screen(manager, "/team/").members] == ["王芳", "赵磊"]


def test_orgs_past_four_weeks_are_read_again_only_after_a_late_log(cast, cycles):
    third = member_of(cast.department, username="third")
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    for person in (cast.staff, cast.staff2, third):
        StudyLogFactory(user=person, date=yesterday)
    leader = client_for(cast.leader)

    def study_days() -> tuple[float, int]:
        with CaptureQueriesContext(connection) as queries:
            row = {row.name: row for row in screen(leader, "/org/").rows}["秘书一处"]
        return row.study_days, len(queries)

    assert study_days()[0] == 1.0
    save_log(third)  # tonight's log: composed again, with the past days kept
    tonight, kept = study_days()
    StudyLogFactory(user=cast.staff, date=yesterday - datetime.timedelta(days=2))  # a late log
    late, read_again = study_days()
    assert (tonight, late) == (round(4 / 3, 1), round(5 / 3, 1))
    assert kept == read_again - 1


def test_a_renamed_person_and_a_leave_period_show_on_the_member_page(cast, cycles):
    client = client_for(cast.manager)
    url = f"/team/members/{cast.staff.pk}/"
    first = screen(client, url)
    assert first.name == "王芳" and first.leave == []
    cast.staff.display_name = "王芳芳"
    cast.staff.save()
    today = timezone.localdate()
    leave.leave_add(user=cast.staff, by=cast.manager, starts_on=today, ends_on=today, note="")
    shown = screen(client, url)
    assert shown.name == "王芳芳" and len(shown.leave) == 1


def test_the_cached_pages_move_on_at_midnight(cast, cycles):
    evening = timezone.make_aware(datetime.datetime.combine(timezone.localdate(), datetime.time(23, 59)))
    with time_machine.travel(evening, tick=False) as clock:
        client = client_for(cast.staff)
        assert screen(client, "/me/").today == evening.date()
        clock.shift(datetime.timedelta(minutes=2))
        assert screen(client, "/me/").today == evening.date() + datetime.timedelta(days=1)


# --- nobody is served another person's entry ------------------------------------------------------------


def test_one_persons_cached_me_is_never_served_to_another(cast, cycles):
    for author, title in ((cast.staff, "王芳的建议"), (cast.staff2, "赵磊的建议")):
        learning_services.idea_submit(author=author, title=title, body="内容", category="other",
                                      submission_key=uuid.uuid4())  # fmt: skip
    version = data_version.current()
    first = client_for(cast.staff).get("/me/").content.decode()
    second = client_for(cast.staff2).get("/me/").content.decode()
    assert data_version.current() == version  # the second view was served while the first's entry was kept
    assert "王芳的建议" in first and "赵磊的建议" not in first
    assert "赵磊的建议" in second and "王芳的建议" not in second


def test_chinese_and_english_are_kept_apart(cast, cycles):
    history(cast.staff, department=cast.department, cycles=cycles, months=1)
    client = client_for(cast.staff)
    assert "每周学习分钟数" in client.get("/me/").content.decode()
    User.objects.filter(pk=cast.staff.pk).update(preferred_language="en")  # no signal: the version stays
    page = client.get("/me/").content.decode()
    assert "Study minutes per week" in page and "每周学习分钟数" not in page


# --- checks and audit rows run before and after the cache, on every view -----------------------------


def test_a_cached_team_page_is_still_audited_once_an_hour_with_no_statement_in_between(
    cast, cycles, django_capture_on_commit_callbacks
):
    def view_both() -> None:
        for url in ("/team/", f"/team/members/{cast.staff.pk}/"):
            with django_capture_on_commit_callbacks(execute=True):  # as when the view's transaction commits
                assert client.get(url).status_code == 200

    noon = timezone.make_aware(datetime.datetime.combine(timezone.localdate(), datetime.time(12, 10)))
    with time_machine.travel(noon, tick=False) as clock:
        client = client_for(cast.manager)
        view_both()
        view_both()
        assert count(client, "/team/") == CACHED_QUERIES["/team/"]  # no INSERT: this hour's rows are there
        version = data_version.current()
        clock.shift(datetime.timedelta(hours=1))
        view_both()
        assert data_version.current() == version  # both served from the cache
    rows = AuditEvent.objects.filter(viewer=cast.manager)
    team = rows.filter(what="team dashboard").values_list("subject__username", flat=True)
    assert sorted(team) == ["staff", "staff", "staff2", "staff2"]  # one row each an hour
    assert list(rows.filter(what="member page").values_list("subject__username", flat=True)) == ["staff", "staff"]


def test_access_lost_is_refused_even_with_a_cached_entry(cast, cycles):
    client = client_for(cast.manager)
    assert client.get(f"/team/members/{cast.staff.pk}/").status_code == 200
    assert client.get("/team/").status_code == 200
    version = data_version.current()
    Membership.objects.filter(user=cast.staff, department=cast.department).delete()
    cache.set(data_version.KEY, version)  # the entries stay readable: only the checks can refuse now
    assert client.get(f"/team/members/{cast.staff.pk}/").status_code == 404
    Membership.objects.filter(user=cast.manager).delete()
    cache.set(data_version.KEY, version)
    assert client.get("/team/").status_code == 403


# --- a cached view reads (almost) nothing ---------------------------------------------------------------


def count(client, url: str) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize("page", ["/me/", "/", "/team/", "member", "/org/"])
def test_the_second_view_of_a_dashboard_reads_only_its_checks(cast, cycles, page, django_capture_on_commit_callbacks):
    for person in (cast.staff, cast.staff2):
        history(person, department=cast.department, cycles=cycles, months=1)
    user = {"/me/": cast.staff, "/": cast.staff, "/team/": cast.manager, "member": cast.manager}.get(page, cast.leader)
    url = f"/team/members/{cast.staff.pk}/" if page == "member" else page
    client = client_for(user)
    client.get("/me/export/")  # the per-process caches (site, settings, content types), and the session
    with django_capture_on_commit_callbacks(execute=True):  # as when the view's own transaction commits
        first = count(client, url)
    second = count(client, url)
    print(f"{page}: first view {first} queries, cached view {second}")  # noqa: T201 (the report's figures)
    assert second == CACHED_QUERIES[page] and second < first


def test_with_nothing_unread_the_cached_home_page_reads_no_notice(cast, cycles):
    Notice.objects.filter(user=cast.staff).update(read_at=timezone.now())  # the cycles' notices, before any view
    client = client_for(cast.staff)
    client.get("/")
    assert count(client, "/") == CACHED_QUERIES["/"] - 1


# --- a closed cycle's aggregates are computed once ------------------------------------------------------


def test_a_closed_cycles_means_are_computed_once_and_a_reopen_shows_the_new_figure(cast, cycles):
    closed = cycles[0]
    people = [cast.staff, cast.staff2, *(member_of(cast.department, username=f"p{n}") for n in range(2))]
    for rating, person in enumerate(people, 1):
        history(person, department=cast.department, cycles=[closed], ratings=(rating,), months=0)

    def means() -> set[float]:
        return {m.mean for m in assessment_selectors.group_framework_means(cycle_ids=[closed.pk], by_department=True)}

    assert means() == {2.5}  # ratings 1, 2, 3 and 4
    with CaptureQueriesContext(connection) as context:
        assert means() == {2.5}
    assert context.captured_queries == []
    client_for(cast.leader).get(f"/org/?cycle={closed.pk}")  # keeps the office-wide figures too
    save_log(cast.staff)  # a write elsewhere moves the data version, not the closed cycle's figures
    with CaptureQueriesContext(connection) as context:
        page = client_for(cast.leader).get(f"/org/?cycle={closed.pk}").content.decode()
    assert "2.50" in page
    averaged = [q["sql"] for q in context.captured_queries if "AVG(" in q["sql"]]
    asked = [ids.split(", ") for sql in averaged for ids in re.findall(r'"cycle_id" IN \(([^)]*)\)', sql)]
    assert averaged and all(str(closed.pk) not in ids for ids in asked)  # only the open cycles were averaged

    fourth = SelfAssessment.objects.get(user=people[-1], cycle=closed)
    assessment_services.assessment_reopen(assessment=fourth, by=cast.manager, reason="请补充")
    assert means() == {2.0}  # ratings 1, 2 and 3
    assert "2.00" in client_for(cast.leader).get(f"/org/?cycle={closed.pk}").content.decode()


def test_the_kept_calendar_of_me_shows_a_saved_log_and_stays_the_viewers(cast, cycles):
    def tonight_cell(client) -> str:
        return re.search(r'<td class="day day--\w+[^"]*day--now">', client.get("/me/").content.decode()).group(0)

    for person in (cast.staff, cast.staff2):
        history(person, department=cast.department, cycles=cycles, months=1)
    client = client_for(cast.staff)
    assert "day--today" in tonight_cell(client)
    assert "day--today" in tonight_cell(client)  # served from the kept fragment
    save_log(cast.staff)
    assert "day--saved" in tonight_cell(client)
    assert "day--today" in tonight_cell(client_for(cast.staff2)), "another person was served the kept calendar"


def test_a_kept_body_is_served_without_rendering_and_carries_nothing_of_its_first_request(cast, cycles):
    """The member page's body is kept as HTML; its leave form (outside the body) works with each session's token."""
    history(cast.staff, department=cast.department, cycles=cycles, months=1)
    url = f"/team/members/{cast.staff.pk}/"
    first, second = (Client(enforce_csrf_checks=True) for _ in range(2))
    for client in (first, second):
        client.force_login(cast.manager)
    composed = first.get(url)
    assert "portal/team_member_body.html" in [t.name for t in composed.templates]
    served = second.get(url)
    assert "portal/team_member_body.html" not in [t.name for t in served.templates]  # the kept HTML
    assert composed.content.decode().count("王芳") == served.content.decode().count("王芳")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', served.content.decode()).group(1)
    today = timezone.localdate().isoformat()
    answer = second.post(f"{url}leave/", {"csrfmiddlewaretoken": token, "starts_on": today, "ends_on": today})
    assert answer.status_code == 302
    assert cast.staff.leave_periods.count() == 1
    leave_section = second.get(url).content.decode().split('id="leave-heading"')[1]
    assert leave_section.count('name="delete"') == 1  # the new period, with its remove button


# --- the home feed is kept per person -------------------------------------------------------------------


def feed_titles(client) -> list[str]:
    page = client.get("/").content.decode()
    return re.findall(r'<span class="feed-card__title">([^<]+)</span>', page)


def test_a_material_opened_shows_in_continue_and_empties_nobody_elses_pages(cast, cycles):
    material = make_material("会议纪要的“三查”")
    mine, theirs = client_for(cast.staff), client_for(cast.staff2)
    assert feed_titles(mine).count("会议纪要的“三查”") == 1  # in "new" only
    theirs.get("/me/")
    learning_services.material_open_record(user=cast.staff, material=material)
    assert feed_titles(mine).count("会议纪要的“三查”") == 2  # "continue" too
    assert count(theirs, "/me/") == CACHED_QUERIES["/me/"]  # still kept
    assert feed_titles(theirs).count("会议纪要的“三查”") == 1


def test_a_published_and_an_unpublished_material_show_on_the_next_view(cast, cycles):
    client = client_for(cast.staff)
    assert "接待前的“三问”" not in feed_titles(client)
    material = make_material("接待前的“三问”", live=False)
    assert "接待前的“三问”" not in feed_titles(client)
    material.save_revision().publish()
    assert "接待前的“三问”" in feed_titles(client)
    StudyMaterialPage.objects.get(pk=material.pk).unpublish()
    assert "接待前的“三问”" not in feed_titles(client)
