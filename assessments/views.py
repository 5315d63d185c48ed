from django.contrib import messages
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.formats import time_format
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_POST

from portal.params import int_from, int_param
from portal.services import audit_record_view

from . import selectors, services
from .access import access_assessment_by_id, access_assessment_for_review_by_id
from .forms import ReopenForm, ReviewForm, StepForm
from .models import Cycle, SelfAssessment

STEP_MAX = 99
MESSAGE_SUBMITTED = _("Submitted. Thank you: your self-assessment is now locked.")
MESSAGE_REVIEW_SAVED = _("Your review is saved; the person can read it now.")
MESSAGE_REOPENED = _("Reopened. The person has been told why.")
ERROR_REVIEW_CONFLICT = _(
    "A newer review was saved in another tab or by another manager while you were writing. Both texts are "
    "shown: nothing is saved until you save again."
)
ERROR_CONFLICT = _(
    "Newer answers were saved in another tab or device. What you typed is kept below: "
    "check it and save again to keep it."
)


def cycle_list(request: HttpRequest) -> HttpResponse:
    lists = selectors.cycle_lists(user=request.user)
    sections = [
        (_("Open now"), lists.open, _("No cycle is open at the moment.")),
        (_("Coming up"), lists.upcoming, _("No cycle is planned yet.")),
        (_("Past cycles"), lists.past, _("No past cycles yet.")),
    ]
    return render(request, "assessments/cycle_list.html", {"sections": sections})


@require_POST
def cycle_start(request: HttpRequest, cycle_id: int) -> HttpResponse:
    cycle = get_object_or_404(Cycle.objects.for_user(request.user), pk=cycle_id)
    try:
        assessment = services.assessment_start(cycle=cycle, user=request.user)
    except services.AssessmentRefused as refused:
        messages.error(request, refused.message)
        return redirect("assessments:cycle-list")
    return redirect("assessments:detail", pk=assessment.pk)


def _step_url(assessment: SelfAssessment, number: int) -> str:
    return f"{reverse('assessments:detail', args=[assessment.pk])}?step={number}"


def _form_context(assessment: SelfAssessment, step_number: int | None, data=None) -> dict:
    content = selectors.assessment_content(assessment=assessment)  # every step below reads from these rows
    steps = content.steps
    number = step_number if step_number in range(1, len(steps) + 1) else 1
    step = steps[number - 1]
    form = StepForm(
        data,
        initial=StepForm.initial_for(assessment, content),
        step=step,
        items=content.items,
        previous_improvements=content.previous_improvements,
    )
    context = {
        "assessment": assessment, "steps": steps, "step": step, "form": form, "previous": content.previous,
        "min_reflection": selectors.MIN_REFLECTION_LENGTH, "events": selectors.assessment_events(assessment=assessment),
    }  # fmt: skip
    if step.kind == "review":
        context["report"] = selectors.content_report(content)
        context["missing"] = selectors.content_missing(content)
        context["improvements"] = content.improvements
    return context


def _step_number(request: HttpRequest) -> int | None:
    return int_param(request.POST.get("step") or request.GET.get("step"), maximum=STEP_MAX)


@require_http_methods(["GET", "POST"])
def assessment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = access_assessment_by_id(request.user, pk)
    if not assessment.is_editable():
        return render(request, "assessments/assessment_read.html", _read_context(assessment))
    number = _step_number(request)
    if request.method == "GET":
        return render(request, "assessments/assessment_form.html", _form_context(assessment, number))
    context = _form_context(assessment, number, data=request.POST)
    form = context["form"]
    if not form.is_valid():
        return render(request, "assessments/assessment_form.html", context, status=400)
    try:
        services.assessment_save(assessment=assessment, changes=form.changes(), version=form.cleaned_data["version"])
    except services.VersionConflict as conflict:
        data = request.POST.copy()
        data["version"] = conflict.assessment.version
        context = _form_context(assessment, number, data=data)
        context["conflict"] = ERROR_CONFLICT
        return render(request, "assessments/assessment_form.html", context, status=409)
    except services.AssessmentRefused as refused:
        messages.error(request, refused.message)
        return redirect("assessments:detail", pk=assessment.pk)
    target = int_from(request.POST, "go", maximum=STEP_MAX)
    return redirect(_step_url(assessment, target if target is not None else context["step"].number))


@require_POST
def assessment_autosave(request: HttpRequest, pk: int) -> JsonResponse:
    assessment = access_assessment_by_id(request.user, pk, write=True)
    context = _form_context(assessment, _step_number(request), data=request.POST)
    form = context["form"]
    if not form.is_valid():
        return JsonResponse({"errors": form.errors.get_json_data()}, status=400)
    try:
        saved = services.assessment_save(
            assessment=assessment, changes=form.changes(), version=form.cleaned_data["version"]
        )
    except services.VersionConflict as conflict:
        current = StepForm.initial_for(conflict.assessment)
        fields = {name: current.get(name, "") for name in form.fields if name != "version"}
        return JsonResponse({"version": conflict.assessment.version, "fields": fields}, status=409)
    except services.AssessmentRefused as refused:
        return JsonResponse({"errors": {"__all__": [{"message": str(refused.message)}]}}, status=400)
    return JsonResponse({"version": saved.version, "saved_at": time_format(timezone.localtime(), "H:i")})


