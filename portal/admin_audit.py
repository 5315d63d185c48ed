"""The audit of record views as a Wagtail report: administrators read, filter and export it; nobody edits it."""

import datetime

import django_filters
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, UserColumn
from wagtail.admin.views.reports import ReportView

from . import access
from .exports import spreadsheet_value
from .models import AUDIT_WHAT_LABELS, AuditEvent, User


def local_minute(value: datetime.datetime) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")


def spreadsheet_text(value: object) -> object:
    # Wagtail writes names into the CSV as they are: a name starting with "=" would run as a formula.
    return spreadsheet_value("" if value is None else str(value))


TEXT_EXPORT = {"csv": spreadsheet_text, "xlsx": spreadsheet_text}


class AuditEventFilterSet(WagtailFilterSet):
    created_at = django_filters.DateFromToRangeFilter(label=_("when"))
    viewer = django_filters.ModelChoiceFilter(label=_("viewer"), queryset=User.objects.order_by("username"))
    subject = django_filters.ModelChoiceFilter(label=_("whose record"), queryset=User.objects.order_by("username"))
    what = django_filters.ChoiceFilter(label=_("what was read"), choices=list(AUDIT_WHAT_LABELS.items()))

    class Meta:
        model = AuditEvent
        fields = ["created_at", "viewer", "subject", "what"]


class AuditReportView(ReportView):
    page_title = _("Record views")
    header_icon = "view"
    index_url_name = "portal_audit"
    index_results_url_name = "portal_audit_results"
    filterset_class = AuditEventFilterSet
    columns = [
        DateColumn("created_at", label=_("when")),
        UserColumn("viewer", label=_("viewer")),
        UserColumn("subject", label=_("whose record")),
        Column("what_label", label=_("what was read")),
        Column("object_id", label=_("record")),
    ]
    list_export = ["created_at", "viewer", "subject", "what_label", "object_id"]
    custom_field_preprocess = {
        "created_at": {"csv": local_minute, "xlsx": local_minute},
        **dict.fromkeys(("viewer", "subject", "what_label", "object_id"), TEXT_EXPORT),
    }
    export_headings = {
        "created_at": _("when"),
        "viewer": _("viewer"),
        "subject": _("whose record"),
        "what_label": _("what was read"),
        "object_id": _("record"),
    }

    def dispatch(self, request, *args, **kwargs):
        if not access.is_administrator(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return AuditEvent.objects.select_related("viewer", "subject").order_by("-created_at")

    def get_filename(self) -> str:
        return "audit"
