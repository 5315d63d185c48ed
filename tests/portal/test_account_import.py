import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

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
    assert response.status_code == 302
    liuyang = User.objects.get(username="liuyang")
    assert liuyang.display_name == "刘洋" and not liuyang.has_usable_password()
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
