"""Every form of the portal under random input: never a 500, and a rejected post changes nothing.

Each hypothesis example runs in a transaction rolled back at its end (``rolled_back``), so
every example starts from the database the test's fixtures built, whatever the previous
example wrote. ``check_post`` snapshots the tables the endpoint may write, posts, and
compares the snapshot again whenever the response is not a success.
"""

import csv
import hashlib
import io
import os
import uuid
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from urllib.parse import quote

import openpyxl
import pytest
import time_machine
from django.conf import settings as django_settings
from django.contrib.messages import constants, get_messages
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.db.models import Model
from django.http import HttpResponse
from django.utils import translation
from django.utils.translation import gettext as _
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assessments import services as assessment_services
from assessments.models import Answer, Cycle, Improvement, LookBack, Review, SelfAssessment
from assessments.selectors import cycle_item_rows
from learning.models import GoldenIdea, IdeaStep, StudyLog
from portal.models import Membership, Notice, User
from portal.services import (
    COLUMNS,
    ERROR_MISSING_COLUMNS,
    ERROR_NAME_TOO_LONG,
    ERROR_NULL_CHARACTER,
    ERROR_UNREADABLE,
    notice_send,
)
from tests.access_matrix import MATRIX
from tests.conftest import client_for
from tests.factories.assessments import filled_assessment, open_cycle
from tests.factories.learning import GoldenIdeaFactory, StudyLogFactory, days_ago, make_material

pytestmark = pytest.mark.django_db

FUZZ = settings(
    max_examples=int(os.environ.get("PORTAL_FUZZ_EXAMPLES", "30")),  # more for a deeper search now and then
    deadline=None,
    database=None,
    # The fixtures build the cast once per test; ``rolled_back`` gives each example that same state.
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)

# --- Strategies -------------------------------------------------------------------------------

NASTY = (
    "", " ", "\x00", "a\x00b", "0", "-1", "1.5", "1e309", "NaN", "-99999999999999999999", "99999999999999999999",
    "2026-02-30", "²", "٣", "１２", "\u202eevil", "\u200b", "\ufeff", "😀👨‍👩‍👧", "<script>alert(1)</script>",
    "' OR 1=1 --", "None", "null", "true", "[]", "{}", "%s%(x)s{0}",
)  # fmt: skip
# Any unicode but lone surrogates (no browser can send them): NUL, RTL marks, zero-width spaces, emoji.
any_text = st.text(st.characters(exclude_categories=["Cs"]), max_size=60)
with_null = any_text.map(lambda text: f"{text}\x00{text}")
huge = st.sampled_from(["x", "中", "\x00", "😀", "\u202e"]).map(lambda char: char * 100_000)
anything = st.one_of(any_text, with_null, huge, st.integers().map(str), st.floats().map(str), st.dates().map(str))
# Half the time one of the known troublemakers (one_of would flatten the two and dilute them).
scalar = st.booleans().flatmap(lambda troublemaker: st.sampled_from(NASTY) if troublemaker else anything)
value = st.one_of(scalar, st.lists(scalar, max_size=3))  # a list posts the field several times
unknown_fields = st.dictionaries(st.from_regex(r"[a-z_]{1,12}", fullmatch=True), value, max_size=2)


def field(*valid: object) -> st.SearchStrategy:
    """A field's value: one of the valid ones often enough to pass the form now and then, else junk."""
    return st.one_of(st.sampled_from([str(v) for v in valid]), value) if valid else value


def posts(fields: dict[str, st.SearchStrategy]) -> st.SearchStrategy:
    """Form data where each field may be missing, plus unknown fields."""
    known = st.fixed_dictionaries({}, optional=fields)
    return st.builds(lambda extra, known: {**extra, **known}, unknown_fields, known)


def ids(*known: int) -> st.SearchStrategy:
    """A primary key for a URL: a known one, a missing one, or one no database column can hold."""
    return st.one_of(st.sampled_from(known), st.integers(min_value=0, max_value=10**30))


# --- Checks -----------------------------------------------------------------------------------


