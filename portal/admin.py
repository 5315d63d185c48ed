"""The Django admin's view of second factors: who has one, never the secret."""

import allauth.mfa.admin  # noqa: F401 - registers allauth's own admin first, which is replaced here
from allauth.mfa.models import Authenticator
from django.contrib import admin

admin.site.unregister(Authenticator)


@admin.register(Authenticator)
class AuthenticatorAdmin(admin.ModelAdmin):
    """Read-only and without ``data`` (the TOTP secret, the recovery-code seed); deleting one resets a lost phone."""

    raw_id_fields = ("user",)
    list_display = ("user", "type", "created_at", "last_used_at")
    list_filter = ("type", "created_at", "last_used_at")
    fields = readonly_fields = ("user", "type", "created_at", "last_used_at")

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
