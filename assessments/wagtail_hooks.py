"""Frameworks (with their items inline) and cycles as Wagtail snippets, for administrators."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import EditView, SnippetViewSet, SnippetViewSetGroup

from .admin_views import cycle_close_now, cycle_people_view, cycle_person_reopen
from .models import Cycle, Framework
from .services import framework_save


class FrameworkEditView(EditView):
    def save_instance(self):
        # Items used by an opened cycle are frozen: their edit becomes a new version (see services).
        formset = self.form.formsets["items"]
        deleted = set(formset.deleted_forms)
        return framework_save(
            save=super().save_instance,
            changed=[f.instance for f in formset.forms if f.instance.pk and f not in deleted and f.has_changed()],
            removed=[f.instance for f in deleted if f.instance.pk],
        )


class FrameworkViewSet(SnippetViewSet):
    model = Framework
    edit_view_class = FrameworkEditView
    icon = "list-ol"
    menu_label = _("Frameworks")
    list_display = ["name_zh", "name_en", "code", "kind", "active"]
    search_fields = ["name_zh", "name_en", "code"]


class CycleViewSet(SnippetViewSet):
    model = Cycle
    icon = "date"
    menu_label = _("Cycles")
    list_display = ["name_zh", "opens_on", "closes_on", Column("get_state_display", label=_("state"))]
    list_filter = ["opens_on"]
    search_fields = ["name_zh", "name_en"]

    def get_queryset(self, request):
        return Cycle.objects.all()  # cycles open by the daily command (send_cycle_reminders), never on a GET


class AssessmentViewSetGroup(SnippetViewSetGroup):
    items = (FrameworkViewSet, CycleViewSet)
    menu_icon = "tasks"
    menu_label = _("Self-assessments")
    menu_name = "assessments"
    add_to_settings_menu = False


register_snippet(AssessmentViewSetGroup)


@hooks.register("register_admin_urls")
def register_cycle_close_url():
    return [
        path("assessments/cycles/<int:pk>/close/", cycle_close_now, name="assessments_cycle_close"),
        path("assessments/cycles/<int:pk>/people/", cycle_people_view, name="assessments_cycle_people"),
        path("assessments/cycles/<int:pk>/people/<int:user_id>/reopen/", cycle_person_reopen,
             name="assessments_cycle_person_reopen"),
    ]  # fmt: skip


@hooks.register("register_snippet_listing_buttons")
def cycle_buttons(snippet, user, next_url=None):
    if not isinstance(snippet, Cycle) or not user.has_perm("assessments.change_cycle"):
        return []
    buttons = []
    if snippet.opened_at is not None:
        people = reverse("assessments_cycle_people", args=[snippet.pk])
        buttons.append(Button(_("People and states"), people, icon_name="group", priority=80))
    if snippet.is_open():
        close = reverse("assessments_cycle_close", args=[snippet.pk])
        buttons.append(Button(_("Close now"), close, icon_name="lock", priority=90))
    return buttons
