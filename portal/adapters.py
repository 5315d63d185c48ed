"""allauth adapters: who may sign up, who manages email addresses, how second-factor secrets are stored."""

import base64
import hashlib

from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

ENCRYPTED_PREFIX = "fernet:"
ERROR_MFA_UNCONFIRMED_EMAIL = _(
    "Two-factor authentication can be set up once your email address is confirmed: use the button on this page."
)


class PortalAccountAdapter(DefaultAccountAdapter):
    """Accounts are created by administrators; nobody signs themselves up."""

    def is_open_for_signup(self, request) -> bool:
        return False

    def can_delete_email(self, email_address) -> bool:
        """Administrators set the addresses (Wagtail admin → Users); nobody removes one from their own account."""
        return False


def _fernet() -> Fernet:
    """The key that encrypts TOTP secrets and recovery seeds, from PORTAL_MFA_KEY or else the SECRET_KEY."""
    material = getattr(settings, "PORTAL_MFA_KEY", "") or settings.SECRET_KEY
    if not material:
        raise ImproperlyConfigured("PORTAL_MFA_KEY or SECRET_KEY is needed to store second factors.")
    digest = hashlib.sha256(b"portal.mfa.secrets:" + material.encode()).digest()
    return Fernet(base64.urlsafe_b64encode(digest))


class PortalMFAAdapter(DefaultMFAAdapter):
    """Encrypt TOTP secrets and recovery-code seeds at rest: a database dump or an admin screen shows no secret."""

    error_messages = {**DefaultMFAAdapter.error_messages, "unverified_email": ERROR_MFA_UNCONFIRMED_EMAIL}

    def encrypt(self, text: str) -> str:
        return ENCRYPTED_PREFIX + _fernet().encrypt(text.encode()).decode()

    def decrypt(self, encrypted_text: str) -> str:
        if not encrypted_text.startswith(ENCRYPTED_PREFIX):
            return encrypted_text  # stored before encryption; the data migration encrypts those
        try:
            return _fernet().decrypt(encrypted_text.removeprefix(ENCRYPTED_PREFIX).encode()).decode()
        except InvalidToken as error:
            raise ImproperlyConfigured("A second factor was encrypted with another key (PORTAL_MFA_KEY).") from error
