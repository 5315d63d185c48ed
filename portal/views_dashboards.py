"""Dashboards: the person's own growth (/me/), a manager's team (/team/), the office (/org/)."""

from typing import Any

from csp.decorators import csp_update
from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from assessments.selectors import review_inbox

from . import access, charts, export_sheets, exports, leave, summaries
from .models import AuditEvent, Department, User
from .page_cache import Page, cached_page
from .params import int_from
from .screens.me import me_screen
from .screens.member import member_screen
from .screens.org import org_screen
from .screens.team import team_screen
from .screens.year_summary import year_summary_screen
from .services import audit_record_view, audit_record_views

# plotly.js sets SVG style attributes; allow inline style *attributes* (never <style> elements or scripts)
# on the pages that draw charts.
chart_page = csp_update({"style-src-attr": ["'unsafe-inline'"]})
EXPORT_FORMATS = ("xlsx", "json")
VIEWED_BY_PER_PAGE = 50
TEAM_EXPORT_FORMATS = ("csv", "xlsx")
MESSAGE_LEAVE_SAVED = gettext_lazy("The leave period is recorded; the attention list leaves those days out.")
MESSAGE_LEAVE_DELETED = gettext_lazy("The leave period is removed.")


def _chart_page(request: HttpRequest, template: str, *, plotly: bool, **context: Any) -> HttpResponse:
    """Render a chart page, with the light and dark chart themes once for charts.js where a figure is drawn."""
    return render(request, template, {"chart_themes": charts.THEMES, "plotly": plotly, **context})


def _charts(request: HttpRequest, template: str, screen: object, **extra: Any) -> HttpResponse:
    """A chart page composed for this view."""
    return _chart_page(request, template, plotly=charts.draws_plotly(screen), screen=screen, **extra)


def _page(request: HttpRequest, template: str, page: Page, **extra: Any) -> HttpResponse:
    """A cached dashboard: its kept body, and the page around it."""
    return _chart_page(request, template, plotly=page.plotly, page=page, **extra)


@chart_page
def me(request: HttpRequest) -> HttpResponse:
    page = cached_page("me", viewer=request.user, template="portal/me_body.html",
                       compose=lambda today: me_screen(user=request.user, today=today))  # fmt: skip
    return _page(request, "portal/me.html", page)


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


@require_http_methods(["GET", "HEAD", "POST"])
def year_summary(request: HttpRequest, year: int) -> HttpResponse:
    """The year-end summary draft; POST saves what the person wrote into its sections."""
    if not 2000 <= year <= timezone.localdate().year:
        raise Http404
    if request.method == "POST":
        form = summaries.SummaryForm(request.POST)
        if form.is_valid():
            summaries.summary_save(user=request.user, year=year, texts=form.cleaned_data)
            messages.success(request, summaries.MESSAGE_SAVED)
            return redirect("dashboards:year-summary", year=year)
    else:
        form = summaries.SummaryForm(initial=summaries.summary_texts(user=request.user, year=year))
    screen = year_summary_screen(user=request.user, year=year)
    sections = {key: form[key] for key, _label in summaries.SECTIONS}
    return _charts(request, "portal/year_summary.html", screen, form=form, sections=sections)


def _chosen_department(request: HttpRequest) -> tuple[Department, list[Department]]:
    departments = list(access.managed_departments(request.user))
    if not departments:
        raise PermissionDenied
    if "department" not in request.GET:
        return departments[0], departments
    chosen = int_from(request.GET, "department")
    if chosen is None:
        raise Http404
    return access.access_managed_department_by_id(request.user, chosen), departments


