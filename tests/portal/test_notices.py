import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from portal.models import Notice
from portal.services import notice_send
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def test_unread_notices_show_on_the_home_page_and_open_once_read(cast):
    notice_send(user=cast.staff, kind="cycle", message="第六期自评已开放", url="/assessments/", dedupe_key="c6")
    client = client_for(cast.staff)
    assert "第六期自评已开放" in client.get("/").content.decode()
    notice = Notice.objects.get(user=cast.staff)
    response = client.post(f"/notices/{notice.pk}/read/")
    assert response["Location"] == "/assessments/"
    notice.refresh_from_db()
    assert notice.read_at is not None
    assert "第六期自评已开放" not in client.get("/").content.decode()


def test_a_notice_sent_after_a_view_with_none_unread_shows_on_the_next_view(cast):
    client = client_for(cast.staff)
    assert "第六期自评已开放" not in client.get("/").content.decode()  # none unread: counted, and kept
    notice_send(user=cast.staff, kind="cycle", message="第六期自评已开放", url="/assessments/", dedupe_key="c6")
    assert "第六期自评已开放" in client.get("/").content.decode()


def test_the_same_notice_is_sent_once(cast):
    assert notice_send(user=cast.staff, kind="k", message="m", dedupe_key="same")
    assert not notice_send(user=cast.staff, kind="k", message="m", dedupe_key="same")
    assert Notice.objects.filter(user=cast.staff).count() == 1


def test_someone_elses_notice_is_404_and_stays_unread(cast):
    notice_send(user=cast.staff2, kind="k", message="m", dedupe_key="x")
    notice = Notice.objects.get()
    assert client_for(cast.staff).post(f"/notices/{notice.pk}/read/").status_code == 404
    notice.refresh_from_db()
    assert notice.read_at is None


def test_an_offsite_link_is_not_followed(cast):
    notice_send(user=cast.staff, kind="k", message="m", url="https://evil.example/", dedupe_key="y")
    response = client_for(cast.staff).post(f"/notices/{Notice.objects.get().pk}/read/")
    assert response["Location"] == "/"


def test_a_notice_made_in_english_reads_chinese_when_read_in_chinese(cast):
    from learning.models import GoldenIdea
    from learning.services import idea_advance
    from tests.factories.learning import GoldenIdeaFactory

    cast.staff.preferred_language = "en"
    cast.staff.save()
    idea = GoldenIdeaFactory(author=cast.staff, title="会议回执自动提醒")
    idea_advance(idea=idea, from_status="submitted", to_status="under_study", note="先试一周", by=cast.manager)
    notice = Notice.objects.get(user=cast.staff)
    assert notice.message == "Your golden idea “会议回执自动提醒” is now: Under study."  # the fallback, as made
    assert notice.params == {"idea": idea.pk, "title": "会议回执自动提醒", "status": GoldenIdea.Status.UNDER_STUDY}
    cast.staff.preferred_language = "zh-hans"
    cast.staff.save()
    page = client_for(cast.staff).get("/notices/").content.decode()
    assert "你的金点子“会议回执自动提醒”现在的状态：研究中。" in page
    assert "is now" not in page


def test_three_steps_of_one_idea_show_as_one_card_with_its_latest_state(cast):
    from learning.services import idea_advance
    from tests.factories.learning import GoldenIdeaFactory

    idea = GoldenIdeaFactory(author=cast.staff, title="会议回执自动提醒")
    for before, after in (("submitted", "under_study"), ("under_study", "adopted"), ("adopted", "implemented")):
        idea_advance(idea=idea, from_status=before, to_status=after, note="好", by=cast.manager)
    notice_send(user=cast.staff, kind="k", message="另一条通知", dedupe_key="other")
    assert Notice.objects.filter(user=cast.staff).count() == 4
    client = client_for(cast.staff)
    page = client.get("/notices/").content.decode()
    assert page.count('class="card notice-card') == 2
    assert "3 个步骤" in page and "已落实" in page
    assert "2 条未读通知" in page
    assert '<span class="nav-badge"><span aria-hidden="true">2</span>' in client.get("/").content.decode()
    # Reading the card reads its three steps; "mark all" reads the rest.
    latest = Notice.objects.filter(user=cast.staff, group_key=f"idea:{idea.pk}").latest("created_at")
    client.post(f"/notices/{latest.pk}/read/", {"stay": "1"})
    assert Notice.objects.filter(user=cast.staff, read_at__isnull=True).count() == 1
    response = client.post(reverse("dashboards:notices-read-all"))
    assert response["Location"] == "/notices/"
    assert not Notice.objects.filter(user=cast.staff, read_at__isnull=True).exists()
    assert 'class="nav-badge">' not in client.get("/notices/").content.decode()


