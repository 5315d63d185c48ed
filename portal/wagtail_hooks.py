from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import access
from .admin_views import account_import
from .models import Department


class DepartmentViewSet(SnippetViewSet):
    model = Department
    icon = "group"
    menu_label = _("Departments")
    add_to_settings_menu = True
    list_display = ["name_zh", "name_en", "order", "parent"]
    search_fields = ["name_zh", "name_en"]


register_snippet(DepartmentViewSet)


@hooks.register("register_admin_urls")
def register_import_url():
    return [path("accounts/import/", account_import, name="portal_account_import")]


class AdministratorMenuItem(MenuItem):
    def is_shown(self, request):
        return access.is_administrator(request.user)


@hooks.register("register_settings_menu_item")
def register_import_menu_item():
    return AdministratorMenuItem(_("Import accounts"), reverse("portal_account_import"), icon_name="upload", order=610)
