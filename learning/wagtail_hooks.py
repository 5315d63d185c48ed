from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from portal import access

from .admin_views import material_report
from .models import WorkdayOverride


class WorkdayOverrideViewSet(SnippetViewSet):
    model = WorkdayOverride
    icon = "date"
    menu_label = _("Holidays and make-up workdays")
    add_to_settings_menu = True
    list_display = ["date", "kind", "name"]
    search_fields = ["name"]


register_snippet(WorkdayOverrideViewSet)


@hooks.register("register_admin_urls")
def register_material_report_url():
    return [path("reports/study-materials/", material_report, name="learning_material_report")]


class EditorMenuItem(MenuItem):
    def is_shown(self, request):
        return access.is_editor(request.user) or access.is_administrator(request.user)


@hooks.register("register_reports_menu_item")
def register_material_report_menu_item():
    return EditorMenuItem(
        _("Study materials in use"), reverse("learning_material_report"), icon_name="doc-full", order=900
    )
