import io
import re

import openpyxl
import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.mail.backends.base import BaseEmailBackend
from django.test import Client

from portal.admin_users import ERROR_PASSWORD_OR_INVITATION
from portal.admin_views import INVITATION_NOT_ASKED, INVITATION_NOT_SENT, INVITATION_SENT
from portal.models import Membership, Role, User
from portal.services import (
    ERROR_DEPARTMENT_UNKNOWN,
    ERROR_EMAIL_INVALID,
    ERROR_EMAIL_TOO_LONG,
    ERROR_NAME_TOO_LONG,
    ERROR_USERNAME_TAKEN,
    ERROR_USERNAME_TOO_LONG,
)
from tests.conftest import client_for

pytestmark = pytest.mark.django_db
URL = "/admin/accounts/import/"
HEADER = "姓名,用户名,邮箱,处室,角色\n"


def csv_file(body: str, name="people.csv", encoding="utf-8") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, (HEADER + body).encode(encoding), content_type="text/csv")


def xlsx_file(rows: list[list[str]]) -> SimpleUploadedFile:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["name", "username", "email", "department", "role"])
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("people.xlsx", buffer.getvalue())


def test_preview_reports_every_wrong_row_and_imports_nothing(cast):
    client = client_for(cast.admin)
    before = User.objects.count()
    body = (
        "刘洋,liuyang,liuyang@example.gov.cn,秘书一处,member\n"
        "王芳,staff,new@example.gov.cn,秘书一处,member\n"
        "马超,machao,not-an-email,无此处,member\n"
    )
    response = client.post(URL, {"file": csv_file(body)})
    page = response.content.decode()
    assert response.status_code == 200
    assert str(ERROR_USERNAME_TAKEN % {"username": "staff"}) in page
    assert str(ERROR_EMAIL_INVALID % {"email": "not-an-email"}) in page
    assert str(ERROR_DEPARTMENT_UNKNOWN % {"department": "无此处"}) in page
    assert 'name="confirm"' not in page
    # Confirming anyway imports nothing.
    client.post(URL, {"confirm": "1"})
    assert User.objects.count() == before


def test_values_too_long_for_an_account_are_wrong_rows_not_a_crash_at_import(cast):
    client = client_for(cast.admin)
    body = f"{'长' * 101},{'u' * 151},{'e' * 250}@example.gov.cn,秘书一处,member\n"
    page = client.post(URL, {"file": csv_file(body)}).content.decode()
    assert str(ERROR_NAME_TOO_LONG % {"limit": 100}) in page
    assert str(ERROR_USERNAME_TOO_LONG % {"limit": 150}) in page
    assert str(ERROR_EMAIL_TOO_LONG % {"limit": 254}) in page
    assert 'name="confirm"' not in page


def test_good_xlsx_is_previewed_then_imported_with_departments_and_roles(cast):
    client = client_for(cast.admin)
    rows = [
        ["刘洋", "liuyang", "liuyang@example.gov.cn", "First Secretariat Division", "member"],
        ["马超", "machao", "machao@example.gov.cn", "综合处", "处长"],
        ["吴静", "wujing", "wujing@example.gov.cn", "", "editor"],
    ]
    preview = client.post(URL, {"file": xlsx_file(rows)})
    assert 'name="confirm"' in preview.content.decode()
    assert not User.objects.filter(username="liuyang").exists()

    response = client.post(URL, {"confirm": "1"})
    assert response.status_code == 200 and "liuyang@example.gov.cn" in response.content.decode()
    liuyang = User.objects.get(username="liuyang")
    assert liuyang.display_name == "刘洋" and not liuyang.has_usable_password()
    # The administrator vouches for the address: verified and primary, so two-factor set-up is not refused.
    assert EmailAddress.objects.filter(
        user=liuyang, email="liuyang@example.gov.cn", verified=True, primary=True
    ).exists()
    assert Membership.objects.filter(user=liuyang, department=cast.department, role="member").exists()
    machao = User.objects.get(username="machao")
    assert Membership.objects.filter(user=machao, department=cast.other_department, role="manager").exists()
    assert User.objects.get(username="wujing").has_role(Role.EDITOR)


