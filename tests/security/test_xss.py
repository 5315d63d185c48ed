"""Every XSS payload through every free-text field, and every page, export and admin screen that shows it.

The payloads are planted in batches (a test run per batch); each page is fetched once per batch
as the persona that may see it, then read back with an HTML parser: no element or attribute that
could run script may come from the payloads, no payload may appear unescaped, and the page must
really show the planted text (escaped), so the test cannot pass by showing nothing.
"""

import csv
import html
import io
import json
import re
from html.parser import HTMLParser

import openpyxl
import pytest
from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter

from assessments.selectors import assessment_steps, cycle_item_rows
from portal.middleware import CONTROL_CHARACTERS
from tests.conftest import client_for
from tests.factories.learning import make_material
from tests.security.xss_payloads import XSS_PAYLOADS
from tests.security.xss_world import World, plant

pytestmark = pytest.mark.django_db
BATCHES = 3
MARKERS = ("alert(", "alert`", "__xss")
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "poster", "background", "xlink:href", "srcset"}
# A quoted plain name without quotes, backslashes or control characters, then the percent-encoded full name.
ATTACHMENT = re.compile(r'attachment; filename="[ !#-\[\]-~]*"; filename\*=UTF-8\'\'[!-~]+')
JSON_SCRIPT = re.compile(r'<script[^>]* type="application/json"[^>]*>.*?</script>', re.DOTALL)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def batch(number: int) -> tuple[str, ...]:
    return XSS_PAYLOADS[number::BATCHES]


def runs(tag: str, name: str, value: str) -> bool:
    """Whether a browser would run script from this attribute."""
    compact = "".join(value.split()).lower()
    return (
        name.startswith("on")
        or name == "srcdoc"
        or (name in URL_ATTRIBUTES and compact.startswith(("javascript:", "vbscript:", "data:text", "data:,")))
        or (name == "style" and "expression(" in compact)
        or (tag == "meta" and "url=javascript:" in compact)
    )


def figure_texts(node: object, key: str = "") -> list[str]:
    """Strings of a plotly figure that plotly would read as label markup; the portal's own templates aside."""
    if isinstance(node, dict):
        return [text for name, value in node.items() for text in figure_texts(value, name)]
    if isinstance(node, list):
        return [text for value in node for text in figure_texts(value, key)]
    # "<br>" is the portal's own line break in wrapped labels; typed text reaches plotly escaped ("&lt;br&gt;").
    return [node] if isinstance(node, str) and "<" in node.replace("<br>", "") and not key.endswith("template") else []


