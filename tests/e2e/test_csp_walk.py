"""The CSP walk: every page of the portal and the admins, as the least privileged persona let in, in zh-hans.

Each page must load without a console error (the browser reports a CSP violation there as "Refused to ..."),
a ``securitypolicyviolation`` event, an uncaught exception or a request to another host; portal pages must also
carry the strict script policy. Every problem of every page is reported together at the end.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.files.base import ContentFile
from django.urls import resolve
from django.utils import timezone
from playwright.sync_api import Page
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from wagtail.models import PageViewRestriction

from assessments.models import SelfAssessment
from assessments.services import review_save
from cms.models import PortalDocument
from learning.models import GoldenIdea, StudyLog, StudyMaterialPage
from learning.services import idea_advance
from tests.access_matrix import MATRIX, rule_for
from tests.conftest import Cast
from tests.dashboards.conftest import history
from tests.e2e.conftest import DESKTOP, PHONE, draw_charts, login
from tests.factories import member_of
from tests.factories.assessments import filled_assessment, open_cycle
from tests.factories.learning import GoldenIdeaFactory, days_ago, make_material

# The browser tests only: the coverage check needs no database.
in_a_browser = pytest.mark.django_db(transaction=True, serialized_rollback=True)

# Least privileged first: each page is visited as the first of these the access matrix lets in.
PERSONAS = ("anonymous", "staff", "manager", "leader", "editor", "admin")
WAGTAIL_PAGES = "^((?:[\\w\\-]+/)*)$"
CHART_ROUTES = {"me/", "team/members/<int:pk>/"}  # /team/, /org/, the year summary: HTML and SVG, no plotly


@dataclass
class Office:
    cast: Cast
    material: StudyMaterialPage
    idea: GoldenIdea
    submitted: SelfAssessment
    draft: SelfAssessment
    document: PortalDocument
    page_password: PageViewRestriction


@dataclass(frozen=True)
class Stop:
    """A URL of the walk, filed under its access-matrix route; ``download``s are fetched, not rendered."""

    route: str
    path: str | Callable[[Office], str]
    persona: str | None = None
    download: bool = False
    phone: bool = False
    reauthenticate: bool = False

    def url(self, office: Office) -> str:
        return self.path(office) if callable(self.path) else self.path

    def visitor(self) -> str:
        if self.persona:
            return self.persona
        outcomes = MATRIX[self.route].outcomes
        return next(persona for persona in PERSONAS if outcomes[persona] == "ok")


WALK = (
    # Signed out: allauth's public pages and Wagtail's login for private pages.
    Stop("accounts/login/", "/accounts/login/"),
    Stop("accounts/signup/", "/accounts/signup/"),
    Stop("accounts/password/reset/", "/accounts/password/reset/"),
    Stop("healthz/", "/healthz/", download=True),
    # Staff: the site, their own records, their account.
    Stop(WAGTAIL_PAGES, "/"),
    Stop(WAGTAIL_PAGES, lambda office: office.material.get_parent().url),
    Stop(WAGTAIL_PAGES, lambda office: office.material.url),
    Stop("search/", "/search/?q=三思"),
    Stop("me/", "/me/", phone=True),
    Stop("me/export/", "/me/export/"),
    Stop("me/export/", "/me/export/?format=json", download=True),
    Stop("me/export/", "/me/export/?format=xlsx", download=True),
    Stop("me/summary/<int:year>/", lambda office: f"/me/summary/{timezone.localdate().year}/"),
    Stop("me/viewed-by/", "/me/viewed-by/"),
    Stop("me/settings/", "/me/settings/", phone=True),
    Stop("notices/", "/notices/", phone=True),
    Stop("logs/", "/logs/", phone=True),
    Stop("logs/materials/", "/logs/materials/?q=三思", download=True),
    Stop("logs/today/", "/logs/today/"),
    Stop("logs/how-it-works/", "/logs/how-it-works/"),
    Stop("logs/<str:date>/", lambda office: f"/logs/{days_ago(1).isoformat()}/"),
    Stop("logs/<str:date>/", lambda office: f"/logs/{days_ago(20).isoformat()}/"),  # past the back-fill window
    Stop("ideas/", "/ideas/"),
    Stop("ideas/new/", "/ideas/new/"),
    Stop("ideas/<int:pk>/", lambda office: f"/ideas/{office.idea.pk}/"),
    Stop("assessments/", "/assessments/"),
    Stop("assessments/<int:pk>/", lambda office: f"/assessments/{office.submitted.pk}/"),
    Stop("assessments/<int:pk>/", lambda office: f"/assessments/{office.draft.pk}/?step=1"),
    Stop("assessments/<int:pk>/", lambda office: f"/assessments/{office.draft.pk}/?step=2"),
    Stop("documents/*", lambda office: office.document.url, persona="staff", download=True),
    Stop(
        "_util/*",
        lambda office: f"/_util/authenticate_with_password/{office.page_password.pk}/{office.material.pk}/",
        persona="staff",
    ),  # fmt: skip
    Stop("accounts/*", "/accounts/password/change/"),
    Stop("accounts/*", "/accounts/email/"),
    Stop("accounts/*", "/accounts/2fa/"),
    Stop("accounts/*", "/accounts/reauthenticate/?next=/accounts/2fa/totp/activate/"),
    Stop("accounts/*", "/accounts/2fa/totp/activate/", reauthenticate=True),
    Stop("accounts/logout/", "/accounts/logout/"),  # the confirmation: a GET does not sign out
    # Managers: the team, a member, the team's ideas, a review; office leaders: the office.
    Stop("team/", "/team/", phone=True),
    Stop("team/members/<int:pk>/", lambda office: f"/team/members/{office.cast.staff.pk}/", phone=True),
    Stop("team/export/", "/team/export/?format=csv", download=True),
    Stop("team/export/", "/team/export/?format=xlsx", download=True),
    Stop("team/ideas/", "/team/ideas/"),
    Stop("assessments/<int:pk>/review/", lambda office: f"/assessments/{office.submitted.pk}/review/"),
    Stop("org/", "/org/", phone=True),
    # The Wagtail admin for editors; what only administrators may do; the Django admin.
    Stop("admin/*", "/admin/"),
    Stop("admin/*", "/admin/pages/"),
    Stop("admin/*", lambda office: f"/admin/pages/{office.material.get_parent().pk}/"),
    Stop("admin/*", lambda office: f"/admin/pages/{office.material.pk}/edit/"),
    Stop("admin/*", "/admin/images/"),
    Stop("admin/*", "/admin/documents/"),
    Stop("admin/*", "/admin/snippets/assessments/framework/", persona="admin"),
    Stop("admin/*", "/admin/users/", persona="admin"),
    Stop("admin/accounts/import/", "/admin/accounts/import/"),
    Stop("admin/accounts/<int:pk>/anonymise/", lambda office: f"/admin/accounts/{office.cast.staff2.pk}/anonymise/"),
    Stop("admin/reports/record-views/", "/admin/reports/record-views/"),
    Stop("admin/users/invite/<str:pk>/", lambda office: f"/admin/users/invite/{office.cast.staff2.pk}/"),
    Stop(
        "admin/assessments/cycles/<int:pk>/close/",
        lambda office: f"/admin/assessments/cycles/{office.submitted.cycle_id}/close/",
        persona="admin",
    ),
    Stop(
        "admin/assessments/cycles/<int:pk>/people/",
        lambda office: f"/admin/assessments/cycles/{office.submitted.cycle_id}/people/",
        persona="admin",
    ),
    Stop(
        "admin/assessments/cycles/<int:pk>/people/<int:user_id>/reopen/",
        lambda office: f"/admin/assessments/cycles/{office.submitted.cycle_id}/people/{office.cast.staff.pk}/reopen/",
        persona="admin",
    ),
    Stop("django-admin/*", "/django-admin/"),
)

NOT_WALKED = {
    # Hand-overs: they only redirect to /accounts/login/, which the walk visits.
    "admin/login/",
    "django-admin/login/",
    "_util/login/",
    # Image files, fetched by the material pages the walk visits.
    "media/images/<path:path>",
    # The report's results fragment, fetched by the report page (walked) when its filters change.
    "admin/reports/record-views/results/",
}


def is_post_only(route: str) -> bool:
    outcomes = set(MATRIX[route].outcomes.values())
    return "not_allowed" in outcomes and "ok" not in outcomes


def test_every_page_of_the_access_matrix_is_walked_or_skipped_on_purpose():
    walked = {stop.route for stop in WALK}
    pages = {route for route in MATRIX if not is_post_only(route)}
    assert pages - walked - NOT_WALKED == set(), "add these routes to WALK (or, with a reason, to NOT_WALKED)"
    assert walked <= set(MATRIX) and set(MATRIX) >= NOT_WALKED
    assert all(stop.visitor() in PERSONAS for stop in WALK)


@pytest.fixture
def media_on_disk(settings, tmp_path) -> None:
    """Wagtail serves a document from a local path when the storage has one; the in-memory test storage has none."""
    settings.MEDIA_ROOT = tmp_path
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"}}


@pytest.fixture
def office(transactional_db, cast, media_on_disk) -> Office:
    """A department with history: two cycles of assessments, two months of logs, ideas, a review, notices."""
    today = timezone.localdate()
    past = open_cycle(opens_on=today - datetime.timedelta(days=70), closes_on=today - datetime.timedelta(days=30))
    current = open_cycle(opens_on=today - datetime.timedelta(days=5))
    third = member_of(cast.department, username="staff3", display_name="刘洋")
    for person, ratings in ((cast.staff, (3,)), (cast.staff2, (3, 4)), (third, (4, 2))):
        history(person, department=cast.department, cycles=[past] if person == cast.staff else [past, current],
                ratings=ratings, months=2)  # fmt: skip
    submitted = filled_assessment(cast.staff, current, rating=4, submit=True)
    review_save(assessment=submitted, reviewer=cast.manager, comment="细节上很用心，协调可以再主动一些。", ratings={})
    material = make_material()
    log = StudyLog.objects.get(user=cast.staff, date=days_ago(1))
    log.materials.add(material)
    StudyLog.objects.filter(pk=log.pk).update(share_insight=True, highlight=True)
    idea = GoldenIdeaFactory(author=cast.staff, title="会议通知回执一览")
    idea_advance(idea=idea, from_status="submitted", to_status="under_study", note="想法很实在。", by=cast.manager)
    EmailAddress.objects.create(user=cast.staff, email=cast.staff.email, verified=True, primary=True)
    document = PortalDocument.objects.create(title="三看清单", file=ContentFile(b"%PDF-1.4\n", name="checklist.pdf"))
    page_password = PageViewRestriction.objects.create(
        page=make_material("内部资料", live=True), restriction_type=PageViewRestriction.PASSWORD, password="sanxing"
    )
    draft = filled_assessment(cast.staff, open_cycle())
    return Office(cast, material, idea, submitted, draft, document, page_password)


def policy_problems(policy: str | None, *, draws_charts: bool) -> list[str]:
    """Scripts from the portal only; nothing inline, except style attributes (for plotly) on chart pages."""
    directives = {part.split()[0]: part.split()[1:] for part in (policy or "").split(";") if part.strip()}
    found = [] if directives.get("script-src") == ["'self'"] else [f"script policy is not strict: {policy}"]
    may_relax = {"style-src-attr"} if draws_charts else set()
    loose = [name for name, sources in directives.items() if "'unsafe-inline'" in sources or "'unsafe-eval'" in sources]
    return found + [f"{name} allows inline or eval on this page" for name in loose if name not in may_relax]


def chart_problems(page: Page) -> list[str]:
    try:
        draw_charts(page)
    except (AssertionError, PlaywrightTimeout):
        return ["a chart was not drawn"]
    return [] if page.locator(".chart__plot .main-svg").count() else ["no chart on a chart page"]


def filed_under(path: str) -> str | None:
    return rule_for(resolve(unquote(urlsplit(path).path)).route)


def visit(page: Page, url: str, stop: Stop) -> list[str]:
    found = [] if filed_under(url) == stop.route else [f"the URL is not under the route {stop.route}"]
    response = page.goto(url)
    page.wait_for_load_state("networkidle")
    if response is None or response.status != 200 or unquote(page.url) != unquote(url):
        return [*found, f"answered {response and response.status} at {page.url}", *page.problems.take()]
    if not stop.route.startswith(("admin/", "django-admin/")):
        found += policy_problems(
            response.header_value("content-security-policy"), draws_charts=stop.route in CHART_ROUTES
        )
        if (page.locator("html").get_attribute("lang") or "").lower() != "zh-hans":
            found.append("not in Chinese")
    if stop.route in CHART_ROUTES:
        found += chart_problems(page)
    return found + page.problems.take()


def fetch(page: Page, url: str) -> list[str]:
    response = page.request.get(url, max_redirects=0)
    kind = response.headers.get("content-type", "")
    return [] if response.status == 200 and "text/html" not in kind else [f"answered {response.status} ({kind})"]


def reauthenticate(page: Page, base: str, path: str) -> None:
    """Confirm the password, as allauth asks before a second factor is set up."""
    page.goto(f"{base}/accounts/reauthenticate/?next={path}")
    page.fill("input[name=password]", settings.PORTAL_DEMO_PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state("networkidle")


def walk(page: Page, live_server, office: Office, persona: str) -> dict[str, list[str]]:
    base = live_server.url
    stops = [stop for stop in WALK if stop.visitor() == persona]
    assert stops, f"nothing to walk for {persona}"
    report = {}
    if persona != "anonymous":
        page.context.clear_cookies()
        login(page, live_server, persona)
        report[f"{persona} signing in"] = page.problems.take()
    for stop in stops:
        url = base + stop.url(office)
        if stop.reauthenticate:
            reauthenticate(page, base, stop.url(office))
        report[f"{persona} {url}"] = fetch(page, url) if stop.download else visit(page, url, stop)
    page.set_viewport_size(PHONE)
    for stop in (stop for stop in stops if stop.phone):
        url = base + stop.url(office)
        report[f"{persona} {url} (phone)"] = visit(page, url, stop)
    return report


@in_a_browser
@pytest.mark.parametrize(
    "personas", [("anonymous",), ("staff",), ("manager", "leader"), ("editor", "admin")], ids="-".join
)
def test_every_page_loads_without_a_csp_violation_or_console_error(page, live_server, office, personas):
    report = {}
    for persona in personas:
        page.set_viewport_size(DESKTOP)
        report.update(walk(page, live_server, office, persona))
    failures = "\n".join(f"{where}:\n    " + "\n    ".join(found) for where, found in report.items() if found)
    assert not failures, f"{sum(map(bool, report.values()))} of {len(report)} pages have problems:\n{failures}"


@in_a_browser
def test_the_walk_reports_an_inline_style_and_an_inline_script(page, live_server):
    def with_inline_code(route):
        response = route.fetch()
        body = response.text().replace("</main>", '<p style="color: red">x</p><script>alert(1)</script></main>')
        route.fulfill(response=response, body=body)

    url = f"{live_server.url}/accounts/login/"
    page.route(url, with_inline_code)
    found = visit(page, url, WALK[0])
    assert any("style-src-attr blocked inline" in problem for problem in found), found
    assert any("script-src-elem blocked inline" in problem for problem in found), found
    assert any(problem.startswith("console error: Applying inline style violates") for problem in found), found
