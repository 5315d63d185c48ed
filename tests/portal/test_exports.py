import csv
import datetime
import io
import json
from urllib.parse import unquote

import openpyxl
import pytest
import time_machine

from assessments import services
from portal.exports import csv_response, json_response, neutralise, xlsx_response
from tests.conftest import client_for
from tests.factories import member_of
from tests.factories.assessments import CycleFactory, filled_assessment

PAYLOADS = ['=HYPERLINK("http://evil")', "+1+1", "-2+3", "@SUM(A1)", "\tcmd", "\r=1"]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_formula_starts_are_neutralised(payload):
    assert neutralise(payload) == "'" + payload


def test_ordinary_values_pass_unchanged():
    assert neutralise("今天学习了准快明") == "今天学习了准快明"
    assert neutralise(42) == 42
    assert neutralise(["a", "b"]) == "a; b"


def test_xlsx_has_a_sheet_per_record_type_and_formula_payloads_arrive_as_text():
    response = xlsx_response(
        {"日志": [{"date": datetime.date(2026, 11, 24), "insight": "=1+1"}], "金点子": [{"title": "减少会议"}]},
        "我的数据.xlsx",
    )
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["日志", "金点子"]
    rows = list(workbook["日志"].iter_rows(values_only=True))
    assert rows[0] == ("date", "insight")
    assert rows[1][1] == "'=1+1"
    assert "filename*=UTF-8''%E6%88%91" in response["Content-Disposition"]
    assert response["Content-Disposition"].startswith("attachment;")


def test_csv_opens_in_excel_and_neutralises():
    response = csv_response([{"name": "王芳", "note": "@SUM(A1)"}], "team.csv")
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows == [["name", "note"], ["王芳", "'@SUM(A1)"]]


def test_json_keeps_chinese_readable():
    response = json_response({"日志": [{"insight": "有新体会"}]}, "me.json")
    assert json.loads(response.content) == {"日志": [{"insight": "有新体会"}]}
    assert "有新体会" in response.content.decode()


def test_a_list_whose_first_entry_is_a_formula_is_neutralised():
    assert neutralise(["=1+1", "b"]) == "'=1+1; b"


def test_xlsx_drops_control_characters_and_neutralises_headers_and_what_they_hid():
    rows = [{"=SUM(A1)": "王\x0b芳", "note": "\x0c=1+1"}]
    response = xlsx_response({"处室/科室[一]": rows}, "team.xlsx")
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["处室_科室_一_"]
    assert list(workbook.active.iter_rows(values_only=True)) == [("'=SUM(A1)", "note"), ("王芳", "'=1+1")]


def test_csv_neutralises_headers():
    text = csv_response([{"@item": "3"}], "team.csv").content.decode("utf-8-sig")
    assert list(csv.reader(io.StringIO(text))) == [["'@item"], ["3"]]


def test_the_plain_file_name_has_no_quote_or_control_character():
    response = csv_response([], 'a"b\\c\x0cd王.csv')
    assert response["Content-Disposition"].startswith("attachment; filename=\"abcd.csv\"; filename*=UTF-8''a%22b")


# --- The team export and the personal export, as the requester reads them --------------------------

OPENS = datetime.date(2026, 11, 16)


def _file_name(response) -> str:
    return unquote(response["Content-Disposition"].split("filename*=UTF-8''", 1)[1])


@pytest.fixture
def team_cycle(cast):
    """秘书一处 in 2026年第6期: submitted (reviewed), draft, returned, not started; a leaver left out."""
    with time_machine.travel(
        datetime.datetime(2026, 11, 20, 1, 30, tzinfo=datetime.UTC), tick=False
    ):  # 09:30 in Beijing
        cycle = CycleFactory(name_zh="2026年第6期（11-12月）", name_en="2026 cycle 6 (Nov-Dec)", opens_on=OPENS,
                             closes_on=datetime.date(2026, 12, 15))  # fmt: skip
        services.cycle_open(cycle=cycle)
        filled_assessment(cast.staff, cycle, rating=lambda item: 4 if item.order % 2 else 3, submit=True)
        filled_assessment(cast.staff2, cycle)
        returned = filled_assessment(member_of(cast.department, display_name="钱七"), cycle, submit=True)
        services.assessment_reopen(assessment=returned, by=cast.manager, reason="补充")
        member_of(cast.department, display_name="孙八")
    return cycle


