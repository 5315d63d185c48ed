"""The Wagtail user admin, extended with the portal's own fields, vouched addresses and invitations."""

from django import forms
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.widgets import Button
from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views.users import CreateView, EditView, IndexView, UserViewSet

from . import access
from .admin_views import account_invite, send_invitation
from .models import User
from .services import user_email_vouch

PORTAL_USER_FIELDS = ("display_name", "preferred_language", "reminders_enabled")
ERROR_PASSWORD_OR_INVITATION = _("Set a password, or tick “Send an invitation” so the person chooses one.")


ERROR_EMAIL_TAKEN = _("This email address is already used by another account.")


class UniqueEmailMixin:
    """One account per address: a reset link or an invitation must reach exactly one person."""

    def clean_email(self) -> str:
        email = self.cleaned_data["email"]
        others = User.objects.filter(email__iexact=email).exclude(pk=self.instance.pk)
        if email and others.exists():
            raise forms.ValidationError(ERROR_EMAIL_TAKEN)
        return email


class PortalUserCreationForm(UniqueEmailMixin, UserCreationForm):
    send_invitation = forms.BooleanField(
        label=_("Send an invitation"),
        required=False,
        initial=True,
        help_text=_("Email the person a link to choose their password (it works once and expires)."),
    )

    class Meta(UserCreationForm.Meta):
        fields = UserCreationForm.Meta.fields | set(PORTAL_USER_FIELDS)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("password1", "password2"):
            if name in self.fields:
                self.fields[name].required = False

    def clean(self):
        cleaned = super().clean()
        if "password1" in self.fields and not cleaned.get("password1") and not cleaned.get("send_invitation"):
            self.add_error("password1", ERROR_PASSWORD_OR_INVITATION)
        return cleaned


class PortalUserEditForm(UniqueEmailMixin, UserEditForm):
    class Meta(UserEditForm.Meta):
        fields = UserEditForm.Meta.fields | set(PORTAL_USER_FIELDS)


class PortalUserCreateView(CreateView):
    def save_instance(self):
        user = super().save_instance()
        if not self.form.cleaned_data.get("password1"):
            user.set_unusable_password()
            user.save(update_fields=["password"])
        user_email_vouch(user=user)  # the administrator vouches for the address they typed
        if self.form.cleaned_data.get("send_invitation"):
            send_invitation(self.request, user)
        return user


class PortalUserEditView(EditView):
    def save_instance(self):
        previous = type(self.object).objects.filter(pk=self.object.pk).values_list("email", flat=True).first() or ""
        user = super().save_instance()
        if "email" in self.form.changed_data or not user.emailaddress_set.filter(verified=True).exists():
            user_email_vouch(user=user, replaces=previous)
        return user


class PortalUserIndexView(IndexView):
    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if access.is_administrator(self.request.user) and instance.is_active and instance.email:
            url = reverse("wagtailusers_users:invite", args=[instance.pk])
            buttons.append(Button(_("Send invitation"), url, icon_name="mail", priority=80))
        return buttons


class PortalUserViewSet(UserViewSet):
    template_prefix = "wagtailusers/users/"
    index_view_class = PortalUserIndexView
    add_view_class = PortalUserCreateView
    edit_view_class = PortalUserEditView

    def get_urlpatterns(self):
        return [*super().get_urlpatterns(), path("invite/<str:pk>/", account_invite, name="invite")]

    def get_form_class(self, for_update: bool = False):
        return PortalUserEditForm if for_update else PortalUserCreationForm