def snapshot(*models: type[Model]) -> dict[str, tuple[int, str]]:
    """Each table's row count and a digest of all its rows' values."""
    state = {}
    for model in models:
        rows = list(model._base_manager.order_by("pk").values_list())
        state[model._meta.label] = (len(rows), hashlib.sha256(repr(rows).encode()).hexdigest())
    return state


@contextmanager
def rolled_back() -> Iterator[None]:
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


def messages_at(response: HttpResponse, level: int) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request) if m.level == level]


def redirected(response: HttpResponse) -> bool:
    return response.status_code == 302 and not messages_at(response, constants.ERROR)


def said_success(response: HttpResponse) -> bool:
    return bool(messages_at(response, constants.SUCCESS))


def json_ok(response: HttpResponse) -> bool:
    return response.status_code == 200


def check_post(
    user: User | None,
    url: str,
    data: dict,
    *,
    tables: tuple[type[Model], ...],
    accepted: Callable[[HttpResponse], bool] = redirected,
) -> HttpResponse:
    """Post as ``user`` in a rolled-back transaction: never a 500, and no change unless ``accepted``."""
    with rolled_back():
        client = client_for(user)
        before = snapshot(*tables)
        response = client.post(url, data)
        assert response.status_code < 500
        if not accepted(response):
            assert snapshot(*tables) == before, f"rejected with {response.status_code} but the database changed"
    return response


# --- Study log ----------------------------------------------------------------------------------

LOG_TABLES = (StudyLog, StudyLog.materials.through)


@pytest.fixture
def material():
    return make_material()


@pytest.fixture
def log_fields(cast, material) -> dict[str, st.SearchStrategy]:
    StudyLogFactory(user=cast.staff, date=days_ago(1))  # version 1: a stale browser meets it
    return {
        "version": field(0, 1),
        "minutes": field(0, 45, 600, 601),
        "materials": field(material.pk),
        "sources": field("《之江新语》"),
        "insight": field("核对数字要对照原始材料。"),
        "items": field("CARELESS_DETAIL", "NO_SUCH_ITEM"),
        "share_insight": field("on"),
        "highlight": field("on"),
    }


def log_days() -> st.SearchStrategy:
    backfill = django_settings.PORTAL_BACKFILL_DAYS
    known = [days_ago(n).isoformat() for n in (0, 1, backfill, backfill + 1, -1)]
    return st.one_of(st.sampled_from(known), scalar)


@FUZZ
@given(data=st.data(), day=st.one_of(st.just("today"), log_days()))
def test_study_log_form(cast, log_fields, data, day):
    check_post(cast.staff, f"/logs/{quote(day, safe='')}/", data.draw(posts(log_fields)), tables=LOG_TABLES)


@FUZZ
@given(data=st.data(), day=log_days())
def test_study_log_autosave(cast, log_fields, data, day):
    url = f"/logs/{quote(day, safe='')}/autosave/"
    check_post(cast.staff, url, data.draw(posts(log_fields)), tables=LOG_TABLES, accepted=json_ok)


@pytest.fixture
def unpublished():
    return make_material("未发布", live=False)


@FUZZ
@given(data=st.data())
def test_i_studied_this(cast, material, unpublished, data):
    page_id = data.draw(ids(material.pk, unpublished.pk))
    url = f"/logs/today/materials/{page_id}/"
    check_post(cast.staff, url, data.draw(posts({})), tables=LOG_TABLES, accepted=said_success)


# --- Golden ideas -------------------------------------------------------------------------------

IDEA_TABLES = (GoldenIdea, IdeaStep, Notice)


@FUZZ
@given(
    data=posts(
        {
            "title": field("会议通知自动提醒"),
            "category": field(*GoldenIdea.Category.values, "secret"),
            "body": field("发出后自动提醒回执。"),
            "submission_key": field(uuid.UUID(int=1)),
        }
    )
)
def test_new_idea_form(cast, data):
    check_post(cast.staff, "/ideas/new/", data, tables=IDEA_TABLES)


@pytest.fixture
def idea(cast) -> GoldenIdea:
    return GoldenIdeaFactory(author=cast.staff, status=GoldenIdea.Status.UNDER_STUDY)


