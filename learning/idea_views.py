"""Golden ideas (金点子): the author's pages and the managers' team list."""

import uuid

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from portal import access
from portal.services import audit_record_view, audit_record_views

from . import selectors, services
from .access import access_idea_by_id, can_move_idea
from .forms import IdeaForm, IdeaMoveForm
from .models import GoldenIdea

MESSAGE_SUBMITTED = gettext_lazy("Thank you: your golden idea is with your managers.")
MESSAGE_MOVED = gettext_lazy("The idea is now “%(status)s”; the author has been told.")
ERROR_MOVED_MEANWHILE = gettext_lazy(
    "This idea was moved by someone else meanwhile; it is now “%(status)s”. Nothing was changed."
)
IDEAS_PER_PAGE = 20


@require_GET
def idea_list(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    ideas = Paginator(selectors.ideas_of(user=request.user), IDEAS_PER_PAGE).get_page(request.GET.get("page"))
    weeks = selectors.idea_weeks(user=request.user, today=today)
    return render(
        request,
        "learning/idea_list.html",
        {
            "ideas": ideas,
            "weeks": weeks,
            "weeks_with_idea": sum(1 for week in weeks if week.count),
            "outcomes": selectors.idea_outcomes(user=request.user),
        },
    )


@require_http_methods(["GET", "POST"])
def idea_new(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = IdeaForm(request.POST)
        if form.is_valid():
            idea = services.idea_submit(author=request.user, **form.cleaned_data)
            messages.success(request, MESSAGE_SUBMITTED)
            # The flag tells the page to drop the draft kept in the browser: the server has the idea now.
            return redirect(reverse("learning:idea-detail", args=[idea.pk]) + "?submitted=1")
    else:
        form = IdeaForm(initial={"submission_key": uuid.uuid4()})
    return render(request, "learning/idea_form.html", {"form": form})


def _move_form(idea: GoldenIdea, data=None) -> IdeaMoveForm | None:
    next_statuses = services.NEXT_STATUSES[idea.status]
    if not next_statuses:
        return None
    return IdeaMoveForm(
        data, next_statuses=next_statuses, initial={"from_status": idea.status}, prefix=f"idea{idea.pk}"
    )


@require_GET
def idea_detail(request: HttpRequest, pk: int) -> HttpResponse:
    idea = access_idea_by_id(request.user, pk)
    audit_record_view(viewer=request.user, subject=idea.author, what="golden idea", object_id=idea.pk)
    return render(
        request,
        "learning/idea_detail.html",
        {
            "idea": idea,
            "steps": selectors.idea_steps(idea=idea),
            "move_form": _move_form(idea) if can_move_idea(request.user, idea) else None,
            "is_author": idea.author_id == request.user.pk,
            "is_new": request.GET.get("submitted") == "1",
        },
    )


@require_POST
def idea_move(request: HttpRequest, pk: int) -> HttpResponse:
    idea = access_idea_by_id(request.user, pk, write=True)
    form = _move_form(idea, request.POST)
    # The pages post their own path; anything else (a bare word would even reach redirect() as a URL name
    # and fail) goes to the idea.
    target = request.POST.get("next", "")
    if not target.startswith("/") or not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = reverse("learning:idea-detail", args=[idea.pk])
    if form is None or not form.is_valid():
        if form is not None and form.errors:
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, error)
        return HttpResponseRedirect(target)
    try:
        idea = services.idea_advance(
            idea=idea,
            from_status=form.cleaned_data["from_status"],
            to_status=form.cleaned_data["to_status"],
            note=form.cleaned_data["note"],
            by=request.user,
        )
    except services.IdeaMoveRefused:
        idea.refresh_from_db()
        messages.error(request, ERROR_MOVED_MEANWHILE % {"status": idea.get_status_display()})
        return HttpResponseRedirect(target)
    messages.success(request, MESSAGE_MOVED % {"status": idea.get_status_display()})
    return HttpResponseRedirect(target)


@require_GET
def team_ideas(request: HttpRequest) -> HttpResponse:
    is_leader = access.is_office_leader(request.user)
    if not (access.is_manager(request.user) or is_leader):
        raise PermissionDenied
    ideas = selectors.ideas_visible_to(viewer=request.user)
    status = request.GET.get("status", "")
    if status in GoldenIdea.Status.values:
        ideas = ideas.filter(status=status)
    page = Paginator(ideas, IDEAS_PER_PAGE).get_page(request.GET.get("page"))
    authors = {idea.author_id: idea.author for idea in page}
    audit_record_views(viewer=request.user, subjects=authors, what="golden ideas")
    managed = set(access.team_members(manager=request.user).filter(pk__in=authors).values_list("pk", flat=True))
    rows = [(idea, _move_form(idea) if idea.author_id in managed else None) for idea in page]
    return render(
        request,
        "learning/team_ideas.html",
        {"page": page, "rows": rows, "status": status, "statuses": GoldenIdea.Status.choices},
    )