@pytest.mark.django_db
def test_the_team_export_lists_every_member_with_a_status_in_the_requesters_language(cast, team_cycle):
    cast.manager.preferred_language = "zh-hans"
    cast.manager.save()
    with time_machine.travel(datetime.datetime(2026, 11, 21, 2, 0, tzinfo=datetime.UTC), tick=False):
        client = client_for(cast.manager)
        xlsx = client.get(f"/team/export/?format=xlsx&cycle={team_cycle.pk}")
        csv_response_ = client.get(f"/team/export/?format=csv&cycle={team_cycle.pk}")
    assert _file_name(xlsx) == "秘书一处-2026年第6期自评结果.xlsx"
    assert 'filename="team-results-' in xlsx["Content-Disposition"]
    workbook = openpyxl.load_workbook(io.BytesIO(xlsx.content))
    assert workbook.sheetnames == ["2026年第6期"]
    rows = list(workbook.active.iter_rows(values_only=True))
    headers = rows[0]
    assert headers[:4] == ("人员", "状态", "提交时间", "已点评")
    assert "七个不太在意（自评均分）" in headers and "对细节不太在意（自评）" in headers
    assert not any("self" in str(h) or "·" in str(h) for h in headers)
    by_name = {row[0]: row for row in rows[1:]}
    assert {name: row[1] for name, row in by_name.items()} == {
        "王芳": "已提交", "赵磊": "草稿", "钱七": "退回修改", "孙八": "未开始",
    }  # fmt: skip
    assert "离职者" not in by_name
    staff = by_name["王芳"]
    assert staff[2] == datetime.datetime(2026, 11, 20, 9, 30)  # Beijing time
    mean_column = headers.index("七个不太在意（自评均分）")
    cell = list(workbook.active.iter_rows(min_row=2))[list(by_name).index("王芳")][mean_column]
    assert cell.number_format == "0.0" and isinstance(cell.value, float)
    assert by_name["赵磊"][mean_column] is None  # a draft shows its state, never its answers
    text = csv_response_.content.decode("utf-8-sig")
    table = list(csv.reader(io.StringIO(text)))
    assert table[0][:2] == ["人员", "状态"]
    csv_staff = next(row for row in table if row[0] == "王芳")
    assert csv_staff[2] == "2026-11-20 09:30"
    assert all(len(value.split(".")[1]) == 1 for value in csv_staff[4:10] if "." in value)


@pytest.mark.django_db
def test_the_team_export_reads_english_for_an_english_reader(cast, team_cycle):
    cast.manager.preferred_language = "en"
    cast.manager.save()
    client = client_for(cast.manager)
    response = client.get(f"/team/export/?format=xlsx&cycle={team_cycle.pk}", HTTP_ACCEPT_LANGUAGE="en")
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    headers = next(workbook.active.iter_rows(values_only=True))
    assert headers[:4] == ("Person", "Status", "Submitted at", "Reviewed")
    assert "Careless of details (self)" in headers
    assert _file_name(response) == "First Secretariat Division-2026 cycle 6 self-assessment results.xlsx"


@pytest.mark.django_db
def test_the_personal_export_is_in_the_persons_language_and_local_time(cast, team_cycle):
    cast.staff.preferred_language = "zh-hans"
    cast.staff.save()
    response = client_for(cast.staff).get("/me/export/?format=xlsx")
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    assert {"个人资料", "处室", "学习日志", "金点子", "自我评估", "各条目作答"} <= set(workbook.sheetnames)
    assert not any(name.isascii() for name in workbook.sheetnames)
    sheet = workbook["自我评估"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("评估期", "处室", "状态")
    assert rows[1][2] == "已提交" and rows[1][0] == "2026年第6期（11-12月）"
    assert rows[1][4] == datetime.datetime(2026, 11, 20, 9, 30)  # submitted 01:30 UTC, shown in Beijing time
    cells = [c for ws in workbook for row in ws.iter_rows(values_only=True) for c in row if isinstance(c, str)]
    assert "submitted" not in cells and "CARELESS_DETAIL" not in cells
    data = client_for(cast.staff).get("/me/export/?format=json").json()
    assert data["Self-assessments"][0]["status"] == "已提交"  # stable keys for programs, readable values
    assert data["Self-assessments"][0]["submitted_at"].endswith("+08:00")