@FUZZ
@given(data=st.data())
def test_idea_move_form(cast, idea, data):
    prefix = f"idea{idea.pk}-"
    fields = {
        f"{prefix}to_status": field(*GoldenIdea.Status.values),
        f"{prefix}from_status": field(*GoldenIdea.Status.values),
        f"{prefix}note": field("值得推广"),
        "next": field("/team/ideas/", "https://evil.example/", "//evil.example", "javascript:alert(1)"),
    }
    url = f"/ideas/{idea.pk}/move/"
    check_post(cast.manager, url, data.draw(posts(fields)), tables=IDEA_TABLES, accepted=said_success)


# --- Self-assessments ---------------------------------------------------------------------------

ASSESSMENT_TABLES = (SelfAssessment, Answer, Improvement, LookBack, Review, Notice)


@pytest.fixture
def cycle(cast) -> Cycle:
    earlier = open_cycle(opens_on=days_ago(70), closes_on=days_ago(60))
    with time_machine.travel(earlier.opens_on):
        filled_assessment(cast.staff, earlier, submit=True, improvements=("提前完成", "每晚学习"))
    return open_cycle()


def start(user: User, cycle: Cycle) -> SelfAssessment:
    return assessment_services.assessment_start(cycle=cycle, user=user)


@pytest.fixture
def draft(cast, cycle) -> SelfAssessment:
    return start(cast.staff, cycle)


@pytest.fixture
def step_posts(draft) -> st.SearchStrategy:
    return posts(step_fields(draft))


def step_fields(draft: SelfAssessment) -> dict[str, st.SearchStrategy]:
    fields = {"version": field(draft.version, draft.version + 1), "step": field(*range(1, 8)), "go": field(2, 99)}
    for item in cycle_item_rows(cycle=draft.cycle):
        fields[f"rating-{item.pk}"] = field(1, 5, 6)
        fields[f"note-{item.pk}"] = field("按时完成了材料核对。")
    for position in (1, 2, 3):
        fields[f"improvement-{position}"] = field("每天写一条体会")
    for improvement in Improvement.objects.exclude(assessment=draft):
        fields[f"progress-{improvement.pk}"] = field(*LookBack.Progress.values)
        fields[f"lookback-{improvement.pk}"] = field("大部分做到了")
    return fields


@FUZZ
@given(data=st.data())
def test_assessment_step_form(cast, draft, step_posts, data):
    check_post(cast.staff, f"/assessments/{draft.pk}/", data.draw(step_posts), tables=ASSESSMENT_TABLES)


@FUZZ
@given(data=st.data())
def test_assessment_autosave(cast, draft, step_posts, data):
    url = f"/assessments/{draft.pk}/autosave/"
    check_post(cast.staff, url, data.draw(step_posts), tables=ASSESSMENT_TABLES, accepted=json_ok)


@pytest.fixture
def other_departments_cycle(cast) -> Cycle:
    cycle = open_cycle(audience=Cycle.Audience.DEPARTMENTS)
    cycle.departments.set([cast.other_department])
    return cycle


@FUZZ
@given(data=st.data())
def test_assessment_start(cast, cycle, other_departments_cycle, data):
    url = f"/assessments/cycles/{data.draw(ids(cycle.pk, other_departments_cycle.pk))}/start/"
    tables = (*ASSESSMENT_TABLES, Cycle, Cycle.items.through)
    check_post(cast.staff, url, data.draw(posts({})), tables=tables)


@FUZZ
@given(data=posts({}), complete=st.booleans())
def test_assessment_submit(cast, cycle, data, complete):
    with rolled_back():
        assessment = filled_assessment(cast.staff, cycle) if complete else start(cast.staff, cycle)
        check_post(
            cast.staff, f"/assessments/{assessment.pk}/submit/", data, tables=ASSESSMENT_TABLES, accepted=said_success
        )


@pytest.fixture
def submitted(cast, cycle) -> SelfAssessment:
    return filled_assessment(cast.staff, cycle, submit=True)


@pytest.fixture
def review_posts(submitted) -> st.SearchStrategy:
    fields = {f"manager-{answer.pk}": field(1, 5, 0) for answer in submitted.answers.all()}
    return posts({**fields, "comment": field("材料核对细致，继续保持。")})


