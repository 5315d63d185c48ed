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

from collections.abc import Iterable

from django.contrib.auth.models import Group
from django.db import router
from django.db.models import Model, Q
from django.db.models.deletion import Collector, ProtectedError, RestrictedError
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


def _count(count: int, singular: str, plural: str) -> list[str]:
    return [ngettext(singular, plural, count) % {"count": count}] if count else []


def _cycle(cycle: Cycle) -> list[str]:
    started = SelfAssessment.objects.filter(cycle=cycle)
    reasons = _count(
        started.count(),
        "%(count)d self-assessment was started in this cycle.",
        "%(count)d self-assessments were started in this cycle.",
    )
    if not reasons and (cycle.opened_at is not None or cycle.state() != Cycle.State.DRAFT):
        reasons.append(_("This cycle has opened: its audience was told and its items are frozen."))
    return reasons


def _framework(framework: Framework) -> list[str]:
    items = Item.all_versions.filter(framework=framework)
    return [
        *_count(framework.cycles.count(), "%(count)d cycle uses this framework.",
                "%(count)d cycles use this framework."),
        *_count(Answer.objects.filter(item__in=items).count(), "%(count)d answer was given to its items.",
                "%(count)d answers were given to its items."),
    ]  # fmt: skip


def _department(department: Department) -> list[str]:
    people = Membership.objects.filter(department=department).values("user").distinct().count()
    return [
        *_count(people, "%(count)d person belongs to it or manages it.",
                "%(count)d people belong to it or manage it."),
        *_count(SelfAssessment.objects.filter(department=department).count(),
                "%(count)d self-assessment was made in it.", "%(count)d self-assessments were made in it."),
        *_count(department.assessment_cycles.count(), "%(count)d cycle is meant for it.",
                "%(count)d cycles are meant for it."),
        *_count(department.children.count(), "%(count)d department sits under it.",
                "%(count)d departments sit under it."),
    ]  # fmt: skip


def _account(user: User) -> list[str]:
    return [
        *_count(SelfAssessment.objects.filter(user=user).count(), "%(count)d self-assessment.",
                "%(count)d self-assessments."),
        *_count(StudyLog.objects.filter(user=user).count(), "%(count)d study log.", "%(count)d study logs."),
        *_count(GoldenIdea.objects.filter(author=user).count(), "%(count)d golden idea.", "%(count)d golden ideas."),
        *_count(Review.objects.filter(reviewer=user).count(), "%(count)d review written as a manager.",
                "%(count)d reviews written as a manager."),
        *_count(AuditEvent.objects.filter(Q(viewer=user) | Q(subject=user)).count(),
                "%(count)d entry in the record-views log.", "%(count)d entries in the record-views log."),
    ]  # fmt: skip


def _group(group: Group) -> list[str]:
    return _count(group.user_set.count(), "%(count)d person holds this role.", "%(count)d people hold this role.")


RULES = {Cycle: _cycle, Framework: _framework, Department: _department, User: _account, Group: _group}
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