class ScriptFinder(HTMLParser):
    """Collects every place in a page where a browser would run script that came from user text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.script: dict[str, str] | None = None

    def handle_starttag(self, tag, attrs):
        attributes = {name: value or "" for name, value in attrs}
        self.found += [f"<{tag} {name}={value!r}>" for name, value in attributes.items() if runs(tag, name, value)]
        self.script = attributes if tag == "script" else None

    def handle_endtag(self, tag):
        self.script = None

    def handle_data(self, data):
        if self.script is None or "src" in self.script:
            return
        if self.script.get("type") == "application/json":
            if "<" in data:
                self.found.append(f"unescaped < in a JSON script: {data[:200]!r}")
            elif self.script.get("id", "").startswith("figure-"):
                self.found += [f"plotly label markup: {text[:200]!r}" for text in figure_texts(json.loads(data))]
        elif any(marker in data for marker in MARKERS):
            self.found.append(f"inline script with a payload: {data[:200]!r}")


def scripts_from_user_text(page: str) -> list[str]:
    finder = ScriptFinder()
    finder.feed(page)
    finder.close()
    return finder.found


def escaped_forms(payload: str) -> tuple[str, ...]:
    """How a payload may rightly appear: HTML-escaped, or inside ``json_script`` (also escaped for plotly)."""
    in_json = json.dumps(payload, ensure_ascii=False)[1:-1]
    for_plotly = json.dumps(html.escape(payload, quote=False), ensure_ascii=False)[1:-1]
    script_safe = str.maketrans({"<": "\\u003C", ">": "\\u003E", "&": "\\u0026"})
    return (html.escape(payload), in_json.translate(script_safe), for_plotly.translate(script_safe))


def assert_no_live_payload(page: str, payloads: tuple[str, ...], where: str) -> None:
    assert scripts_from_user_text(page) == [], where
    outside_json = JSON_SCRIPT.sub("", page)  # checked above: JSON in a script element has no "<" at all
    raw = [p for p in payloads if "<" in p and p in outside_json]  # a quote breaking out is caught as an attribute
    assert raw == [], f"{where} shows payloads unescaped"


def assert_inert(page: str, payloads: tuple[str, ...], where: str) -> None:
    assert_no_live_payload(page, payloads, where)
    shown = [p for p in payloads if any(form[:40] in page for form in escaped_forms(p))]
    assert shown, f"{where} shows none of the planted text: the test would prove nothing"


@pytest.fixture(params=range(BATCHES), ids=lambda n: f"batch{n}")
def world(request, cast, cycles) -> World:
    language = "en" if request.param % 2 else "zh-hans"
    return plant(batch(request.param), cast=cast, cycles=cycles, language=language)


def steps_of(assessment) -> list:
    return assessment_steps(items=cycle_item_rows(cycle=assessment.cycle))


def pages_for(world: World, cast, cycles) -> dict[str, list[str]]:
    staff_pages = [
        "/", "/me/", f"/me/summary/{world.read_only_day.year}/", "/me/viewed-by/", "/logs/", "/logs/today/",
        f"/logs/{world.editable_day}/", f"/logs/{world.read_only_day}/", "/logs/how-it-works/", "/ideas/",
        f"/ideas/{world.idea.pk}/", "/assessments/", f"/assessments/{world.submitted.pk}/",
        *[f"/assessments/{world.reopened.pk}/?step={step.number}" for step in steps_of(world.reopened)],
        world.material.url, world.material.get_parent().url, "/me/export/",
    ]  # fmt: skip
    return {
        "staff": staff_pages,
        "manager": [
            "/team/",
            f"/team/?cycle={cycles[1].pk}",
            f"/team/members/{world.staff.pk}/",
            "/team/ideas/",
            f"/ideas/{world.idea.pk}/",
            f"/assessments/{world.submitted.pk}/review/",
        ],
        "leader": ["/org/", f"/org/?cycle={cycles[1].pk}", "/team/ideas/", f"/ideas/{world.idea.pk}/"],
        "editor": ["/admin/", "/admin/reports/study-materials/", f"/admin/pages/{world.material.pk}/edit/"],
        "admin": [
            "/admin/users/",
            f"/admin/users/edit/{world.staff.pk}/",
            "/admin/snippets/assessments/framework/",
            f"/admin/snippets/assessments/framework/edit/{cycles[1].frameworks.first().pk}/",
            "/admin/snippets/assessments/cycle/",
            "/admin/snippets/portal/department/",
            "/admin/snippets/learning/workdayoverride/",
            f"/admin/accounts/{world.staff.pk}/anonymise/",
            f"/admin/pages/{world.material.get_parent().pk}/",
            f"/admin/settings/cms/portalsettings/{world.material.get_site().pk}/",
            "/django-admin/taggit/tag/",
            "/admin/reports/record-views/",
        ],
    }


def test_no_page_runs_a_payload(world, cast, cycles):
    for persona, urls in pages_for(world, cast, cycles).items():
        client = client_for(getattr(cast, persona))
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, f"{persona} {url}: {response.status_code}"
            assert_inert(response.content.decode(), world.payloads, f"{persona} {url}")


def has_control_character(text: str) -> bool:
    return bool(CONTROL_CHARACTERS.search(text))


def test_search_echoes_every_query_as_text(cast):
    client = client_for(cast.staff)
    for payload in XSS_PAYLOADS:
        response = client.get("/search/", {"q": payload})
        if has_control_character(payload):  # refused before any view reads it (QueryParameterHygieneMiddleware)
            assert response.status_code == 400
            assert_no_live_payload(response.content.decode(), (payload,), f"search for {payload[:40]!r}")
            continue
        assert_inert(response.content.decode(), (payload,), f"search for {payload[:40]!r}")


def test_payloads_in_addresses_come_back_as_text_or_not_at_all(cast, cycles):
    """Query strings and paths reach the language switch's "next" field, filters, pagination and 404 pages."""
    staff, manager = client_for(cast.staff), client_for(cast.manager)
    requests = [
        lambda p: staff.get("/", {"next": p}),
        lambda p: staff.get("/me/viewed-by/", {"page": p}),
        lambda p: staff.get("/search/", {"q": "细节", "page": p}),
        lambda p: staff.get(f"/logs/{p}/"),
        lambda p: manager.get("/team/", {"cycle": p, "department": p}),
        lambda p: manager.get("/team/ideas/", {"status": p, "department": p}),
    ]
    for n, payload in enumerate(XSS_PAYLOADS):
        response = requests[n % len(requests)](payload)
        in_query = n % len(requests) != 3  # all but the /logs/<date>/ path put the payload in the query
        expected = (400,) if in_query and has_control_character(payload) else (200, 404)
        assert response.status_code in expected, payload
        assert_no_live_payload(response.content.decode(), (payload,), f"address with {payload[:40]!r}")


