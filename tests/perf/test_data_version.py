"""The data version moves with every kind of write that can change a dashboard (issue 15.3), and no other."""

import datetime
import uuid

import pytest
from django.contrib.auth.signals import user_logged_in
from django.test import RequestFactory
from django.utils import timezone

from assessments import services as assessment_services
from assessments.models import Answer, Framework
from cms.models import PortalSettings
from learning import services as learning_services
from learning.models import GoldenIdea, StudyLog
from portal import data_version, leave
from portal.models import Membership
from tests.factories.assessments import filled_assessment, open_cycle

pytestmark = pytest.mark.django_db


def moves(write) -> bool:
    before = data_version.current()
    write()
    return data_version.current() != before


def typed(insight: str) -> dict:
    return {"minutes": "30", "materials": [], "sources": "", "insight": insight, "items": [],
            "share_insight": "", "highlight": ""}  # fmt: skip


def test_the_version_is_stable_without_writes(db):
    assert data_version.current() == data_version.current()


def test_a_log_autosave_and_save_move_it(cast):
    today = timezone.localdate()
    assert moves(lambda: learning_services.study_log_autosave(user=cast.staff, date=today, data=typed("稿"), version=0))
    log = StudyLog.objects.get(user=cast.staff, date=today)
    cleaned = {"minutes": 30, "sources": "", "insight": "体会", "items": [], "share_insight": False,
               "highlight": False, "materials": []}  # fmt: skip
    assert moves(lambda: learning_services.study_log_save(user=cast.staff, date=today, cleaned=cleaned,
                                                          data=typed("体会"), version=log.version))  # fmt: skip


def test_an_answer_and_a_submission_move_it(cast):
    cycle = open_cycle()
    assessment = filled_assessment(cast.staff, cycle)
    answer = Answer.objects.filter(assessment=assessment).first()
    answer.rating = 2
    assert moves(answer.save)
    assert moves(lambda: assessment_services.assessment_submit(assessment=assessment, by=cast.staff))


def test_a_review_moves_it(cast):
    assessment = filled_assessment(cast.staff, open_cycle(), submit=True)
    assert moves(lambda: assessment_services.review_save(assessment=assessment, reviewer=cast.manager,
                                                         comment="很好", ratings={}))  # fmt: skip


def test_an_idea_and_its_steps_move_it(cast):
    def submit():
        learning_services.idea_submit(author=cast.staff, title="建议", body="内容", category="other",
                                      submission_key=uuid.uuid4())  # fmt: skip

    assert moves(submit)
    idea = GoldenIdea.objects.get(author=cast.staff)
    under_study = GoldenIdea.Status.UNDER_STUDY
    assert moves(lambda: learning_services.idea_advance(idea=idea, from_status=idea.status, to_status=under_study,
                                                        note="", by=cast.manager))  # fmt: skip


def test_a_framework_and_a_cycle_move_it(cast):
    framework = Framework.objects.first()
    assert moves(framework.save)
    cycle = open_cycle()
    assert moves(lambda: cycle.departments.add(cast.department))
    cycle.closes_on = cycle.closes_on
    assert moves(cycle.save)


def test_a_membership_change_moves_it(cast):
    assert moves(lambda: Membership.objects.create(user=cast.staff2, department=cast.other_department, role="manager"))
    assert moves(lambda: Membership.objects.filter(user=cast.staff2, role="manager").delete())


def test_a_leave_period_moves_it(cast):
    today = timezone.localdate()
    assert moves(lambda: leave.leave_add(user=cast.staff, by=cast.manager, starts_on=today, ends_on=today, note=""))


def test_a_renamed_person_moves_it_and_a_sign_in_does_not(cast):
    cast.staff.display_name = "王芳芳"
    assert moves(cast.staff.save)
    request = RequestFactory().get("/")
    assert not moves(lambda: user_logged_in.send(sender=type(cast.staff), request=request, user=cast.staff))


def test_edited_study_settings_move_it_and_the_first_read_of_the_defaults_does_not(cast):
    from wagtail.models import Site

    site = Site.objects.get(is_default_site=True)
    assert not PortalSettings.objects.exists()  # made, with its defaults, by the first read
    assert not moves(lambda: PortalSettings.for_site(site))
    settings = PortalSettings.for_site(site)
    settings.study_target_minutes = 45
    assert moves(settings.save)


def test_a_later_autosaved_draft_leaves_it(cast):
    today = timezone.localdate()
    assert moves(lambda: learning_services.study_log_autosave(user=cast.staff, date=today, data=typed("稿"), version=0))
    assert not moves(
        lambda: learning_services.study_log_autosave(user=cast.staff, date=today, data=typed("稿二"), version=1)
    )


def history_moves(write) -> bool:
    before = data_version.history()
    write()
    return data_version.history() != before


def test_the_study_history_moves_with_a_past_days_log_a_membership_and_a_person(cast):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    late = StudyLog(user=cast.staff, date=yesterday, minutes=30, saved_at=timezone.now())
    assert history_moves(late.save)
    assert history_moves(late.delete)
    assert history_moves(lambda: Membership.objects.create(user=cast.staff2, department=cast.other_department,
                                                           role="manager"))  # fmt: skip
    cast.staff.is_active = False
    assert history_moves(cast.staff.save)


def test_the_evenings_writes_leave_the_study_history(cast):
    today = timezone.localdate()
    assert not history_moves(lambda: learning_services.study_log_autosave(user=cast.staff, date=today,
                                                                          data=typed("稿"), version=0))  # fmt: skip
    log = StudyLog.objects.get(user=cast.staff, date=today)
    cleaned = {"minutes": 30, "sources": "", "insight": "体会", "items": [], "share_insight": False,
               "highlight": False, "materials": []}  # fmt: skip
    assert not history_moves(lambda: learning_services.study_log_save(
        user=cast.staff, date=today, cleaned=cleaned, data=typed("体会"), version=log.version))  # fmt: skip
    cycle = open_cycle()
    assessment = filled_assessment(cast.staff2, cycle)
    assert not history_moves(lambda: assessment_services.assessment_submit(assessment=assessment, by=cast.staff2))
    assert not history_moves(lambda: assessment_services.review_save(assessment=assessment, reviewer=cast.manager,
                                                                      comment="很好", ratings={}))  # fmt: skip
    assert not history_moves(lambda: learning_services.idea_submit(
        author=cast.staff, title="建议", body="内容", category="other", submission_key=uuid.uuid4()))  # fmt: skip
