from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet
from wagtail.users.views.bulk_actions.delete import DeleteBulkAction as UserDeleteBulkAction

from cms.home import HOME_HOOK

from . import access, home
from .admin_audit import AuditReportView
from .admin_views import account_anonymise, account_import
from .deletion import refused_response as _refused
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
hooks.register(HOME_HOOK, home.home_sections)
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


# --- Safe deletes: a record in use is refused with its reasons (portal/deletion.py), never a 500 ----------


@hooks.register("before_delete_snippet")
def refuse_deleting_snippets_in_use(request, instances):
    """Runs for a snippet's delete view and the snippets' bulk delete, on the confirmation and on the post."""
    return _refused(request, instances)


@hooks.register("before_delete_user")
def refuse_deleting_accounts_in_use(request, user):
    return _refused(request, [user])


class SafeUserDeleteBulkAction(UserDeleteBulkAction):
    """Users' bulk delete, refused (confirmation and post) when any chosen account is in use."""

    def dispatch(self, request, *args, **kwargs):
        objects, _extra = self.get_actionable_objects()
        return _refused(request, objects) or super().dispatch(request, *args, **kwargs)


# Registered after Wagtail's own users' bulk delete (a later hook replaces the action of the same type).
hooks.register("register_bulk_action", SafeUserDeleteBulkAction, order=100)
