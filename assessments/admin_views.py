"""Wagtail admin screens of the assessments: closing a cycle before its date, and who stands where in a cycle.

Administrators see names and states only, never answers: the people page lists each person's
state, and one person's assessment can be reopened there (with a reason and a personal deadline),
which is how a closed cycle takes a late or corrected submission.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from portal.models import User

from .forms import ReopenForm
from .models import Cycle, SelfAssessment
from .selectors import cycle_people
from .services import AssessmentRefused, assessment_reopen_for, cycle_close, reopen_default_until

CYCLE_LIST_URL = "wagtailsnippets_assessments_cycle:list"


def _check(request) -> None:
    if not request.user.has_perm("assessments.change_cycle"):
        raise PermissionDenied


def cycle_close_now(request, pk: int):
    """Confirm, then close an open cycle today: drafts stay drafts, later submits are refused."""
    _check(request)
    cycle = get_object_or_404(Cycle, pk=pk)
    if request.method == "POST":
        cycle_close(cycle=cycle)
        messages.success(request, _("%(cycle)s is closed.") % {"cycle": cycle.name})
        return redirect(CYCLE_LIST_URL)
    reopened = SelfAssessment.objects.filter(cycle=cycle, status=SelfAssessment.Status.DRAFT,
                                             reopened_until__gte=cycle.closes_on).count()  # fmt: skip
    context = {
        "cycle": cycle, "title": _("Close the cycle now"), "icon": "date", "cancel_url": reverse(CYCLE_LIST_URL),
        "reopened": reopened,
    }  # fmt: skip
    return render(request, "assessments/admin/cycle_close.html", context)


def cycle_people_view(request, pk: int):
    """Everyone in a cycle with their state (names and states only); reopen one person's from here."""
    _check(request)
    cycle = get_object_or_404(Cycle, pk=pk)
    context = {
        "cycle": cycle, "people": cycle_people(cycle=cycle), "can_reopen": cycle.opened_at is not None,
        "title": _("People in %(cycle)s") % {"cycle": cycle.name}, "back_url": reverse(CYCLE_LIST_URL),
    }  # fmt: skip
    return render(request, "assessments/admin/cycle_people.html", context)


def cycle_person_reopen(request, pk: int, user_id: int):
    """Reopen one person's assessment of a cycle, open or closed, with a reason and a personal deadline."""
    _check(request)
    cycle = get_object_or_404(Cycle, pk=pk)
    person = next((p for p in cycle_people(cycle=cycle) if p.user_id == user_id), None)
    if person is None:
        raise Http404
    user = get_object_or_404(User, pk=user_id)
    form = ReopenForm(request.POST or None, initial={"until": reopen_default_until(cycle=cycle)})
    people_url = reverse("assessments_cycle_people", args=[cycle.pk])
    if request.method == "POST" and form.is_valid():
        try:
            assessment_reopen_for(cycle=cycle, user=user, by=request.user, reason=form.cleaned_data["reason"],
                                  until=form.cleaned_data["until"])  # fmt: skip
        except AssessmentRefused as refused:
            form.add_error(None, refused.message)
        else:
            messages.success(request, _("Reopened for %(name)s until %(until)s; they have been told why.")
                             % {"name": person.name, "until": date_format(form.cleaned_data["until"])})  # fmt: skip
            return redirect(people_url)
    context = {"cycle": cycle, "person": person, "form": form, "cancel_url": people_url,
               "title": _("Reopen for one person")}  # fmt: skip
    return render(request, "assessments/admin/cycle_person_reopen.html", context, status=400 if form.errors else 200)
