"""The portal's versions of allauth's forms (``ACCOUNT_FORMS``)."""

from allauth.account.forms import LoginForm
from django.core.validators import MaxLengthValidator

LOGIN_MAX_LENGTH = 254  # the longest email address; usernames are shorter


class PortalLoginForm(LoginForm):
    """allauth's login form with a bounded login: an unbounded one reaches the database as a LIKE pattern."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        login = self.fields["login"]
        login.max_length = LOGIN_MAX_LENGTH
        login.validators.append(MaxLengthValidator(LOGIN_MAX_LENGTH))
        login.widget.attrs["maxlength"] = str(LOGIN_MAX_LENGTH)