def test_an_editors_rich_text_keeps_payloads_as_text_and_drops_script_links(cast):
    """Rich text is stored as HTML, so the editor's converter is where typed markup and script links must end."""
    text = " ".join(XSS_PAYLOADS)
    link = {"type": "LINK", "mutability": "MUTABLE", "data": {"url": "javascript:alert(1)"}}
    block = {"key": "a", "text": text, "type": "unstyled", "depth": 0, "inlineStyleRanges": [],
             "entityRanges": [{"offset": 0, "length": 10, "key": 0}]}  # fmt: skip
    converter = ContentstateConverter(features=["h3", "bold", "italic", "ol", "ul", "link", "document-link"])
    stored = converter.to_database_format(json.dumps({"blocks": [block], "entityMap": {"0": link}}))
    material = make_material(body=stored)
    page = client_for(cast.staff).get(material.url).content.decode()
    assert_inert(page, XSS_PAYLOADS, "rich text from the editor")


def cells_of_workbook(content: bytes) -> list[object]:
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    cells = [cell for sheet in workbook for row in sheet.iter_rows() for cell in row]
    formulas = [cell.coordinate for cell in cells if cell.data_type == "f"]
    assert formulas == [], f"cells that a spreadsheet would run: {formulas}"
    return [cell.value for cell in cells]


def assert_text_is_data(cells: list[object], payloads: tuple[str, ...], where: str) -> None:
    texts = [cell for cell in cells if isinstance(cell, str)]
    assert not [text for text in texts if text.startswith(FORMULA_STARTS)], f"{where}: formula starts kept"
    assert any(payload[:40] in text for text in texts for payload in payloads), f"{where}: planted text missing"


def test_exports_keep_payloads_as_inert_data(world, cast, cycles):
    mine = client_for(cast.staff)
    assert_text_is_data(cells_of_workbook(mine.get("/me/export/?format=xlsx").content), world.payloads, "my XLSX")
    response = mine.get("/me/export/?format=json")
    assert response["Content-Type"].startswith("application/json") and response["X-Content-Type-Options"] == "nosniff"
    insights = {log["insight"] for log in json.loads(response.content)["study_logs"]}
    assert "\n".join(world.payloads) in insights
    team = client_for(cast.manager)
    for cycle in cycles[:2]:
        response = team.get(f"/team/export/?format=csv&cycle={cycle.pk}")
        assert response.status_code == 200 and ATTACHMENT.fullmatch(response["Content-Disposition"])
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
        assert_text_is_data([cell for row in rows for cell in row], world.payloads, "team CSV")
        response = team.get(f"/team/export/?format=xlsx&cycle={cycle.pk}")
        assert response.status_code == 200 and ATTACHMENT.fullmatch(response["Content-Disposition"])
        assert_text_is_data(cells_of_workbook(response.content), world.payloads, "team XLSX")
    cast.manager.display_name = "@SUM(1+1)*cmd|' /C calc'!A0\x0b<script>alert(1)</script>"
    cast.manager.save()
    audit = client_for(cast.admin)
    response = audit.get("/admin/reports/record-views/?export=csv")
    rows = list(csv.reader(io.StringIO(response.getvalue().decode("utf-8-sig"))))
    assert_text_is_data([cell for row in rows for cell in row], world.payloads, "audit CSV")
    response = audit.get("/admin/reports/record-views/?export=xlsx")
    assert_text_is_data(cells_of_workbook(response.getvalue()), world.payloads, "audit XLSX")


def accounts_file(rows) -> io.BytesIO:
    buffer = io.StringIO()
    csv.writer(buffer).writerows([("name", "username", "email", "department", "role"), *rows])
    upload = io.BytesIO(buffer.getvalue().encode())
    upload.name = "accounts.csv"
    return upload


def test_account_import_shows_payloads_as_text_in_its_errors_preview_and_the_users_list(cast):
    admin = client_for(cast.admin)
    wrong = [(payload, payload, payload, payload, payload) for payload in XSS_PAYLOADS]
    page = admin.post("/admin/accounts/import/", {"file": accounts_file(wrong)}).content.decode()
    assert_inert(page, XSS_PAYLOADS, "import preview with errors")
    right = [
        (p[:100], f"user{n}", f"u{n}@example.gov.cn", cast.department.name_zh, "member")
        for n, p in enumerate(XSS_PAYLOADS)
    ]
    page = admin.post("/admin/accounts/import/", {"file": accounts_file(right)}).content.decode()
    assert_inert(page, XSS_PAYLOADS, "import preview")
    response = admin.post("/admin/accounts/import/", {"confirm": "1"})
    assert response.status_code == 200
    assert_inert(response.content.decode(), XSS_PAYLOADS, "the import's per-row result")
    assert_inert(admin.get("/admin/users/").content.decode(), XSS_PAYLOADS, "users after the import")
