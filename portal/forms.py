"""The portal's versions of allauth's forms (``ACCOUNT_FORMS``)."""

from allauth.account.forms import AddEmailForm, LoginForm, ResetPasswordForm, ResetPasswordKeyForm
from allauth.account.models import EmailAddress
from django import forms
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from .services import user_email_vouch

LOGIN_MAX_LENGTH = 254  # the longest email address; usernames are shorter
ERROR_EMAIL_MANAGED_BY_ADMINISTRATORS = _(
    "Email addresses are set by the portal administrators. To change yours, ask an administrator."
)


class PortalLoginForm(LoginForm):
    """allauth's login form with a bounded login: an unbounded one reaches the database as a LIKE pattern."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        login = self.fields["login"]
        login.max_length = LOGIN_MAX_LENGTH
        login.validators.append(MaxLengthValidator(LOGIN_MAX_LENGTH))
        login.widget.attrs["maxlength"] = str(LOGIN_MAX_LENGTH)


class PortalAddEmailForm(AddEmailForm):
    """Nobody adds an address to their own account: one moment at an unlocked screen would be a takeover."""

    def clean_email(self) -> str:
        raise forms.ValidationError(ERROR_EMAIL_MANAGED_BY_ADMINISTRATORS, code="managed")


class PortalResetPasswordForm(ResetPasswordForm):
    """Send reset links only to an address an administrator set (the account's email, or a verified one).

    An address that reached the account any other way (added by the person before this rule) never
    receives a reset link.
    """

    def clean_email(self) -> str:
        email = super().clean_email()
        vouched = {
            address.user_id
            for address in EmailAddress.objects.filter(email__iexact=email, verified=True, user__in=self.users)
        }
        self.users = [user for user in self.users if user.email.lower() == email.lower() or user.pk in vouched]
        return email


class PortalResetPasswordKeyForm(ResetPasswordKeyForm):
    """A password set from an emailed key proves the person reads the office address: record it as verified."""

    def save(self) -> None:
        super().save()
        user_email_vouch(user=self.user)