@require_POST
def assessment_submit(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = access_assessment_by_id(request.user, pk, write=True)
    try:
        services.assessment_submit(assessment=assessment, by=request.user)
    except services.AssessmentIncomplete as incomplete:
        messages.error(request, incomplete.message)
        steps = selectors.assessment_steps(items=selectors.cycle_item_rows(cycle=assessment.cycle))
        return redirect(_step_url(assessment, steps[-1].number))
    except services.AssessmentRefused as refused:
        messages.error(request, refused.message)
        return redirect("assessments:detail", pk=assessment.pk)
    messages.success(request, MESSAGE_SUBMITTED)
    return redirect("assessments:detail", pk=assessment.pk)


def _read_context(assessment: SelfAssessment) -> dict:
    content = selectors.assessment_content(assessment=assessment)
    return {
        "clear_keys": [f"assessment-{assessment.pk}-step-{step.number}" for step in content.steps],
        "assessment": assessment,
        "content": content,
        "report": selectors.content_report(content),
        "improvements": content.improvements,
        "look_backs": content.look_backs,
        "review": getattr(assessment, "review", None) if assessment.is_submitted else None,
        "events": selectors.assessment_events(assessment=assessment),
        "missing": [] if assessment.is_submitted else selectors.content_missing(content),
    }


def _review_context(assessment: SelfAssessment, form: ReviewForm, context: dict) -> dict:
    fields = {name: form[name] for name in form.fields}
    sections = [
        (report, [(line, fields.get(f"manager-{line.answer_id}")) for line in report.lines])
        for report in context["report"]
    ]
    # The errors summarised at the top, each linking to its field (as step 6 of the self-assessment does).
    labels = {f"manager-{line.answer_id}": line.item.title for report in context["report"] for line in report.lines}
    summary = [
        (f"id_{name}", labels.get(name, fields[name].label), error)
        for name, errors in form.errors.items() if name in fields for error in errors
    ]  # fmt: skip
    reopen_form = ReopenForm(initial={"until": services.reopen_default_until(cycle=assessment.cycle)})
    return {**context, "form": form, "sections": sections, "error_summary": summary, "reopen_form": reopen_form}


@require_http_methods(["GET", "POST"])
def assessment_review(request: HttpRequest, pk: int) -> HttpResponse:
    """The review against the person's own rubric; a stale tab or a parallel post gets 409, never an overwrite."""
    assessment = access_assessment_for_review_by_id(request.user, pk)
    audit_record_view(viewer=request.user, subject=assessment.user, what="assessment", object_id=assessment.pk)
    context = _read_context(assessment)
    context["next_review"] = selectors.review_inbox_next(manager=request.user, after=assessment)
    answer_ids = [line.answer_id for report in context["report"] for line in report.lines if line.answer_id]
    review = context["review"]
    initial = {"comment": review.comment if review else "", "version": review.version if review else 0}
    initial.update({f"manager-{a.pk}": a.manager_rating for a in context["content"].answers})
    form = ReviewForm(request.POST or None, initial=initial, answer_ids=answer_ids)
    if request.method == "POST" and form.is_valid():
        try:
            services.review_save(
                assessment=assessment, reviewer=request.user, comment=form.cleaned_data["comment"],
                ratings=form.ratings(), version=form.cleaned_data["version"],
            )  # fmt: skip
        except services.ReviewConflict as conflict:
            data = request.POST.copy()
            data["version"] = str(conflict.review.version)  # saving again now keeps what you typed, deliberately
            form = ReviewForm(data, initial=initial, answer_ids=answer_ids)
            form.is_valid()
            context["review"] = conflict.review
            context["conflict"] = {"theirs": conflict.review, "mine": request.POST.get("comment", "")}
            return render(request, "assessments/assessment_review.html", _review_context(assessment, form, context),
                          status=409)  # fmt: skip
        except services.AssessmentRefused as refused:
            messages.error(request, refused.message)
        else:
            messages.success(request, MESSAGE_REVIEW_SAVED)
        return redirect("assessments:review", pk=assessment.pk)
    status = 400 if form.errors else 200
    return render(request, "assessments/assessment_review.html", _review_context(assessment, form, context),
                  status=status)  # fmt: skip


@require_POST
def assessment_reopen(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = access_assessment_for_review_by_id(request.user, pk)
    form = ReopenForm(request.POST)
    try:
        if not form.is_valid():
            raise services.AssessmentRefused(form.first_error())
        services.assessment_reopen(
            assessment=assessment, by=request.user, reason=form.cleaned_data["reason"], until=form.cleaned_data["until"]
        )
    except services.AssessmentRefused as refused:
        messages.error(request, refused.message)
        return redirect("assessments:review", pk=assessment.pk)
    messages.success(request, MESSAGE_REOPENED)
    # The reopened draft is the person's again (invisible to managers), so the manager goes back to their team.
    try:
        return redirect(reverse("dashboards:team"))
    except NoReverseMatch:
        return redirect("assessments:cycle-list")
