"""The Wagtail user admin, extended with the portal's own fields."""

from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views.users import UserViewSet

PORTAL_USER_FIELDS = ("display_name", "preferred_language", "reminders_enabled")


class PortalUserCreationForm(UserCreationForm):
    class Meta(UserCreationForm.Meta):
        fields = UserCreationForm.Meta.fields | set(PORTAL_USER_FIELDS)


class PortalUserEditForm(UserEditForm):
    class Meta(UserEditForm.Meta):
        fields = UserEditForm.Meta.fields | set(PORTAL_USER_FIELDS)


class PortalUserViewSet(UserViewSet):
    template_prefix = "wagtailusers/users/"

    def get_form_class(self, for_update: bool = False):
        return PortalUserEditForm if for_update else PortalUserCreationForm
