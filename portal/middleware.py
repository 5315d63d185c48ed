import re
from collections.abc import Callable

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_vary_headers

from . import access

SUPPORTED = {code for code, _name in settings.LANGUAGES}


def language_for(request: HttpRequest) -> str:
    """Chinese first: the person's saved choice, else the language cookie, else zh-hans.

    The browser's Accept-Language is ignored on purpose: the office reads Chinese first
    whatever the machine's locale.
    """
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and user.preferred_language in SUPPORTED:
        return user.preferred_language
    cookie = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
    return cookie if cookie in SUPPORTED else settings.LANGUAGE_CODE


class UserLanguageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        language = language_for(request)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        patch_vary_headers(response, ("Cookie",))
        return response


class AdminAccessMiddleware:
    """Answer 403 to people who are logged in but may not use an admin, instead of a login loop.

    Wagtail's and Django's admins send such people back to a login page, which sends a
    logged-in person home: they would never learn why.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if user.is_authenticated and not self._may_enter(user, request.path):
            raise PermissionDenied
        return self.get_response(request)

    @staticmethod
    def _may_enter(user, path: str) -> bool:
        if path.startswith("/django-admin/") and not path.startswith("/django-admin/login/"):
            return user.is_staff
        if path.startswith("/admin/") and not path.startswith("/admin/login/"):
            return user.has_perm("wagtailadmin.access_admin")
        return True


class RequireMFAMiddleware:
    """With PORTAL_REQUIRE_MFA on, managers, office leaders and administrators set up a second factor first.

    Every page but the account pages (where the second factor is set up, and logout) sends them
    to the TOTP set-up page until they have one.
    """

    EXEMPT_PREFIXES = ("/accounts/", "/static/", "/healthz/", "/language/")

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if settings.PORTAL_REQUIRE_MFA and not request.path.startswith(self.EXEMPT_PREFIXES):
            user = request.user
            if user.is_authenticated and needs_second_factor(user) and not has_second_factor(user):
                return redirect_to_login(request.get_full_path(), reverse("mfa_activate_totp"), "next")
        return self.get_response(request)


def needs_second_factor(user) -> bool:
    return access.is_administrator(user) or access.is_office_leader(user) or access.is_manager(user)


def has_second_factor(user) -> bool:
    known = getattr(user, "portal_has_totp", None)  # kept with the session (portal/request_cache.py)
    if known is not None:
        return known
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


class AdminCSPMiddleware:
    """Give the Wagtail and Django admins their own, looser policy: they use inline styles and scripts.

    Listed after django-csp's middleware, so it marks the response before the policy is written.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.path.startswith(("/admin/", "/django-admin/")):
            response._csp_config = settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"]
        return response


# C0 control characters and DEL. No query parameter of the portal or the admins carries one; NUL in
# particular reaches PostgreSQL, which refuses it in text with a 500.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")


class QueryParameterHygieneMiddleware:
    """Answer 400 (a page in the person's language) to control characters in any query parameter.

    One rule for every view, the Wagtail admin's search boxes and API included, before any of them
    reads the parameter. Listed after UserLanguageMiddleware, so the page is in the reader's language.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if has_control_characters(request):
            return render(request, "400.html", status=400)
        return self.get_response(request)


def has_control_characters(request: HttpRequest) -> bool:
    return any(
        CONTROL_CHARACTERS.search(name) or any(CONTROL_CHARACTERS.search(value) for value in values)
        for name, values in request.GET.lists()
    )


class PrivateCacheMiddleware:
    """``Cache-Control: private, no-store`` on every response to a signed-in person.

    On a shared office PC the browser must not keep personal pages and exports after logout. Static
    files (answered by WhiteNoise, outside this middleware) and the health check keep their headers.
    """

    UNTOUCHED_PREFIXES = ("/static/", "/healthz/")

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.user.is_authenticated and not request.path.startswith(self.UNTOUCHED_PREFIXES):
            response.headers["Cache-Control"] = "private, no-store"
            response.headers.pop("Expires", None)
        return response