@FUZZ
@given(data=st.data())
def test_review_form(cast, submitted, review_posts, data):
    url = f"/assessments/{submitted.pk}/review/"
    check_post(cast.manager, url, data.draw(review_posts), tables=ASSESSMENT_TABLES, accepted=said_success)


@FUZZ
@given(data=posts({"reason": field("请补充第二项的例子。")}))
def test_reopen_form(cast, submitted, data):
    url = f"/assessments/{submitted.pk}/reopen/"
    check_post(cast.manager, url, data, tables=ASSESSMENT_TABLES, accepted=said_success)


# --- Portal ---------------------------------------------------------------------------------------


@FUZZ
@given(
    data=posts({"language": field("en", "zh-hans", "fr"), "next": field("/me/", "https://evil.example/")}),
    persona=st.sampled_from(["staff", "anonymous"]),
)
def test_language_switch(cast, data, persona):
    def switched(response: HttpResponse) -> bool:
        return response.wsgi_request.POST.get("language") in dict(django_settings.LANGUAGES)

    check_post(cast.get(persona), "/language/", data, tables=(User,), accepted=switched)


@pytest.fixture
def notices(cast) -> list[int]:
    notice_send(user=cast.staff, kind="idea", message="你的金点子已采纳", url="/ideas/", dedupe_key="mine")
    notice_send(user=cast.other, kind="idea", message="别人的通知", url="/ideas/", dedupe_key="theirs")
    return list(Notice.objects.values_list("pk", flat=True))


@FUZZ
@given(data=st.data())
def test_notice_read(cast, notices, data):
    pk = data.draw(ids(*notices))
    check_post(cast.staff, f"/notices/{pk}/read/", data.draw(posts({})), tables=(Notice,))


@FUZZ
@given(
    data=posts({"login": field("staff", "leaver", "admin"), "password": field(django_settings.PORTAL_DEMO_PASSWORD)})
)
def test_login_form(cast, data):
    cache.clear()  # the login rate limits count in the cache, which no rollback resets

    def signed_in(response: HttpResponse) -> bool:
        return response.wsgi_request.user.is_authenticated

    check_post(None, "/accounts/login/", data, tables=(User,), accepted=signed_in)


IMPORT_URL = "/admin/accounts/import/"
ACCOUNT_TABLES = (User, Membership, User.groups.through)


@FUZZ
@given(
    content=st.binary(max_size=2000),
    name=st.sampled_from(["people.csv", "people.xlsx", "PEOPLE.CSV", "people.txt", "名单.xlsx", ".csv", "a\x00.csv"]),
    extra=unknown_fields,
)
def test_account_import_upload_with_random_bytes(cast, content, name, extra):
    upload = SimpleUploadedFile(name, content)
    check_post(cast.admin, IMPORT_URL, {**extra, "file": upload}, tables=ACCOUNT_TABLES, accepted=lambda r: False)


GOOD_ROW = {"name": "刘洋", "username": "liuyang", "email": "liuyang@example.gov.cn", "department": "综合处",
            "role": "member"}  # fmt: skip