def test_rows_taken_between_preview_and_confirm_import_nothing(cast):
    client = client_for(cast.admin)
    client.post(URL, {"file": csv_file("刘洋,liuyang,liuyang@example.gov.cn,秘书一处,member\n")})
    User.objects.create(username="liuyang", email="someone@example.gov.cn")
    response = client.post(URL, {"confirm": "1"})
    assert str(ERROR_USERNAME_TAKEN % {"username": "liuyang"}) in response.content.decode()
    assert User.objects.filter(username="liuyang").count() == 1


def test_gb18030_csv_from_excel_is_read(cast):
    client = client_for(cast.admin)
    response = client.post(URL, {"file": csv_file("刘洋,liuyang,l@example.gov.cn,秘书一处,成员\n", encoding="gb18030")})
    assert "刘洋" in response.content.decode()
    assert 'name="confirm"' in response.content.decode()


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("people.txt", b"hello"), "请上传 .csv 或 .xlsx 文件。"),
        (SimpleUploadedFile("people.xlsx", b"not a workbook"), "无法读取该文件"),
        (SimpleUploadedFile("people.csv", "姓名,用户名\n刘洋,liuyang\n".encode()), "表头缺少以下列"),
        (SimpleUploadedFile("people.csv", HEADER.encode()), "文件表头下没有数据行"),
    ],
)
def test_unusable_files_get_a_clear_message(cast, upload, message):
    before = User.objects.count()
    response = client_for(cast.admin).post(URL, {"file": upload})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert User.objects.count() == before


def test_duplicate_usernames_inside_the_file_are_reported(cast):
    body = "甲,dup,a@example.gov.cn,秘书一处,member\n乙,DUP,b@example.gov.cn,秘书一处,member\n"
    response = client_for(cast.admin).post(URL, {"file": csv_file(body)})
    assert response.content.decode().count("在文件中出现了多次") == 2


def test_only_administrators_may_import(cast):
    upload = csv_file("刘洋,liuyang,liuyang@example.gov.cn,秘书一处,member\n")
    client_for(cast.editor).post(URL, {"file": upload})
    assert client_for(cast.staff).post(URL, {"file": upload}).status_code == 403
    assert not User.objects.filter(username="liuyang").exists()


# Invitations (issue 12, point 8): a set-password link from allauth's reset key, in the person's language.


def invitation_link(message) -> str:
    return re.search(r"https?://[^/\s]+(/accounts/password/reset/key/\S+)", message.body).group(1)


def accept_invitation(link: str, username: str, password: str = "Qz8-invited-2026!") -> Client:  # noqa: S107
    client = Client()
    form_page = client.get(link, follow=True)
    assert 'name="password1"' in form_page.content.decode()
    client.post(form_page.redirect_chain[-1][0], {"password1": password, "password2": password})
    assert client.post("/accounts/login/", {"login": username, "password": password}).status_code == 302
    return client


def test_import_sends_each_new_person_an_invitation_and_shows_the_result_per_row(cast):
    client = client_for(cast.admin)
    body = "刘洋,liuyang,liuyang@example.gov.cn,秘书一处,member\n吴静,wujing,wujing@example.gov.cn,,editor\n"
    client.post(URL, {"file": csv_file(body)})
    done = client.post(URL, {"confirm": "1", "send_invitations": "1"})
    page = done.content.decode()
    assert done.status_code == 200
    assert page.count(str(INVITATION_SENT)) == 2 and "liuyang@example.gov.cn" in page
    assert sorted(message.to[0] for message in mail.outbox) == ["liuyang@example.gov.cn", "wujing@example.gov.cn"]
    message = next(m for m in mail.outbox if m.to == ["liuyang@example.gov.cn"])
    assert "您好：" in message.body and "您的用户名：liuyang" in message.body  # Chinese, full-width punctuation
    assert "干部职工成长平台" in message.subject
    signed_in = accept_invitation(invitation_link(message), "liuyang")
    assert signed_in.get("/me/").status_code == 200
    assert EmailAddress.objects.filter(user__username="liuyang", verified=True, primary=True).exists()


