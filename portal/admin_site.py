"""The Django admin site, with every model admin's delete refused for records in use (``portal.deletion``).

Django's own confirmation lists the protected related objects by name (people's assessments,
say) and, for some relations, the delete still fails with a server error. Every model admin
registered on this site instead shows the reasons as counts and deletes nothing.
"""

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig


class SafeDeleteMixin:
    def get_deleted_objects(self, objs, request):
        from .deletion import delete_refusals  # noqa: PLC0415 - models are not loaded when this module is

        refusals = delete_refusals(objs)
        if not refusals:
            return super().get_deleted_objects(objs, request)
        protected = [f"{r['object']}: {' '.join(r['reasons'])} {r['hint']}".strip() for r in refusals]
        return [], {}, set(), protected


class PortalAdminSite(admin.AdminSite):
    def register(self, model_or_iterable, admin_class=None, **options):
        admin_class = admin_class or admin.ModelAdmin
        safe = type(admin_class.__name__, (SafeDeleteMixin, admin_class), {"__module__": admin_class.__module__})
        return super().register(model_or_iterable, safe, **options)


class PortalAdminConfig(AdminConfig):
    default_site = "portal.admin_site.PortalAdminSite"
