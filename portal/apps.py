from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from wagtail.users.apps import WagtailUsersAppConfig


class PortalConfig(AppConfig):
    default = True
    name = "portal"
    verbose_name = _("Portal")

    def ready(self) -> None:
        from . import data_version, notices, request_cache

        request_cache.connect()
        data_version.connect()
        notices.connect()


class PortalUsersAppConfig(WagtailUsersAppConfig):
    """Wagtail's user admin, with the portal's own user fields on its forms."""

    user_viewset = "portal.admin_users.PortalUserViewSet"
    group_viewset = "portal.admin_groups.PortalGroupViewSet"  # a role in use is not deleted
