from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render, resolve_url
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from learning import selectors as learning_selectors

from . import notices, preferences
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
    return _remember_language(response, request, language)


@login_not_required
@require_GET
def login_handover(request: HttpRequest) -> HttpResponseRedirect:
    """Send the Wagtail (admin and front-end) and Django admin login pages to the one allauth login (one form,
    one rate limit, the second factor)."""
    login_url = resolve_url(settings.LOGIN_URL)
    query = request.GET.urlencode()
    return HttpResponseRedirect(f"{login_url}?{query}" if query else login_url)


MESSAGE_ALL_READ = gettext_lazy("All notices are marked as read.")


@require_POST
def notice_read(request: HttpRequest, pk: int) -> HttpResponseRedirect:
    """Mark one of the person's notices read, with the others of its card, and follow its link (or stay on
    the notices page with ``stay``). Another person's notice is 404."""
    notice = get_object_or_404(Notice, pk=pk, user=request.user)
    Notice.objects.filter(user=request.user, group_key=notice.group_key, read_at__isnull=True).update(
        read_at=timezone.now()
    )
    if notice.read_at is None:  # a notice without a group
        Notice.objects.filter(pk=notice.pk, read_at__isnull=True).update(read_at=timezone.now())
    notices.forget_unread(request.user.pk)
    if request.POST.get("stay"):
        return HttpResponseRedirect(reverse("dashboards:notices"))
    target = notice.url if url_has_allowed_host_and_scheme(notice.url, allowed_hosts={request.get_host()}) else "/"
    return HttpResponseRedirect(target or "/")


@require_POST
def notices_read_all(request: HttpRequest) -> HttpResponseRedirect:
    Notice.objects.filter(user=request.user, read_at__isnull=True).update(read_at=timezone.now())
    notices.forget_unread(request.user.pk)
    messages.success(request, MESSAGE_ALL_READ)
    return HttpResponseRedirect(reverse("dashboards:notices"))


@require_GET
def notice_list(request: HttpRequest) -> HttpResponse:
    """Every notice of the person, one card per object (an idea, a self-assessment, a cycle), newest first."""
    cards = notices.notice_cards(user=request.user)
    return render(request, "portal/notices.html", {"cards": cards, "unread": sum(1 for c in cards if c.unread)})


def _remember_language(response: HttpResponse, request: HttpRequest, language: str) -> HttpResponse:
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=365 * 24 * 60 * 60,
        samesite="Lax",
        secure=request.is_secure(),
        httponly=True,
    )
    return response


@require_http_methods(["GET", "POST"])
def my_settings(request: HttpRequest) -> HttpResponse:
    """The person's own settings in one form; the confirmation names what changed, in the language now chosen."""
    site_time = learning_selectors.study_rules().reminder_time  # the time the reminders are sent from
    form = preferences.SettingsForm(request.POST or None, instance=request.user, site_reminder_time=site_time)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        with translation.override(user.preferred_language):
            changed = preferences.saved_summary(form)
            text = (
                preferences.MESSAGE_SAVED % {"settings": str(preferences.SUMMARY_SEPARATOR).join(changed)}
                if changed
                else preferences.MESSAGE_UNCHANGED
            )
            messages.success(request, str(text))
        return _remember_language(redirect("dashboards:settings"), request, user.preferred_language)
    return render(request, "portal/settings.html", {"form": form}, status=400 if form.errors else 200)
