"""The review inbox: 待点评 (submitted, not reviewed since) and 退回修改 (reopened, waiting for the person)."""

import datetime

import pytest
from django.utils import timezone

from assessments import services
from assessments.selectors import INBOX_SHOWN, review_inbox, review_inbox_count
from tests.conftest import client_for
from tests.factories import member_of
from tests.factories.assessments import filled_assessment, open_cycle

pytestmark = pytest.mark.django_db


def test_the_inbox_lists_waiting_and_returned_assessments_of_the_managers_departments_only(cast):
    cycle = open_cycle()
    waiting = filled_assessment(cast.staff, cycle, submit=True)
    returned = filled_assessment(cast.staff2, cycle, submit=True)
    services.assessment_reopen(assessment=returned, by=cast.manager, reason="补充四看的例子")
    filled_assessment(cast.other, cycle, submit=True)  # another department
    reviewed = filled_assessment(member_of(cast.department, display_name="钱七"), cycle, submit=True)
    services.review_save(assessment=reviewed, reviewer=cast.manager, comment="好", ratings={}, version=0)
    draft_only = member_of(cast.department, display_name="孙八")
    filled_assessment(draft_only, cycle)  # a draft never submitted is the person's alone

    inbox = review_inbox(manager=cast.manager)
    assert [row.assessment_id for row in inbox.waiting] == [waiting.pk]
    assert [(row.name, row.reason) for row in inbox.returned] == [("赵磊", "补充四看的例子")]
    assert review_inbox_count(manager=cast.manager) == 1
    assert review_inbox(manager=cast.other_manager).waiting[0].name == "孙丽华"
    assert review_inbox(manager=cast.staff).waiting == []

    page = client_for(cast.manager).get("/team/").content.decode()
    inbox_html = page.split('id="inbox-heading"', 1)[1].split("</section>", 1)[0]
    assert f'href="/assessments/{waiting.pk}/review/"' in inbox_html
    assert "Waiting for review 1" in inbox_html and "Returned for changes 1" in inbox_html
    assert "补充四看的例子" in inbox_html and "钱七" not in inbox_html and "孙丽华" not in inbox_html
    assert page.index('id="inbox-heading"') < page.index('id="attention-heading"')  # /team/ opens with it
    nav = page.split('class="site-nav__list"', 1)[1].split("</ul>", 1)[0]
    assert 'My team <span class="nav-badge"><span aria-hidden="true">1</span>' in nav
    assert "1 review waiting" in nav


def test_a_resubmission_after_a_reopen_waits_for_review_again(cast):
    cycle = open_cycle()
    assessment = filled_assessment(cast.staff, cycle, submit=True)
    services.review_save(assessment=assessment, reviewer=cast.manager, comment="好", ratings={}, version=0)
    assert review_inbox_count(manager=cast.manager) == 0
    services.assessment_reopen(assessment=assessment, by=cast.manager, reason="再补充")
    assert len(review_inbox(manager=cast.manager).returned) == 1
    services.assessment_submit(assessment=assessment, by=cast.staff)
    inbox = review_inbox(manager=cast.manager)
    assert [row.assessment_id for row in inbox.waiting] == [assessment.pk] and inbox.returned == []


def test_a_returned_assessment_leaves_the_inbox_when_its_deadline_has_passed(cast):
    today = timezone.localdate()
    cycle = open_cycle(opens_on=today - datetime.timedelta(days=10), closes_on=today + datetime.timedelta(days=5))
    assessment = filled_assessment(cast.staff, cycle, submit=True)
    services.assessment_reopen(assessment=assessment, by=cast.manager, reason="补充", until=today)
    services.cycle_close(cycle=cycle)
    assert len(review_inbox(manager=cast.manager).returned) == 1
    assert review_inbox(manager=cast.manager, today=today + datetime.timedelta(days=1)).returned == []


def test_the_inbox_reads_with_a_fixed_number_of_queries(cast, django_assert_max_num_queries):
    cycle = open_cycle()
    for n in range(12):
        filled_assessment(member_of(cast.department, display_name=f"成员{n}"), cycle, submit=True)
    with django_assert_max_num_queries(3):
        inbox = review_inbox(manager=cast.manager)
    assert len(inbox.waiting) == 12
    with django_assert_max_num_queries(1):
        assert review_inbox_count(manager=cast.manager) == 12


def test_a_long_queue_lists_twenty_and_counts_the_rest(cast):
    cycle = open_cycle()
    for n in range(INBOX_SHOWN + 3):
        filled_assessment(member_of(cast.department, display_name=f"成员{n}"), cycle, submit=True)
    inbox = review_inbox(manager=cast.manager)
    assert (len(inbox.waiting), inbox.waiting_count, inbox.waiting_more) == (INBOX_SHOWN, INBOX_SHOWN + 3, 3)
    assert inbox.waiting[0].name == "成员0"  # the longest waiting first
    html = client_for(cast.manager).get("/team/").content.decode()
    assert html.count('class="review-inbox__link"') == INBOX_SHOWN
    assert f"Waiting for review {INBOX_SHOWN + 3}" in html
    assert "And 3 more, listed after these are reviewed." in html


def test_each_list_counts_its_own_queue_and_returned_ones_list_the_nearest_deadline_first(
    cast, django_assert_num_queries
):
    cycle = open_cycle()
    today = timezone.localdate()
    for n in range(INBOX_SHOWN + 2):
        filled_assessment(member_of(cast.department, display_name=f"成员{n}"), cycle, submit=True)
    for name, days in (("五天", 5), ("随周期", None), ("两天", 2)):
        returned = filled_assessment(member_of(cast.department, display_name=name), cycle, submit=True)
        until = None if days is None else today + datetime.timedelta(days=days)
        services.assessment_reopen(assessment=returned, by=cast.manager, reason="补充", until=until)
    with django_assert_num_queries(1):
        inbox = review_inbox(manager=cast.manager)
    assert (len(inbox.waiting), inbox.waiting_count) == (INBOX_SHOWN, INBOX_SHOWN + 2)
    assert [row.name for row in inbox.waiting[:2]] == ["成员0", "成员1"]
    assert ([row.name for row in inbox.returned], inbox.returned_count) == (["两天", "五天", "随周期"], 3)


def test_the_kept_inbox_and_its_badge_follow_a_submit_and_a_review(cast):
    cycle = open_cycle()
    client = client_for(cast.manager)

    def inbox_and_badge() -> tuple[str, str]:
        page = client.get("/team/").content.decode()
        nav = page.split('class="site-nav__list"', 1)[1].split("</ul>", 1)[0]
        return page.split('id="inbox-heading"', 1)[1].split("</section>", 1)[0], nav

    inbox, nav = inbox_and_badge()
    assert "Nothing is waiting for your review." in inbox and "nav-badge" not in nav
    assessment = filled_assessment(cast.staff, cycle, submit=True)
    inbox, nav = inbox_and_badge()
    assert f'href="/assessments/{assessment.pk}/review/"' in inbox and "1 review waiting" in nav
    services.review_save(assessment=assessment, reviewer=cast.manager, comment="好", ratings={}, version=0)
    inbox, nav = inbox_and_badge()
    assert "Nothing is waiting for your review." in inbox and "nav-badge" not in nav
