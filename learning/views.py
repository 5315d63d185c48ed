"""Study log, "I studied this", material search and the consistency explanation."""

import datetime
from urllib.parse import urlencode

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cms.translations import show_translations
from portal.i18n import month_day
from portal.params import int_param

from . import consistency, nudges, selectors, services
from . import search as material_search
from .access import log_date_or_404, log_is_editable
from .forms import MINUTE_CHIPS, StudyLogForm, draft_refusals
from .frameworks import current_items, item_titles
from .models import StudyMaterialPage

ERROR_READ_ONLY = gettext_lazy("Logs older than %(days)d days are kept as they are and can no longer be changed.")
ERROR_VERSION = gettext_lazy("The page was out of date. Reload it and try again; your text is kept on this device.")
MESSAGE_SAVED = gettext_lazy("Tonight's log is saved.")
MESSAGE_SAVED_ON = gettext_lazy("Log for %(date)s saved.")
MESSAGE_STALE = gettext_lazy(
    "This log was changed in another tab or device after you opened it. Both versions are shown below: "
    "save again to keep yours, or reload the page to take the newer one."
)
# Django's own wording, so the forms and the autosave say the same; the zh-hans translation in this app's
# catalogue also takes the place of Django's, which reads as "empty string not allowed".
ERROR_NULL_CHARACTER = gettext_lazy("Null characters are not allowed.")
NUDGE_COPIED = gettext_lazy(
    "This insight reads almost the same as the one of %(date)s. What was new today? Even one new sentence counts."
)
NUDGE_BACKFILL = gettext_lazy(
    "You have filled in %(count)d earlier days in one sitting. Writing on the evening itself keeps the insight fresh."
)
LOGS_PER_PAGE = 30
SEARCH_RESULTS_PER_PAGE = 10
# Words a first search could start from, shown before anything is typed and when nothing is found.
SEARCH_SUGGESTIONS = ("细节", "三思", "周到", "效率", "四看")
PICKER_RESULTS = 10


def saved_message(day: datetime.date) -> str:
    """Name the day confirmed: tonight's log, or an earlier day's by its date."""
    if day == timezone.localdate():
        return str(MESSAGE_SAVED)
    return str(MESSAGE_SAVED_ON % {"date": month_day(day)})


def _version(request: HttpRequest) -> int | None:
    try:
        return int(request.POST.get("version", ""))
    except ValueError:
        return None


def _nudge(request: HttpRequest, *, user, day: datetime.date, insight: str) -> None:
    copied_from = nudges.similar_earlier_insight(insight, selectors.insights_before(user=user, date=day))
    if copied_from:
        messages.info(request, NUDGE_COPIED % {"date": copied_from.isoformat()})
    now = timezone.localtime()
    count = nudges.backfilled_in_sitting(selectors.recent_saves(user=user, since=now - nudges.SITTING), now=now)
    if count > nudges.BACKFILL_SITTING_LIMIT:
        messages.info(request, NUDGE_BACKFILL % {"count": count})


@require_http_methods(["GET", "POST"])
def log_today(request: HttpRequest) -> HttpResponse:
    return _log_page(request, timezone.localdate())


@require_http_methods(["GET", "POST"])
def log_day(request: HttpRequest, date: str) -> HttpResponse:
    return _log_page(request, log_date_or_404(date))


def _log_page(request: HttpRequest, day: datetime.date) -> HttpResponse:
    rules = selectors.study_rules()
    editable = log_is_editable(day, backfill_days=rules.backfill_days)
    log = selectors.log_get(user=request.user, date=day)
    context = {"day": day, "log": log, "editable": editable, "is_today": day == timezone.localdate()}
    if not editable:
        if request.method == "POST":
            messages.error(request, ERROR_READ_ONLY % {"days": rules.backfill_days})
        context["items"] = item_titles(list(log.items)).values() if log else []
        return render(request, "learning/log_read_only.html", context)
    status = 200
    if request.method == "POST":
        form = StudyLogForm(request.POST)
        version = _version(request)
        if version is None:
            form.add_error(None, ERROR_VERSION)
        elif form.is_valid():
            try:
                services.study_log_save(
                    user=request.user,
                    date=day,
                    cleaned=form.cleaned_data,
                    data=services.log_data_from_post(request.POST),
                    version=version,
                )
            except services.StaleLog as stale:
                context["theirs"] = stale.log
                context["theirs_data"] = services.log_data(stale.log)
                version, status = stale.log.version, 409
                messages.warning(request, MESSAGE_STALE)
            else:
                messages.success(request, saved_message(day))
                _nudge(request, user=request.user, day=day, insight=form.cleaned_data["insight"])
                return redirect(_log_url(day) + "?saved=1")
    else:
        form = StudyLogForm(initial=services.log_data(log) if log else {})
        version = log.version if log else 0
    context.update(
        form=form,
        version=version,
        saved=request.GET.get("saved") == "1",
        today=selectors.study_today(user=request.user, today=timezone.localdate(), rules=rules),
        autosave_url=reverse("learning:log-autosave", args=[day.isoformat()]),
        chips=MINUTE_CHIPS,
        material_choices=selectors.log_material_choices(selected=[str(pk) for pk in form["materials"].value() or []]),
        picked_materials={str(pk) for pk in form["materials"].value() or []},
        picked_items=set(form["items"].value() or []),
    )
    return render(request, "learning/log_form.html", context, status=status)


