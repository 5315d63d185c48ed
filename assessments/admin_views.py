"""Wagtail admin screens of the assessments: closing a cycle before its date."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from .models import Cycle
from .services import cycle_close

CYCLE_LIST_URL = "wagtailsnippets_assessments_cycle:list"


def cycle_close_now(request, pk: int):
    """Confirm, then close an open cycle today: drafts stay drafts, later submits are refused."""
    if not request.user.has_perm("assessments.change_cycle"):
        raise PermissionDenied
    cycle = get_object_or_404(Cycle, pk=pk)
    if request.method == "POST":
        cycle_close(cycle=cycle)
        messages.success(request, _("%(cycle)s is closed.") % {"cycle": cycle.name})
        return redirect(CYCLE_LIST_URL)
    context = {"cycle": cycle, "title": _("Close the cycle now"), "icon": "date", "cancel_url": reverse(CYCLE_LIST_URL)}
    return render(request, "assessments/admin/cycle_close.html", context)