def team(request: HttpRequest) -> HttpResponse:  # HTML and SVG charts only: the strict style policy stays
    department, departments = _chosen_department(request)
    cycle_id = request.GET.get("cycle")
    page = cached_page(
        "team",
        viewer=request.user,
        params=(department.pk, cycle_id),
        compose=lambda today: team_screen(department=department, cycle_id=cycle_id, today=today),
        template="portal/team_body.html",
        context={"departments": departments},
        keep=lambda screen: [m.pk for m in screen.members],
    )
    audit_record_views(viewer=request.user, subjects=page.kept, what="team dashboard")
    inbox = cached_page("review-inbox", viewer=request.user, template="portal/team_inbox_body.html",
                        compose=lambda today: review_inbox(manager=request.user, today=today))  # fmt: skip
    return _page(request, "portal/team.html", page, department=department, inbox=inbox)


class LeaveForm(forms.Form):
    starts_on = forms.DateField(label=gettext_lazy("First day"), widget=forms.DateInput(attrs={"type": "date"}))
    ends_on = forms.DateField(label=gettext_lazy("Last day"), widget=forms.DateInput(attrs={"type": "date"}))
    note = forms.CharField(label=gettext_lazy("Note (optional)"), max_length=100, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", ERROR_LEAVE_ORDER)
        return data


ERROR_LEAVE_ORDER = gettext_lazy("The last day cannot be before the first day.")


def _member_page(request: HttpRequest, member: User, leave_form: LeaveForm) -> HttpResponse:
    audit_record_view(viewer=request.user, subject=member, what="member page", object_id=member.pk)
    page = cached_page(
        "member", viewer=request.user, params=(member.pk,), compose=lambda _today: member_screen(member=member),
        template="portal/team_member_body.html", keep=lambda screen: screen.leave,
    )  # fmt: skip
    return _page(request, "portal/team_member.html", page, member=member, leave_form=leave_form)


@chart_page
def team_member(request: HttpRequest, pk: int) -> HttpResponse:
    if not access.is_manager(request.user):
        raise PermissionDenied
    return _member_page(request, access.access_member_by_id(request.user, pk), LeaveForm())


@chart_page
@require_POST
def team_member_leave(request: HttpRequest, pk: int) -> HttpResponse:
    """Record (or remove) a member's leave period; their managers and administrators may."""
    if not access.is_manager(request.user):
        raise PermissionDenied
    member = access.access_member_by_id(request.user, pk)
    if "delete" in request.POST:
        leave_id = int_from(request.POST, "delete")
        if leave_id is None or not leave.leave_delete(user=member, leave_id=leave_id):
            raise Http404
        messages.success(request, MESSAGE_LEAVE_DELETED)
        return redirect("dashboards:team-member", pk=member.pk)
    form = LeaveForm(request.POST)
    if not form.is_valid():
        return _member_page(request, member, form)
    leave.leave_add(user=member, by=request.user, **form.cleaned_data)
    messages.success(request, MESSAGE_LEAVE_SAVED)
    return redirect("dashboards:team-member", pk=member.pk)


def team_export(request: HttpRequest) -> HttpResponse:
    department, _departments = _chosen_department(request)
    file_format = request.GET.get("format", "xlsx")
    if file_format not in TEAM_EXPORT_FORMATS:
        raise Http404
    results = export_sheets.team_results(department=department, cycle_id=request.GET.get("cycle"))
    members = access.team_members(manager=request.user, department=department).values_list("pk", flat=True)
    audit_record_views(viewer=request.user, subjects=members, what="team export")
    name = exports.readable_file_name(results.file_stem)
    if file_format == "csv":
        return exports.csv_response(results.rows, f"{name}.csv", f"{results.ascii_stem}.csv")
    return exports.xlsx_response({results.sheet_name: results.rows}, f"{name}.xlsx", f"{results.ascii_stem}.xlsx")


def org(request: HttpRequest) -> HttpResponse:  # HTML and SVG charts only: the strict style policy stays
    if not access.is_office_leader(request.user):
        raise PermissionDenied
    cycle_id, number = request.GET.get("cycle"), int_from(request.GET, "page")
    page = cached_page(
        "org", viewer=request.user, params=(cycle_id, number), template="portal/org_body.html",
        compose=lambda today: org_screen(cycle_id=cycle_id, page_number=number, today=today),
    )  # fmt: skip
    return _page(request, "portal/org.html", page)
