"""Dashboards: the person's own growth (/me/), a manager's team (/team/), the office (/org/)."""

from csp.decorators import csp_update
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from assessments.selectors import review_inbox

from . import access, dashboards, export_sheets, exports
from .models import AuditEvent
from .params import int_from
from .services import audit_record_view

# plotly.js sets SVG style attributes; allow inline style *attributes* (never <style> elements or scripts)
# on the pages that draw charts.
chart_page = csp_update({"style-src-attr": ["'unsafe-inline'"]})
EXPORT_FORMATS = ("xlsx", "json")
VIEWED_BY_PER_PAGE = 50
TEAM_EXPORT_FORMATS = ("csv", "xlsx")


@chart_page
def me(request: HttpRequest) -> HttpResponse:
    context = dashboards.personal_dashboard(user=request.user, today=timezone.localdate())
    return render(request, "portal/me.html", context)


def my_export(request: HttpRequest) -> HttpResponse:
    file_format = request.GET.get("format")
    if file_format not in EXPORT_FORMATS:
        return render(request, "portal/my_export.html", {"formats": EXPORT_FORMATS})
    sheets = export_sheets.personal_export(user=request.user)
    filename = _("my-data-%(date)s") % {"date": timezone.localdate().isoformat()}
    if file_format == "json":
        return exports.json_response(sheets, f"{filename}.json")
    return exports.xlsx_response(export_sheets.labelled(sheets), f"{filename}.xlsx")


@require_GET
def viewed_by(request: HttpRequest) -> HttpResponse:
    """Who read the person's records: every audited read by a manager or an office leader."""
    events = AuditEvent.objects.filter(subject=request.user).select_related("viewer").order_by("-created_at")
    page = Paginator(events, VIEWED_BY_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "portal/viewed_by.html", {"page": page})


@chart_page
def year_summary(request: HttpRequest, year: int) -> HttpResponse:
    today = timezone.localdate()
    if not 2000 <= year <= today.year:
        raise Http404
    context = dashboards.year_summary(user=request.user, year=year, today=today)
    return render(request, "portal/year_summary.html", context)


def _chosen_department(request: HttpRequest):
    departments = list(access.managed_departments(request.user))
    if not departments:
        raise PermissionDenied
    if "department" not in request.GET:
        return departments[0], departments
    chosen = int_from(request.GET, "department")
    if chosen is None:
        raise Http404
    return access.access_managed_department_by_id(request.user, chosen), departments


@chart_page
def team(request: HttpRequest) -> HttpResponse:
    department, departments = _chosen_department(request)
    context = dashboards.team_dashboard(
        department=department, cycle_id=request.GET.get("cycle"), today=timezone.localdate()
    )
    inbox = review_inbox(manager=request.user)
    return render(request, "portal/team.html", {**context, "department": department, "departments": departments,
                                                "inbox": inbox})  # fmt: skip


@chart_page
def team_member(request: HttpRequest, pk: int) -> HttpResponse:
    if not access.is_manager(request.user):
        raise PermissionDenied
    member = access.access_member_by_id(request.user, pk)
    audit_record_view(viewer=request.user, subject=member, what="member page", object_id=member.pk)
    context = dashboards.member_page(member=member, viewer=request.user)
    return render(request, "portal/team_member.html", {**context, "member": member})


def team_export(request: HttpRequest) -> HttpResponse:
    department, _departments = _chosen_department(request)
    file_format = request.GET.get("format", "xlsx")
    if file_format not in TEAM_EXPORT_FORMATS:
        raise Http404
    results = export_sheets.team_results(department=department, cycle_id=request.GET.get("cycle"))
    name = exports.readable_file_name(results.file_stem)
    if file_format == "csv":
        return exports.csv_response(results.rows, f"{name}.csv", f"{results.ascii_stem}.csv")
    return exports.xlsx_response({results.sheet_name: results.rows}, f"{name}.xlsx", f"{results.ascii_stem}.xlsx")


@chart_page
def org(request: HttpRequest) -> HttpResponse:
    if not access.is_office_leader(request.user):
        raise PermissionDenied
    context = dashboards.office_overview(cycle_id=request.GET.get("cycle"), today=timezone.localdate())
    return render(request, "portal/org.html", context)