@st.composite
def account_files(draw) -> bytes:
    """A CSV of one to three rows, each a good row with one cell replaced by junk."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(GOOD_ROW)
    for n in range(draw(st.integers(1, 3))):
        row = {**GOOD_ROW, "username": f"liuyang{n}", "email": f"liuyang{n}@example.gov.cn"}
        row[draw(st.sampled_from(list(GOOD_ROW)))] = draw(scalar)
        writer.writerow(row.values())
    return buffer.getvalue().encode()


@FUZZ
@given(content=account_files())
def test_account_import_preview_then_confirm(cast, content):
    with rolled_back():
        client = client_for(cast.admin)
        before = snapshot(*ACCOUNT_TABLES)
        preview = client.post(IMPORT_URL, {"file": SimpleUploadedFile("people.csv", content)})
        assert preview.status_code < 500
        assert snapshot(*ACCOUNT_TABLES) == before
        confirm = client.post(IMPORT_URL, {"confirm": "1"})
        assert confirm.status_code < 500
        if not said_success(confirm):
            assert snapshot(*ACCOUNT_TABLES) == before


def test_a_good_import_is_accepted_so_the_fuzzing_above_can_pass_both_ways(cast):
    """The confirm check above is only honest if a good file does get imported."""
    content = f"{','.join(GOOD_ROW)}\n{','.join(GOOD_ROW.values())}\n".encode()
    client = client_for(cast.admin)
    client.post(IMPORT_URL, {"file": SimpleUploadedFile("people.csv", content)})
    assert said_success(client.post(IMPORT_URL, {"confirm": "1"}))
    assert User.objects.filter(username="liuyang", display_name="刘洋").exists()


# --- The inputs the fuzzing found, pinned (each was a 500 before its fix) -----------------------


def test_idea_move_with_a_bare_word_as_next_goes_to_the_idea(cast, idea):
    response = client_for(cast.manager).post(f"/ideas/{idea.pk}/move/", {"next": "a\x00b"})
    assert response["Location"] == f"/ideas/{idea.pk}/"


def test_material_ids_too_large_for_the_database_are_missing_materials(cast, material):
    client = client_for(cast.staff)
    assert client.post("/logs/today/materials/9223372036854792192/").status_code == 404
    page = client.post(
        "/logs/today/", {"version": "0", "minutes": "30", "insight": "体会", "materials": "-" + "9" * 20}
    )
    assert page.status_code == 200
    assert not StudyLog.objects.exists()


def test_a_huge_login_is_refused(cast):
    client = client_for(None)
    response = client.post("/accounts/login/", {"login": "x" * 100_000, "password": "x"})
    assert response.status_code == 200
    assert not response.wsgi_request.user.is_authenticated


@pytest.mark.parametrize(
    ("name", "error"),
    [("刘" * 101, ERROR_NAME_TOO_LONG % {"limit": 100}), ("刘\x00洋", ERROR_NULL_CHARACTER)],
)
def test_import_names_the_database_cannot_hold_are_refused_in_the_preview(cast, name, error):
    client = client_for(cast.admin)
    content = f"name,username,email,department,role\n{name},liuyang,liuyang@example.gov.cn,综合处,member\n"
    preview = client.post(IMPORT_URL, {"file": SimpleUploadedFile("people.csv", content.encode())})
    with translation.override(cast.admin.preferred_language):
        assert str(error) in preview.content.decode()
    client.post(IMPORT_URL, {"confirm": "1"})
    assert not User.objects.filter(username="liuyang").exists()


@pytest.mark.parametrize("fields", [{"step": "²"}, {"go": "²"}])
def test_a_superscript_step_number_is_no_step_number(cast, draft, fields):
    response = client_for(cast.staff).post(f"/assessments/{draft.pk}/", {"version": draft.version, **fields})
    assert response.status_code == 302
    assert response["Location"] == f"/assessments/{draft.pk}/?step=1"


def test_autosave_refuses_a_null_character_with_a_message_in_chinese(cast):
    response = client_for(cast.staff).post(
        f"/logs/{days_ago(0)}/autosave/", {"version": "0", "highlight": "\x00", "insight": "体会"}
    )
    assert response.status_code == 400
    assert response.json() == {"errors": {"highlight": ["不能含有空字符（NUL）。"]}}
    assert not StudyLog.objects.exists()


def test_the_log_form_says_the_same_about_a_null_character(cast):
    response = client_for(cast.staff).post("/logs/today/", {"version": "0", "minutes": "30", "insight": "体\x00会"})
    assert "不能含有空字符（NUL）。" in response.content.decode()
    assert not StudyLog.objects.exists()


def broken_sheet_xlsx() -> bytes:
    """A workbook that opens, with a sheet whose XML is cut off."""
    good, broken = io.BytesIO(), io.BytesIO()
    openpyxl.Workbook().save(good)
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(broken, "w") as target:
        for entry in source.infolist():
            sheet = entry.filename.endswith("sheet1.xml")
            target.writestr(entry, b"<worksheet><sheetData><row><c" if sheet else source.read(entry))
    return broken.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "error"),
    [
        ("people.csv", b"\r\x00", ERROR_MISSING_COLUMNS % {"columns": ", ".join(COLUMNS)}),
        ("people.xlsx", broken_sheet_xlsx(), ERROR_UNREADABLE),
    ],
)
def test_broken_import_files_are_reported(cast, name, content, error):
    response = client_for(cast.admin).post(IMPORT_URL, {"file": SimpleUploadedFile(name, content)})
    with translation.override(cast.admin.preferred_language):
        assert str(error) in response.content.decode()


def test_csv_with_old_mac_line_ends_is_read(cast):
    content = f"{','.join(GOOD_ROW)}\r{','.join(GOOD_ROW.values())}\r".encode()
    response = client_for(cast.admin).post(IMPORT_URL, {"file": SimpleUploadedFile("people.csv", content)})
    assert 'name="confirm"' in response.content.decode()


# --- GET parameters of every view (issue 13, finding 8) -----------------------------------------
# Each route of the access matrix, as the most privileged persona it answers 200 to, with random query
# parameters added to its sample URL: never a 500, and control characters anywhere answer 400.

GET_PERSONAS = ("admin", "manager", "leader", "editor", "staff")
CONTROL = "".join(chr(code) for code in (*range(0x20), 0x7F))
param_name = st.one_of(
    st.sampled_from(["q", "page", "cycle", "department", "year", "format", "tag", "item", "search", "term", "p",
                     "ordering", "next", "step", "date", "locale"]),
    any_text.filter(bool),
)  # fmt: skip
query = st.lists(st.tuples(param_name, scalar), min_size=1, max_size=4)


def get_routes() -> list[str]:
    return [route for route, rule in MATRIX.items() if any(rule.outcomes[p] == "ok" for p in GET_PERSONAS)]


def with_query(url: str, pairs: list[tuple[str, str]]) -> str:
    extra = "&".join(f"{quote(name, safe='')}={quote(value, safe='')}" for name, value in pairs)
    return f"{url}{'&' if '?' in url else '?'}{extra}"


@pytest.mark.parametrize("route", get_routes())
def test_get_parameters_of_every_view(cast, route):
    rule = MATRIX[route]
    persona = next(p for p in GET_PERSONAS if rule.outcomes[p] == "ok")
    client = client_for(cast.get(persona))
    url = rule.url(cast)

    @settings(FUZZ, max_examples=max(5, FUZZ.max_examples // 3))
    @given(pairs=query)
    def run(pairs):
        with rolled_back():
            response = client.get(with_query(url, pairs))
        assert response.status_code < 500, with_query(url, pairs)
        if any(set(name + value) & set(CONTROL) for name, value in pairs):
            assert response.status_code == 400, with_query(url, pairs)

    run()


@pytest.mark.parametrize(
    "url",
    [
        "/search/?q=%00",
        "/search/?q=a%01b",
        "/search/?q%00=1",
        "/team/?department=%1f",
        "/admin/tag-autocomplete/?term=%00",
        "/admin/api/main/pages/?search=%00",
        "/admin/pages/search/?q=%7f",
        "/admin/users/?q=%00",
        "/me/?x=%0a",
    ],
)
def test_control_characters_in_a_query_answer_400_with_a_page_in_the_readers_language(cast, url):
    persona = cast.admin if url.startswith("/admin/") else cast.manager
    response = client_for(persona).get(url)
    assert response.status_code == 400
    with translation.override("zh-hans"):
        assert str(_("The address cannot be read")) in response.content.decode()


def test_the_400_page_follows_the_language_of_an_english_reader(cast):
    cast.staff.preferred_language = "en"
    cast.staff.save()
    response = client_for(cast.staff).get("/search/?q=%00")
    assert response.status_code == 400 and "The address cannot be read" in response.content.decode()


@pytest.mark.parametrize("url", ["/search/?q=%09tab", "/team/?department=%C2%B2", "/team/?cycle=%C2%B2",
                                 "/team/export/?format=csv&cycle=%C2%B2", "/org/?cycle=%C2%B2"])  # fmt: skip
def test_the_findings_urls_answer_without_a_500(cast, url):
    persona = cast.leader if url.startswith("/org/") else cast.manager
    status = client_for(persona).get(url).status_code
    assert status == 400 if "%09" in url else status in (200, 404)  # an unreadable department is not one's own
