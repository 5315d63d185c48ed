"""Wagtail admin screens of the portal: the account import."""

from dataclasses import asdict

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
from .services import (
    ImportFileError,
    ImportRow,
    ImportRowsInvalid,
    accounts_import_apply,
    accounts_import_parse,
    user_anonymise,
)

SESSION_KEY = "portal_account_import"
ERROR_NOTHING_TO_IMPORT = _("There is nothing to import: upload the file again.")


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
    messages.success(
        request,
        ngettext(
            "%(count)d account created. People set their password with “Forgot password?” on the login page.",
            "%(count)d accounts created. People set their password with “Forgot password?” on the login page.",
            created,
        )
        % {"count": created},
    )
    return redirect("wagtailusers_users:index")


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
    context = {
        "person": person,
        "title": _("Anonymise account"),
        "icon": "user",
        "cancel_url": reverse("wagtailusers_users:index"),
    }
    return render(request, "portal/admin/account_anonymise.html", context)
