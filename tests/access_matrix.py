"""The access matrix: what every persona gets from every URL pattern of the project.

``MATRIX`` maps a route (as the URL resolver spells it) or a prefix ending in ``*`` to a
``Rule``: a sample URL for that route and the outcome each persona must get. A route
that no rule covers fails the test, so new URL patterns must be added here.

Outcomes: ``ok`` (200), ``login`` (redirected to the login page with ?next=),
``forbidden`` (403), ``missing`` (404), ``handover`` (sent on to the login page at once),
``redirect`` (302 anywhere but the login page),
``not_allowed`` (405, wrong method).
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.urls import URLResolver, get_resolver

from tests.conftest import PERSONA_NAMES, Cast
from tests.factories.learning import GoldenIdeaFactory, days_ago

SIGNED_OUT = ("anonymous", "leaver")


@dataclass(frozen=True)
class Rule:
    sample: str | Callable[[Cast], str]
    outcomes: dict[str, str]
    covers: tuple[str, ...] = field(default=())

    def url(self, cast: Cast) -> str:
        return self.sample(cast) if callable(self.sample) else self.sample


def outcomes(default: str, *, signed_out: str = "login", **by_persona: str) -> dict[str, str]:
    """Everyone signed in gets ``default``; the signed-out get ``signed_out``; named personas differ."""
    result = {name: (signed_out if name in SIGNED_OUT else default) for name in PERSONA_NAMES}
    result.update(by_persona)
    return result


def everyone(outcome: str) -> dict[str, str]:
    return dict.fromkeys(PERSONA_NAMES, outcome)


MATRIX: dict[str, Rule] = {
    # Public: health, language switch (POST only), login hand-over, allauth's public pages.
    "healthz/": Rule("/healthz/", everyone("ok")),
    "language/": Rule("/language/", everyone("not_allowed")),
    "notices/<int:pk>/read/": Rule("/notices/1/read/", outcomes("not_allowed")),
    "admin/login/": Rule("/admin/login/?next=/admin/", everyone("handover")),
    "django-admin/login/": Rule("/django-admin/login/", everyone("handover")),
    "accounts/login/": Rule("/accounts/login/", outcomes("redirect", signed_out="ok")),
    "accounts/signup/": Rule("/accounts/signup/", outcomes("redirect", signed_out="ok")),
    "accounts/password/reset/": Rule("/accounts/password/reset/", everyone("ok")),
    "accounts/logout/": Rule("/accounts/logout/", outcomes("ok", signed_out="redirect")),
    "accounts/*": Rule("/accounts/password/change/", outcomes("ok")),
    # Dashboards: one's own growth for everyone; the team for its managers; the office for leaders.
    "me/": Rule("/me/", outcomes("ok")),
    "me/export/": Rule("/me/export/", outcomes("ok")),
    "me/summary/<int:year>/": Rule("/me/summary/2026/", outcomes("ok")),
    "me/viewed-by/": Rule("/me/viewed-by/", outcomes("ok")),
    "me/settings/": Rule("/me/settings/", outcomes("ok")),
    "notices/": Rule("/notices/", outcomes("ok")),
    "notices/read-all/": Rule("/notices/read-all/", outcomes("not_allowed")),
    "team/": Rule("/team/", outcomes("forbidden", manager="ok", other_manager="ok")),
    "team/members/<int:pk>/": Rule(
        lambda cast: f"/team/members/{cast.staff.pk}/", outcomes("forbidden", manager="ok", other_manager="missing")
    ),
    "team/export/": Rule("/team/export/?format=csv", outcomes("forbidden", manager="ok", other_manager="ok")),
    "team/members/<int:pk>/leave/": Rule(lambda cast: f"/team/members/{cast.staff.pk}/leave/", outcomes("not_allowed")),
    "org/": Rule("/org/", outcomes("forbidden", leader="ok")),
    # Wagtail: pages for everyone signed in; the admin for editors and administrators.
    "^((?:[\\w\\-]+/)*)$": Rule("/", outcomes("ok")),
    "_util/login/": Rule("/_util/login/?next=/", everyone("handover")),
    "_util/*": Rule("/_util/authenticate_with_password/999999/999999/", outcomes("missing")),
    "documents/*": Rule("/documents/999999/missing.pdf", outcomes("missing")),
    "media/images/<path:path>": Rule("/media/images/missing.width-800.png", outcomes("missing")),
    "admin/*": Rule("/admin/", outcomes("forbidden", editor="ok", admin="ok")),
    "admin/accounts/import/": Rule("/admin/accounts/import/", outcomes("forbidden", editor="redirect", admin="ok")),
    "admin/accounts/<int:pk>/anonymise/": Rule(
        lambda cast: f"/admin/accounts/{cast.staff.pk}/anonymise/",
        outcomes("forbidden", editor="redirect", admin="ok"),
    ),
    "admin/users/invite/<str:pk>/": Rule(
        lambda cast: f"/admin/users/invite/{cast.staff.pk}/", outcomes("forbidden", editor="redirect", admin="ok")
    ),
    "admin/reports/record-views/": Rule(
        "/admin/reports/record-views/", outcomes("forbidden", editor="redirect", admin="ok")
    ),
    "admin/reports/record-views/results/": Rule(
        "/admin/reports/record-views/results/", outcomes("forbidden", editor="redirect", admin="ok")
    ),
    "admin/assessments/cycles/<int:pk>/close/": Rule(
        "/admin/assessments/cycles/999999/close/", outcomes("forbidden", editor="redirect", admin="missing")
    ),
    "admin/assessments/cycles/<int:pk>/people/": Rule(
        "/admin/assessments/cycles/999999/people/", outcomes("forbidden", editor="redirect", admin="missing")
    ),
    "admin/assessments/cycles/<int:pk>/people/<int:user_id>/reopen/": Rule(
        "/admin/assessments/cycles/999999/people/1/reopen/", outcomes("forbidden", editor="redirect", admin="missing")
    ),
    "django-admin/*": Rule("/django-admin/", outcomes("forbidden", admin="ok")),
    # Learning: one's own study log (by date, never by id), golden ideas, search.
    "logs/": Rule("/logs/", outcomes("ok")),
    "logs/today/": Rule("/logs/today/", outcomes("ok")),
    "logs/how-it-works/": Rule("/logs/how-it-works/", outcomes("ok")),
    "logs/materials/": Rule("/logs/materials/?q=细节", outcomes("ok")),
    "logs/<str:date>/": Rule(lambda cast: f"/logs/{days_ago(1).isoformat()}/", outcomes("ok")),
    "logs/<str:date>/autosave/": Rule(lambda cast: f"/logs/{days_ago(0)}/autosave/", outcomes("not_allowed")),
    "logs/today/materials/<int:page_id>/": Rule("/logs/today/materials/1/", outcomes("not_allowed")),
    "materials/<int:page_id>/opened/": Rule("/materials/1/opened/", outcomes("not_allowed")),
    "search/": Rule("/search/?q=细节", outcomes("ok")),
    "ideas/": Rule("/ideas/", outcomes("ok")),
    "ideas/new/": Rule("/ideas/new/", outcomes("ok")),
    "ideas/<int:pk>/": Rule(
        lambda cast: f"/ideas/{GoldenIdeaFactory(author=cast.staff).pk}/",
        outcomes("missing", staff="ok", manager="ok", leader="ok"),
    ),
    "ideas/<int:pk>/move/": Rule(
        lambda cast: f"/ideas/{GoldenIdeaFactory(author=cast.staff).pk}/move/", outcomes("not_allowed")
    ),
    "team/ideas/": Rule("/team/ideas/", outcomes("forbidden", manager="ok", other_manager="ok", leader="ok")),
}


def _staff_draft(cast: Cast) -> str:
    from tests.factories.assessments import filled_assessment, open_cycle

    return f"/assessments/{filled_assessment(cast.staff, open_cycle()).pk}/"


def _staff_submitted(cast: Cast, suffix: str = "") -> str:
    from tests.factories.assessments import filled_assessment, open_cycle

    return f"/assessments/{filled_assessment(cast.staff, open_cycle(), submit=True).pk}/{suffix}"


def _open_cycle_start(cast: Cast) -> str:
    from tests.factories.assessments import open_cycle

    return f"/assessments/cycles/{open_cycle().pk}/start/"


# Self-assessments: one's own only; a manager of the department reviews submitted ones; nobody else.
MATRIX.update({
    "assessments/": Rule("/assessments/", outcomes("ok")),
    "assessments/cycles/<int:cycle_id>/start/": Rule(_open_cycle_start, outcomes("not_allowed")),
    "assessments/<int:pk>/": Rule(_staff_draft, outcomes("missing", staff="ok")),
    "assessments/<int:pk>/autosave/": Rule(lambda cast: _staff_draft(cast) + "autosave/", outcomes("not_allowed")),
    "assessments/<int:pk>/submit/": Rule(lambda cast: _staff_draft(cast) + "submit/", outcomes("not_allowed")),
    "assessments/<int:pk>/review/": Rule(lambda cast: _staff_submitted(cast, "review/"),
                                         outcomes("missing", manager="ok")),
    "assessments/<int:pk>/reopen/": Rule(lambda cast: _staff_submitted(cast, "reopen/"), outcomes("not_allowed")),
})  # fmt: skip


def project_routes() -> list[str]:
    def walk(patterns, prefix=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
            else:
                yield prefix + str(pattern.pattern)

    return list(walk(get_resolver().url_patterns))


def rule_for(route: str) -> str | None:
    if route in MATRIX:
        return route
    prefixes = [key for key in MATRIX if key.endswith("*") and route.startswith(key[:-1])]
    return max(prefixes, key=len) if prefixes else None
