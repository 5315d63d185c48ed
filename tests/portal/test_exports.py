import csv
import datetime
import io
import json

import openpyxl
import pytest

from portal.exports import csv_response, json_response, neutralise, xlsx_response

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
