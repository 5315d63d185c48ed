from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, resolve_url
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from .middleware import SUPPORTED
from .models import Notice

HEALTH_CACHE_KEY = "portal:healthz"


def _database_state() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        return "unavailable"
    return "ok"


def _cache_state() -> str:
    try:
        cache.set(HEALTH_CACHE_KEY, "ok", 5)
        return "ok" if cache.get(HEALTH_CACHE_KEY) == "ok" else "unavailable"
    except Exception:
        return "unavailable"


@login_not_required
@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """Report database and cache state. The portal runs without its cache, so only the database decides."""
    database, cache_state = _database_state(), _cache_state()
    status = "ok" if database == "ok" and cache_state == "ok" else ("degraded" if database == "ok" else "down")
    return JsonResponse(
        {"status": status, "database": database, "cache": cache_state},
        status=200 if database == "ok" else 503,
    )


def _safe_next(request: HttpRequest, fallback: str = "/") -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return fallback


@login_not_required
@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """Switch the interface language and remember it: on the person, and in a cookie for the login page."""
    language = request.POST.get("language", "")
    response = HttpResponseRedirect(_safe_next(request))
    if language not in SUPPORTED:
        return response
    if request.user.is_authenticated:
        request.user.preferred_language = language
        request.user.save(update_fields=["preferred_language"])
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=365 * 24 * 60 * 60,
        samesite="Lax",
        secure=request.is_secure(),
        httponly=True,
    )
    return response


@login_not_required
@require_GET
def login_handover(request: HttpRequest) -> HttpResponseRedirect:
    """Send the Wagtail (admin and front-end) and Django admin login pages to the one allauth login (one form,
    one rate limit, the second factor)."""
    login_url = resolve_url(settings.LOGIN_URL)
    query = request.GET.urlencode()
    return HttpResponseRedirect(f"{login_url}?{query}" if query else login_url)


@require_POST
def notice_read(request: HttpRequest, pk: int) -> HttpResponseRedirect:
    """Mark one of the person's notices read and follow its link (another person's notice is 404)."""
    notice = get_object_or_404(Notice, pk=pk, user=request.user)
    if notice.read_at is None:
        notice.read_at = timezone.now()
        notice.save(update_fields=["read_at"])
    target = notice.url if url_has_allowed_host_and_scheme(notice.url, allowed_hosts={request.get_host()}) else "/"
    return HttpResponseRedirect(target or "/")
