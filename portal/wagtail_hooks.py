from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import access
from .admin_audit import AuditReportView
from .admin_views import account_anonymise, account_import
from .leave import LeavePeriodViewSet
from .models import Department


class DepartmentViewSet(SnippetViewSet):
    model = Department
    icon = "group"
    menu_label = _("Departments")
    add_to_settings_menu = True
    list_display = ["name_zh", "name_en", "order", "parent"]
    search_fields = ["name_zh", "name_en"]


register_snippet(DepartmentViewSet)
register_snippet(LeavePeriodViewSet)


@hooks.register("register_admin_urls")
def register_import_url():
    return [
        path("accounts/import/", account_import, name="portal_account_import"),
        path("accounts/<int:pk>/anonymise/", account_anonymise, name="portal_account_anonymise"),
        path("reports/record-views/", AuditReportView.as_view(), name="portal_audit"),
        path(
            "reports/record-views/results/",
            AuditReportView.as_view(results_only=True),
            name="portal_audit_results",
        ),
    ]


class AdministratorMenuItem(MenuItem):
    def is_shown(self, request):
        return access.is_administrator(request.user)


@hooks.register("register_settings_menu_item")
def register_import_menu_item():
    return AdministratorMenuItem(_("Import accounts"), reverse("portal_account_import"), icon_name="upload", order=610)


@hooks.register("register_reports_menu_item")
def register_audit_menu_item():
    return AdministratorMenuItem(_("Record views"), reverse("portal_audit"), icon_name="view", order=900)


@hooks.register("register_user_listing_buttons")
def anonymise_button(user, request_user):
    if not access.is_administrator(request_user) or user.pk == request_user.pk or not user.is_active:
        return []
    return [Button(_("Anonymise (leaver)"), reverse("portal_account_anonymise", args=[user.pk]), priority=90)]
