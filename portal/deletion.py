"""What the admins may delete: a record in use is refused, with the reasons as counts, never names.

- a cycle only before it opens and while nobody has started it (an opened cycle told its
  audience and froze its items);
- a framework only when no cycle uses it and nobody answered its items (set it inactive instead);
- a department only when nobody belongs to it, no assessment was made in it, no cycle is
  meant for it and no department sits under it;
- an account only when nothing was recorded by or about the person (deactivate the account,
  or anonymise a leaver, instead);
- a role group only when nobody holds the role.
Anything else that the database protects is refused too, counted per kind of record, so
no delete in any admin answers a server error.
"""

from collections.abc import Callable, Iterable
from typing import Any

from django.contrib.auth.models import Group
from django.db import router
from django.db.models import Model, Q
from django.db.models.deletion import Collector, ProtectedError, RestrictedError
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from assessments.models import Answer, Cycle, Framework, Item, Review, SelfAssessment
from learning.models import GoldenIdea, StudyLog

from .models import AuditEvent, Department, Membership, User

HINT_CYCLE = gettext_lazy("Only a cycle that has not opened and that nobody has started can be deleted.")
HINT_FRAMEWORK = gettext_lazy(
    "Set the framework inactive instead: new cycles then cannot choose it, and past ones keep it."
)
HINT_DEPARTMENT = gettext_lazy("Move its people and cycles to another department first.")
HINT_ACCOUNT = gettext_lazy("Deactivate the account instead (its records are kept), or anonymise a leaver.")


def _counted(*counts: tuple[int, str]) -> list[str]:
    """The sentences whose count is not zero, each formatted with its count."""
    return [text % {"count": count} for count, text in counts if count]


def _cycle(cycle: Cycle) -> list[str]:
    started = SelfAssessment.objects.filter(cycle=cycle).count()
    if started:
        return _counted(
            (
                started,
                ngettext(
                    "%(count)d self-assessment was started in this cycle.",
                    "%(count)d self-assessments were started in this cycle.",
                    started,
                ),
            )
        )
    if cycle.opened_at is not None or cycle.state() != Cycle.State.DRAFT:
        return [_("This cycle has opened: its audience was told and its items are frozen.")]
    return []


def _framework(framework: Framework) -> list[str]:
    cycles = framework.cycles.count()
    answers = Answer.objects.filter(item__in=Item.all_versions.filter(framework=framework)).count()
    return _counted(
        (cycles, ngettext("%(count)d cycle uses this framework.", "%(count)d cycles use this framework.", cycles)),
        (answers, ngettext("%(count)d answer was given to its items.", "%(count)d answers were given to its items.",
                           answers)),
    )  # fmt: skip


def _department(department: Department) -> list[str]:
    people = Membership.objects.filter(department=department).values("user").distinct().count()
    made = SelfAssessment.objects.filter(department=department).count()
    cycles = department.assessment_cycles.count()
    children = department.children.count()
    return _counted(
        (people, ngettext("%(count)d person belongs to it or manages it.",
                          "%(count)d people belong to it or manage it.", people)),
        (made, ngettext("%(count)d self-assessment was made in it.", "%(count)d self-assessments were made in it.",
                        made)),
        (cycles, ngettext("%(count)d cycle is meant for it.", "%(count)d cycles are meant for it.", cycles)),
        (children, ngettext("%(count)d department sits under it.", "%(count)d departments sit under it.",
                            children)),
    )  # fmt: skip


def _account(user: User) -> list[str]:
    assessments = SelfAssessment.objects.filter(user=user).count()
    logs = StudyLog.objects.filter(user=user).count()
    ideas = GoldenIdea.objects.filter(author=user).count()
    reviews = Review.objects.filter(reviewer=user).count()
    views = AuditEvent.objects.filter(Q(viewer=user) | Q(subject=user)).count()
    return _counted(
        (assessments, ngettext("%(count)d self-assessment.", "%(count)d self-assessments.", assessments)),
        (logs, ngettext("%(count)d study log.", "%(count)d study logs.", logs)),
        (ideas, ngettext("%(count)d golden idea.", "%(count)d golden ideas.", ideas)),
        (reviews, ngettext("%(count)d review written as a manager.", "%(count)d reviews written as a manager.",
                           reviews)),
        (views, ngettext("%(count)d entry in the record-views log.", "%(count)d entries in the record-views log.",
                         views)),
    )  # fmt: skip


def _group(group: Group) -> list[str]:
    holders = group.user_set.count()
    return _counted((holders, ngettext("%(count)d person holds this role.", "%(count)d people hold this role.",
                                       holders)))  # fmt: skip


RULES: dict[type[Model], Callable[[Any], list[str]]] = {
    Cycle: _cycle,
    Framework: _framework,
    Department: _department,
    User: _account,
    Group: _group,
}
HINTS = {Cycle: HINT_CYCLE, Framework: HINT_FRAMEWORK, Department: HINT_DEPARTMENT, User: HINT_ACCOUNT}


def _protected(obj: Model) -> list[str]:
    """What the database itself would refuse to delete with ``obj``, counted per kind of record."""
    collector = Collector(using=router.db_for_write(type(obj)))
    try:
        collector.collect([obj])
    except (ProtectedError, RestrictedError) as error:
        blocking = error.protected_objects if isinstance(error, ProtectedError) else error.restricted_objects
        counts: dict[str, int] = {}
        for record in blocking:
            name = str(record._meta.verbose_name_plural)
            counts[name] = counts.get(name, 0) + 1
        return [_("%(count)d %(records)s refer to it.") % {"count": n, "records": name} for name, n in counts.items()]
    return []


def delete_blockers(obj: Model) -> list[str]:
    """Why ``obj`` may not be deleted now, as sentences with counts (empty: it may be deleted)."""
    rule = next((rule for model, rule in RULES.items() if isinstance(obj, model)), None)
    reasons = rule(obj) if rule else []
    return reasons or _protected(obj)


def delete_refusals(objects: Iterable[Model]) -> list[dict]:
    """Each object that may not be deleted, with its reasons and a hint of what to do instead."""
    refusals = []
    for obj in objects:
        reasons = delete_blockers(obj)
        if reasons:
            hint = next((hint for model, hint in HINTS.items() if isinstance(obj, model)), "")
            refusals.append({"object": str(obj), "reasons": reasons, "hint": str(hint)})
    return refusals


def refused_response(request, objects: Iterable[Model]) -> HttpResponse | None:
    """The admin's refusal page (409) when any of ``objects`` is in use, else None (the delete may go on)."""
    refusals = delete_refusals(objects)
    if not refusals:
        return None
    back = request.GET.get("next") or request.META.get("HTTP_REFERER") or ""
    if not back.startswith("/") or back.startswith("//"):  # only back into this site
        back = reverse("wagtailadmin_home")
    context = {"title": _("Cannot delete"), "refusals": refusals, "back_url": back}
    return render(request, "portal/admin/delete_refused.html", context, status=409)
