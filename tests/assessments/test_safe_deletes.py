"""Safe deletes in every admin: a cycle, framework, department, account or role in use is refused with counts.

The walk visits every snippet's delete and bulk delete, the users' delete and bulk delete, and every
Django admin model's delete and bulk delete ("delete_selected"), with data in use: never a 500.
"""

import datetime

import pytest
from allauth.account.models import EmailAddress
from django.contrib import admin
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone
from taggit.models import Tag
from wagtail.snippets.models import get_snippet_models

from assessments.models import Cycle, Framework, SelfAssessment
from learning.models import StudyLog, WorkdayOverride
from portal.models import Department, LeavePeriod, User
from tests.conftest import client_for
from tests.factories.assessments import CycleFactory, filled_assessment, open_cycle

pytestmark = pytest.mark.django_db


@pytest.fixture
def in_use(cast):
    """A cycle with 3 submitted assessments (and a draft cycle nobody started), study logs, a workday override."""
    cycle = open_cycle()
    for person in (cast.staff, cast.staff2, cast.other):
        filled_assessment(person, cycle, submit=True)
    StudyLog.objects.create(user=cast.staff, date=timezone.localdate(), minutes=30)
    WorkdayOverride.objects.get_or_create(
        date=datetime.date(2027, 10, 9), defaults={"kind": WorkdayOverride.Kind.choices[0][0]}
    )
    EmailAddress.objects.create(user=cast.staff, email="wangfang@example.org", verified=True, primary=True)
    Tag.objects.create(name="周到细致")
    LeavePeriod.objects.create(user=cast.staff, starts_on=timezone.localdate(), ends_on=timezone.localdate())
    draft = CycleFactory(opens_on=timezone.localdate() + datetime.timedelta(days=30), frameworks=[])
    return {"cycle": cycle, "draft": draft}


def _snippet_urls(model, pk) -> list[str]:
    viewset = model.snippet_viewset
    return [
        reverse(viewset.get_url_name("delete"), args=[pk]),
        f"/admin/bulk/{model._meta.app_label}/{model._meta.model_name}/delete/?id={pk}",
    ]


def _refused(response) -> bool:
    return response.status_code == 409 and "data-delete-refused" in response.content.decode()


def test_an_open_cycle_in_use_is_refused_with_counts_and_no_names(cast, in_use):
    admin_client = client_for(cast.admin)
    cycle = in_use["cycle"]
    for url in _snippet_urls(Cycle, cycle.pk):
        for response in (admin_client.get(url), admin_client.post(url)):
            assert _refused(response), url
            page = response.content.decode()
            assert "3 self-assessments were started in this cycle." in page
            assert "王芳" not in page and "赵磊" not in page and "孙丽华" not in page
    assert Cycle.objects.filter(pk=cycle.pk).exists() and SelfAssessment.objects.filter(cycle=cycle).count() == 3


def test_a_draft_cycle_nobody_started_can_be_deleted(cast, in_use):
    draft = in_use["draft"]
    response = client_for(cast.admin).post(_snippet_urls(Cycle, draft.pk)[0])
    assert response.status_code == 302
    assert not Cycle.objects.filter(pk=draft.pk).exists()


def test_refusals_read_in_the_administrators_language(cast, in_use):
    cast.admin.preferred_language = "zh-hans"
    cast.admin.save()
    client = client_for(cast.admin)
    client.cookies["django_language"] = "zh-hans"
    page = client.get(_snippet_urls(Cycle, in_use["cycle"].pk)[0], HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "本期已有 3 份自评" in page and "无法删除" in page


def test_a_framework_a_department_and_an_account_in_use_are_refused(cast, in_use):
    client = client_for(cast.admin)
    framework = Framework.objects.get(code="SEVEN_CARELESS")
    for url in _snippet_urls(Framework, framework.pk):
        assert _refused(client.post(url)) and "cycle uses this framework." in client.get(url).content.decode()
    for url in _snippet_urls(Department, cast.department.pk):
        page = client.post(url)
        assert _refused(page) and "self-assessments were made in it." in page.content.decode()
    user_urls = [reverse("wagtailusers_users:delete", args=[cast.staff.pk]),
                 f"/admin/bulk/portal/user/delete/?id={cast.staff.pk}&id={cast.staff2.pk}"]  # fmt: skip
    for url in user_urls:
        for response in (client.get(url), client.post(url)):
            assert _refused(response), url
            assert "1 study log." in response.content.decode() or "self-assessment" in response.content.decode()
    assert Framework.objects.filter(pk=framework.pk).exists() and Department.objects.filter(pk=cast.department.pk)
    assert User.objects.filter(pk__in=[cast.staff.pk, cast.staff2.pk]).count() == 2


def test_an_account_with_no_records_can_be_deleted(cast, in_use):
    newcomer = User.objects.create_user(username="typo", display_name="错建的账户")
    response = client_for(cast.admin).post(reverse("wagtailusers_users:delete", args=[newcomer.pk]))
    assert response.status_code == 302 and not User.objects.filter(pk=newcomer.pk).exists()


def test_every_snippet_delete_and_bulk_delete_with_data_in_use_answers_without_a_500(cast, in_use):
    client = client_for(cast.admin)
    for model in get_snippet_models():
        objects = list(model.objects.all()[:3])
        assert objects, f"no {model._meta.label} to walk"
        for obj in objects:
            for url in _snippet_urls(model, obj.pk):
                for response in (client.get(url), client.post(url)):
                    assert response.status_code < 500, (url, response.status_code)


def test_every_django_admin_delete_and_bulk_delete_answers_without_a_500(cast, in_use):
    client = client_for(cast.admin)
    walked = 0
    for model in admin.site._registry:
        opts = model._meta
        for obj in list(model.objects.all()[:2]):
            url = reverse(f"admin:{opts.app_label}_{opts.model_name}_delete", args=[obj.pk])
            assert client.get(url).status_code < 500, url
            assert client.post(url, {"post": "yes"}).status_code < 500, url
            changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
            bulk = client.post(changelist, {"action": "delete_selected", "_selected_action": [obj.pk], "post": "yes"})
            assert bulk.status_code < 500, changelist
            walked += 1
    assert walked >= 4  # role groups, an email address, a tag


def test_a_role_in_use_is_refused_in_the_django_admin_without_names(cast, in_use):
    group = Group.objects.get(name="Administrators")
    client = client_for(cast.admin)
    url = reverse("admin:auth_group_delete", args=[group.pk])
    page = client.get(url).content.decode()
    assert "1 person holds this role." in page and "管理员" not in page
    client.post(url, {"post": "yes"})
    bulk = reverse("admin:auth_group_changelist")
    client.post(bulk, {"action": "delete_selected", "_selected_action": [group.pk], "post": "yes"})
    wagtail_delete = reverse("wagtailusers_groups:delete", args=[group.pk])
    assert _refused(client.get(wagtail_delete)) and _refused(client.post(wagtail_delete))
    assert Group.objects.filter(pk=group.pk).exists()
    unused = Group.objects.create(name="临时分组")
    assert client.post(reverse("wagtailusers_groups:delete", args=[unused.pk])).status_code == 302
    assert not Group.objects.filter(pk=unused.pk).exists()