def _log_url(day: datetime.date) -> str:
    if day == timezone.localdate():
        return reverse("learning:log-today")
    return reverse("learning:log-day", args=[day.isoformat()])


@require_POST
def log_autosave(request: HttpRequest, date: str) -> JsonResponse:
    """Keep the typed text as the log's draft: 200 {version, saved_at}, 409 {version, fields}, 400 {errors}."""
    day = log_date_or_404(date)
    rules = selectors.study_rules()
    if not log_is_editable(day, backfill_days=rules.backfill_days):
        return JsonResponse({"errors": {"__all__": [str(ERROR_READ_ONLY % {"days": rules.backfill_days})]}}, status=400)
    version = _version(request)
    if version is None:
        return JsonResponse({"errors": {"version": [str(ERROR_VERSION)]}}, status=400)
    data = services.log_data_from_post(request.POST)
    if refused := _null_characters(data):
        return JsonResponse({"errors": refused}, status=400)
    # The draft is kept as typed, and what the final save would refuse is named next to its field.
    refused = draft_refusals(StudyLogForm(request.POST))
    try:
        log = services.study_log_autosave(user=request.user, date=day, data=data, version=version)
    except services.StaleLog as stale:
        return JsonResponse({"version": stale.log.version, "fields": services.log_data(stale.log)}, status=409)
    return JsonResponse(
        {"version": log.version, "saved_at": timezone.localtime().strftime("%H:%M"), "refused": refused}
    )


@require_GET
def log_material_search(request: HttpRequest) -> JsonResponse:
    """Live materials whose title contains ``q``, for the log form's picker: {results: [{id, title}]}."""
    found = selectors.material_pick_search(query=request.GET.get("q", "")[:100], limit=PICKER_RESULTS)
    return JsonResponse({"results": [{"id": m.id, "title": m.title} for m in found]})


def _null_characters(data: services.LogData) -> dict[str, list[str]]:
    """Name the fields with a NUL character: the draft is kept as typed, unchecked, and PostgreSQL refuses NUL."""
    message = str(ERROR_NULL_CHARACTER)
    return {
        name: [message]
        for name, value in data.items()
        if any("\x00" in text for text in (value if isinstance(value, list) else [value]))
    }


@require_GET
def log_history(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    rules = selectors.study_rules()
    year = int_param(request.GET.get("year"), maximum=today.year) or today.year
    year = max(year, today.year - selectors.CALENDAR_YEARS_BACK)
    logs = Paginator(selectors.log_history(user=request.user), LOGS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "learning/log_history.html",
        {
            "logs": logs,
            "today": selectors.study_today(user=request.user, today=today, rules=rules),
            "calendar": selectors.study_calendar(user=request.user, year=year, today=today, rules=rules),
            "backfill_days": rules.backfill_days,
        },
    )


@require_GET
def log_explained(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    rules = selectors.study_rules()
    years = [today.year, today.year + 1]
    return render(
        request,
        "learning/log_explained.html",
        {
            "rules": rules,
            "today": selectors.study_today(user=request.user, today=today, rules=rules),
            "years": [(year, consistency.calendar_knows(year)) for year in years],
            "unknown_years": [year for year in years if not consistency.calendar_knows(year)],
        },
    )


@require_POST
def material_studied(request: HttpRequest, page_id: int) -> HttpResponse:
    # The original, also when the person read its translation. By ``id``, the page's own integer column,
    # not ``pk``, a link to it: only the former answers 404 to an id too large for the database.
    material = _material_or_404(page_id)
    services.study_log_add_material(user=request.user, date=timezone.localdate(), material=material)
    messages.success(
        request,
        _("“%(title)s” is on tonight's log. Add your insight and save.")
        % {"title": show_translations([material])[0].title},  # the title as the person read it
    )
    return redirect("learning:log-today")


def _material_or_404(page_id: int) -> StudyMaterialPage:
    material = selectors.material_live_original(page_id=page_id)
    if material is None:
        raise Http404
    return material


@require_POST
def material_opened(request: HttpRequest, page_id: int) -> HttpResponse:
    """The material page's beacon: the person opened it (for "continue" on the home page). 204, nothing to show."""
    material = _material_or_404(page_id)
    services.material_open_record(user=request.user, material=material)
    return HttpResponse(status=204)


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[: material_search.MAX_QUERY]
    topic = request.GET.get("topic", "").strip()[:100]
    item = request.GET.get("item", "").strip()[:40]
    items = current_items()
    found = selectors.material_search(query=query, topic=topic, item=item, items=items)
    results = Paginator(found, SEARCH_RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    results.object_list = show_translations(results.object_list)
    topics = selectors.material_topics(limit=None)
    return render(
        request,
        "learning/search.html",
        {
            "query": query,
            "topic": topic,
            "item": item,
            "searched": bool(query or topic or item),
            "results": results,
            "hits": selectors.material_hits(materials=results, query=query, items=items),
            "topics": topics,
            "item_choices": [(framework_item.code, framework_item.title) for framework_item in items],
            "suggestions": SEARCH_SUGGESTIONS,
            "query_string": urlencode(
                {key: value for key, value in (("q", query), ("topic", topic), ("item", item)) if value}
            ),
        },
    )
