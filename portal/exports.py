"""File downloads: XLSX, CSV and JSON built from ``{sheet name: [row dict, ...]}``.

Spreadsheet programs run a cell that starts with = + - @ (or a tab or carriage return)
as a formula, so every such text cell is written with a leading apostrophe.
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
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.workbook.child import INVALID_TITLE_REGEX

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
Sheets = Mapping[str, Sequence[Mapping[str, object]]]


def neutralise(value: object) -> object:
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    if isinstance(value, datetime.datetime) and value.tzinfo is not None:
        return value.replace(tzinfo=None)  # spreadsheets have no time zones; values are already local
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


def _attachment(response: HttpResponse, filename: str) -> HttpResponse:
    # The plain-ASCII fallback name is a quoted string: no quotes, backslashes or control characters in it.
    ascii_name = re.sub(r'[^\x20-\x7e]|["\\]', "", filename) or "export"
    response["Content-Disposition"] = f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def xlsx_bytes(sheets: Sheets) -> bytes:
    workbook = openpyxl.Workbook(write_only=True)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title=_sheet_title(title))
        headers = list(rows[0].keys()) if rows else []
        sheet.append([spreadsheet_value(header) for header in headers])
        for row in rows:
            sheet.append([spreadsheet_value(row.get(header)) for header in headers])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_response(sheets: Sheets, filename: str) -> HttpResponse:
    return _attachment(HttpResponse(xlsx_bytes(sheets), content_type=XLSX_TYPE), filename)


def csv_response(rows: Sequence[Mapping[str, object]], filename: str) -> HttpResponse:
    buffer = io.StringIO()
    buffer.write("\ufeff")  # Excel opens UTF-8 Chinese text correctly only with a byte-order mark
    if rows:
        writer = csv.DictWriter(buffer, fieldnames=list(rows[0].keys()))
        writer.writerow({key: neutralise(key) for key in writer.fieldnames})
        writer.writerows({key: neutralise(value) for key, value in row.items()} for row in rows)
    return _attachment(HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8"), filename)


def json_response(sheets: Sheets, filename: str) -> HttpResponse:
    body = json.dumps(sheets, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
    return _attachment(HttpResponse(body, content_type="application/json; charset=utf-8"), filename)
