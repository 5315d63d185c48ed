"""File downloads: XLSX, CSV and JSON built from ``{sheet name: [row dict, ...]}``.

Spreadsheet programs run a cell that starts with = + - @ (or a tab or carriage return)
as a formula, so every such text cell is written with a leading apostrophe. Times are
written in local time (Asia/Shanghai), without a zone; numbers that are not whole (means)
show one decimal, 4.0 beside 3.3, never 4 beside 3.29.
"""

import csv
import datetime
import io
import json
import re
from collections.abc import Mapping, Sequence
from urllib.parse import quote

import openpyxl
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.utils import timezone
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.workbook.child import INVALID_TITLE_REGEX

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DECIMAL_FORMAT = "0.0"
DATETIME_FORMAT = "%Y-%m-%d %H:%M"
XLSX_DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
Sheets = Mapping[str, Sequence[Mapping[str, object]]]


def neutralise(value: object) -> object:
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    if isinstance(value, datetime.datetime) and value.tzinfo is not None:
        return timezone.localtime(value).replace(tzinfo=None)  # spreadsheets have no time zones: local time
    if isinstance(value, list | tuple | set):
        return neutralise("; ".join(str(item) for item in value))
    return value


def spreadsheet_value(value: object) -> object:
    # XLSX cannot hold most control characters (a vertical tab pasted from Word, say): drop them, then check
    # again for a formula start that they hid.
    value = neutralise(value)
    return neutralise(ILLEGAL_CHARACTERS_RE.sub("", value)) if isinstance(value, str) else value


def _sheet_title(title: str) -> str:
    return INVALID_TITLE_REGEX.sub("_", ILLEGAL_CHARACTERS_RE.sub("", title))[:31] or "Sheet"


def _csv_value(value: object) -> object:
    value = neutralise(value)
    if isinstance(value, float):
        return f"{value:.1f}"
    if isinstance(value, datetime.datetime):
        return value.strftime(DATETIME_FORMAT)
    return value


def _attachment(response: HttpResponse, filename: str, ascii_name: str | None = None) -> HttpResponse:
    # The plain-ASCII fallback name is a quoted string: no quotes, backslashes or control characters in it.
    ascii_name = re.sub(r'[^\x20-\x7e]|["\\]', "", ascii_name or filename) or "export"
    response["Content-Disposition"] = f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _xlsx_cell(sheet, value: object) -> object:
    if isinstance(value, float | datetime.datetime):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = DECIMAL_FORMAT if isinstance(value, float) else XLSX_DATETIME_FORMAT
        return cell
    return value


def xlsx_bytes(sheets: Sheets) -> bytes:
    workbook = openpyxl.Workbook(write_only=True)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title=_sheet_title(title))
        headers = list(rows[0].keys()) if rows else []
        sheet.append([spreadsheet_value(header) for header in headers])
        for row in rows:
            sheet.append([_xlsx_cell(sheet, spreadsheet_value(row.get(header))) for header in headers])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_response(sheets: Sheets, filename: str, ascii_name: str | None = None) -> HttpResponse:
    return _attachment(HttpResponse(xlsx_bytes(sheets), content_type=XLSX_TYPE), filename, ascii_name)


def csv_response(rows: Sequence[Mapping[str, object]], filename: str, ascii_name: str | None = None) -> HttpResponse:
    buffer = io.StringIO()
    buffer.write("\ufeff")  # Excel opens UTF-8 Chinese text correctly only with a byte-order mark
    if rows:
        writer = csv.DictWriter(buffer, fieldnames=list(rows[0].keys()))
        writer.writerow({key: neutralise(key) for key in writer.fieldnames})
        writer.writerows({key: _csv_value(value) for key, value in row.items()} for row in rows)
    return _attachment(HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8"), filename, ascii_name)


def json_response(sheets: Sheets, filename: str) -> HttpResponse:
    body = json.dumps(sheets, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
    return _attachment(HttpResponse(body, content_type="application/json; charset=utf-8"), filename)


def readable_file_name(text: str) -> str:
    """A file name people can read (Chinese kept), without the characters file systems refuse."""
    return re.sub(r'[\x00-\x1f\x7f/\\:*?"<>|]+', "-", text).strip(" .-") or "export"
