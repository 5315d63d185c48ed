"""Wagtail admin screens of the portal: the account import, invitations, anonymising a leaver."""

import logging
from dataclasses import asdict, dataclass

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import access
from .models import User
from .params import int_param
from .services import (
    ImportFileError,
    ImportRow,
    ImportRowsInvalid,
    account_invitation_send,
    accounts_import_apply,
    accounts_import_parse,
    user_anonymise,
)

logger = logging.getLogger(__name__)

SESSION_KEY = "portal_account_import"
ERROR_NOTHING_TO_IMPORT = _("There is nothing to import: upload the file again.")
INVITATION_SENT = _("Invitation sent")
INVITATION_NOT_SENT = _("Not sent: the mail server refused it. Resend it from the user list.")
INVITATION_SENT_TO = _("An invitation was sent to %(email)s.")
INVITATION_FAILED = _("The invitation to %(email)s could not be sent: check the mail settings, then resend it.")
INVITATION_NOT_ASKED = _("No invitation: the person uses “Forgot password?” on the login page.")


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Accounts file"),
        help_text=_("CSV (UTF-8) or XLSX with a header row: name, username, email, department, role."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )

    def clean_file(self):
        file = self.cleaned_data["file"]
        if not file.name.lower().endswith((".csv", ".xlsx")):
            raise forms.ValidationError(_("Upload a .csv or .xlsx file."))
        return file


def _render(request, form, rows=None):
    rows = rows or []
    return render(
        request,
        "portal/admin/account_import.html",
        {
            "form": form,
            "rows": rows,
            "error_count": sum(1 for row in rows if row.errors),
            "can_import": bool(rows) and not any(row.errors for row in rows),
        },
    )


def account_import(request):
    """Upload, preview with a per-row report, then import everything or nothing."""
    if not access.is_administrator(request.user):
        raise PermissionDenied
    if request.method == "POST" and "confirm" in request.POST:
        return _confirm(request)
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method != "POST" or not form.is_valid():
        return _render(request, form)
    try:
        rows = accounts_import_parse(file=form.cleaned_data["file"], limit=settings.PORTAL_IMPORT_MAX_ROWS)
    except ImportFileError as error:
        form.add_error("file", str(error))
        return _render(request, form)
    if any(row.errors for row in rows):
        request.session.pop(SESSION_KEY, None)
    else:
        request.session[SESSION_KEY] = [asdict(row) for row in rows]
    return _render(request, ImportUploadForm(), rows)


def _confirm(request):
    stored = request.session.pop(SESSION_KEY, None)
    if not stored:
        messages.error(request, ERROR_NOTHING_TO_IMPORT)
        return redirect("portal_account_import")
    rows = [ImportRow(**{**row, "errors": tuple(row["errors"])}) for row in stored]
    try:
        created = accounts_import_apply(rows=rows)
    except ImportRowsInvalid as invalid:
        return _render(request, ImportUploadForm(), invalid.rows)
    invite = bool(request.POST.get("send_invitations"))
    results = [ImportResult(user=user, sent=_invite(request, user) if invite else None) for user in created]
    messages.success(
        request,
        ngettext("%(count)d account created.", "%(count)d accounts created.", len(created)) % {"count": len(created)},
    )
    return render(
        request,
        "portal/admin/account_import_done.html",
        {
            "results": results,
            "sent_count": sum(1 for result in results if result.sent),
            "failed_count": sum(1 for result in results if result.sent is False),
        },
    )


@dataclass(frozen=True)
class ImportResult:
    user: User
    sent: bool | None  # None: no invitation was asked for

    @property
    def outcome(self) -> str:
        if self.sent is None:
            return str(INVITATION_NOT_ASKED)
        return str(INVITATION_SENT if self.sent else INVITATION_NOT_SENT)


def _invite(request, user: User) -> bool:
    try:
        account_invitation_send(user=user, request=request)
    except (OSError, ValueError):
        logger.exception("invitation to user %s not sent", user.pk)
        return False
    return True


def send_invitation(request, user: User) -> bool:
    """Send one invitation and tell the administrator how it went."""
    sent = _invite(request, user)
    if sent:
        messages.success(request, INVITATION_SENT_TO % {"email": user.email})
    else:
        messages.error(request, INVITATION_FAILED % {"email": user.email})
    return sent


def account_invite(request, pk: str):
    """Confirm, then email a person a fresh set-password link (administrators only)."""
    if not access.is_administrator(request.user):
        raise PermissionDenied
    person = get_object_or_404(User, pk=int_param(pk), is_active=True)
    if request.method == "POST":
        send_invitation(request, person)
        return redirect("wagtailusers_users:index")
    return _confirm_page(request, "portal/admin/account_invite.html", person, _("Send invitation"), "mail")


def account_anonymise(request, pk: int):
    """Confirm, then anonymise a leaver (administrators only)."""
    if not access.is_administrator(request.user):
        raise PermissionDenied
    person = get_object_or_404(User, pk=pk)
    if person.pk == request.user.pk:
        raise PermissionDenied
    if request.method == "POST":
        user_anonymise(user=person)
        messages.success(request, _("The account was anonymised."))
        return redirect("wagtailusers_users:index")
    return _confirm_page(request, "portal/admin/account_anonymise.html", person, _("Anonymise account"), "user")


def _confirm_page(request, template: str, person: User, title: str, icon: str):
    """The yes-or-cancel page about one account, which goes back to the user list."""
    context = {"person": person, "title": title, "icon": icon, "cancel_url": reverse("wagtailusers_users:index")}
    return render(request, template, context)