def test_an_invitation_link_works_once(cast):
    client = client_for(cast.admin)
    client.post(URL, {"file": csv_file("刘洋,liuyang,liuyang@example.gov.cn,秘书一处,member\n")})
    client.post(URL, {"confirm": "1", "send_invitations": "1"})
    link = invitation_link(mail.outbox[0])
    accept_invitation(link, "liuyang")
    again = Client().get(link, follow=True).content.decode()
    assert 'name="password1"' not in again


def test_import_without_invitations_sends_none_and_says_so(cast):
    client = client_for(cast.admin)
    client.post(URL, {"file": csv_file("刘洋,liuyang,liuyang@example.gov.cn,秘书一处,member\n")})
    page = client.post(URL, {"confirm": "1"}).content.decode()
    assert mail.outbox == []
    assert str(INVITATION_NOT_ASKED) in page


def test_a_refused_invitation_is_reported_on_its_row_and_the_account_stays(cast, settings):
    settings.EMAIL_BACKEND = "tests.portal.test_account_import.RefusingBackend"
    client = client_for(cast.admin)
    client.post(URL, {"file": csv_file("刘洋,liuyang,liuyang@example.gov.cn,秘书一处,member\n")})
    page = client.post(URL, {"confirm": "1", "send_invitations": "1"}).content.decode()
    assert str(INVITATION_NOT_SENT) in page
    assert User.objects.filter(username="liuyang").exists()


class RefusingBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise ConnectionRefusedError("no mail server")


def test_an_english_reader_gets_an_english_invitation_from_the_user_list(cast):
    person = User.objects.create(
        username="lucy", email="lucy@example.gov.cn", preferred_language="en", display_name="Lucy"
    )
    client = client_for(cast.admin)
    listing = client.get("/admin/users/").content.decode()
    assert f"/admin/users/invite/{person.pk}/" in listing
    assert client.get(f"/admin/users/invite/{person.pk}/").status_code == 200
    client.post(f"/admin/users/invite/{person.pk}/")
    (message,) = mail.outbox
    assert message.subject.endswith("Your account on the staff development portal")
    assert "Hello Lucy," in message.body and "Your username: lucy" in message.body
    accept_invitation(invitation_link(message), "lucy")


def test_only_administrators_send_invitations(cast):
    # Wagtail sends an editor back to the admin's dashboard; people without the admin get 403.
    for persona, status in ((cast.editor, 302), (cast.manager, 403), (cast.staff, 403)):
        assert client_for(persona).post(f"/admin/users/invite/{cast.staff2.pk}/").status_code == status
    assert mail.outbox == []


def test_the_single_account_form_creates_a_vouched_account_and_invites_it(cast):
    client = client_for(cast.admin)
    form = {
        "username": "zhaomin", "email": "zhaomin@example.gov.cn", "first_name": "敏", "last_name": "赵",
        "display_name": "赵敏", "preferred_language": "zh-hans", "reminders_enabled": "on", "send_invitation": "on",
        "password1": "", "password2": "",
    }  # fmt: skip
    response = client.post("/admin/users/new/", form)
    assert response.status_code == 302, response.content.decode()[:2000]
    person = User.objects.get(username="zhaomin")
    assert not person.has_usable_password()
    assert EmailAddress.objects.filter(user=person, email="zhaomin@example.gov.cn", verified=True).exists()
    (message,) = mail.outbox
    accept_invitation(invitation_link(message), "zhaomin")


def test_the_single_account_form_wants_a_password_or_an_invitation(cast):
    client = client_for(cast.admin)
    form = {"username": "zhaomin", "email": "zhaomin@example.gov.cn", "first_name": "敏", "last_name": "赵",
            "display_name": "赵敏", "preferred_language": "zh-hans", "password1": "", "password2": ""}  # fmt: skip
    response = client.post("/admin/users/new/", form)
    assert response.status_code == 200
    assert str(ERROR_PASSWORD_OR_INVITATION) in response.content.decode()
    assert not User.objects.filter(username="zhaomin").exists()