def test_cycle_notices_and_emails_are_rendered_in_each_readers_language_when_sent(cast):
    from django.core import mail

    from tests.factories.assessments import open_cycle

    cast.staff2.preferred_language = "en"
    cast.staff2.save()
    cast.other.email_notices = False
    cast.other.save()
    cycle = open_cycle()  # opening it runs the notification task (immediate backend in tests)
    by_person = {m.to[0]: m for m in mail.outbox}
    assert cycle.name_en in by_person[cast.staff2.email].body
    assert cycle.name_zh in by_person[cast.staff.email].body
    assert cast.other.email not in by_person  # no emails wanted, the notice still there
    assert Notice.objects.filter(user=cast.other, kind="cycle-open").exists()
    page = client_for(cast.staff2).get("/notices/").content.decode()
    assert cycle.name_en in page


def test_old_rows_without_parameters_keep_their_message(cast):
    Notice.objects.create(user=cast.staff, kind="idea", message="旧的通知原文", dedupe_key="old", group_key="old")
    assert "旧的通知原文" in client_for(cast.staff).get("/notices/").content.decode()


def test_a_reminder_made_in_english_reads_chinese_in_chinese(cast):
    cast.staff.preferred_language = "en"
    cast.staff.save()
    notice_send(user=cast.staff, kind="study-reminder", url="/logs/today/", dedupe_key="study:1")
    assert Notice.objects.get().message.startswith("No study log yet tonight.")
    cast.staff.preferred_language = "zh-hans"
    cast.staff.save()
    page = client_for(cast.staff).get("/notices/").content.decode()
    assert "No study log yet" not in page


def test_earlier_rows_are_grouped_by_the_migration_and_keep_their_message(cast):
    import importlib

    from django.apps import apps

    migration = importlib.import_module("portal.migrations.0008_notice_kind_params_and_group")
    for key, url in (("idea-step:1", "/ideas/7/"), ("idea-step:2", "/ideas/7/"), ("cycle-reminder:3:7", "/a/")):
        Notice.objects.create(user=cast.staff, kind="idea", message=f"原文{key}", url=url, dedupe_key=key)
    migration.group_existing(apps, None)
    assert sorted(Notice.objects.values_list("group_key", flat=True)) == ["cycle:3", "idea:7", "idea:7"]
    page = client_for(cast.staff).get("/notices/").content.decode()
    assert page.count('class="card notice-card') == 2 and "原文idea-step:2" in page


def _badge(client) -> str:
    html = client.get("/ideas/").content.decode()
    start = html.find('class="site-nav__notices"')
    return html[start : html.find("</a>", start)]


def test_the_unread_badge_follows_every_change_though_it_is_counted_once(cast):
    client = client_for(cast.staff)
    assert "nav-badge" not in _badge(client)
    notice_send(user=cast.staff, kind="k", message="第一条", dedupe_key="b1")
    notice_send(user=cast.staff, kind="k", message="第二条", dedupe_key="b2")
    assert '<span aria-hidden="true">2</span>' in _badge(client)
    with CaptureQueriesContext(connection) as queries:
        _badge(client)
    assert not [q for q in queries if "portal_notice" in q["sql"]], "the badge is counted again on every page"
    client.post(f"/notices/{Notice.objects.get(dedupe_key='b1').pk}/read/")
    assert '<span aria-hidden="true">1</span>' in _badge(client)
    client.post(reverse("dashboards:notices-read-all"))
    assert "nav-badge" not in _badge(client)
