"""What the exports hold: a manager's team results of a cycle, and everything the portal holds about a person.

Both are read in the language of the person asking (headers, sheet names, states, file names),
with times in local time (Asia/Shanghai) and means with one decimal; ``portal.exports`` writes
the files. The team export lists every active member of the department with their state, so a
manager can hand it on: a draft shows its state, never its answers.
"""

import re
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from assessments import scoring
from assessments import selectors as assessment_selectors
from assessments.models import Cycle
from learning import selectors as learning_selectors

from .models import Department, User
from .params import int_param
from .selectors import portal_export

Rows = list[dict[str, object]]


def state_labels() -> dict[str, str]:
    return {
        "submitted": _("Submitted"),
        "draft": _("Draft"),
        "returned": _("Returned for changes"),
        "not_started": _("Not started"),
    }


def yes_no(value: bool) -> str:
    return _("yes") if value else _("no")


@dataclass(frozen=True)
class TeamResults:
    cycle: Cycle | None
    rows: Rows
    sheet_name: str
    file_stem: str  # e.g. 秘书一处-2026年第6期自评结果
    ascii_stem: str  # the fallback for programs that cannot read a UTF-8 file name


def _short_cycle_name(cycle: Cycle) -> str:
    """The cycle's name without a trailing period in brackets: 2026年第6期(11-12月) -> 2026年第6期."""
    return re.sub(r"\s*[（(][^（）()]*[)）]\s*$", "", cycle.name) or cycle.name


def team_results(*, department: Department, cycle_id: str | None) -> TeamResults:
    """Every active member of ``department`` in a cycle (the chosen one, else the latest): state, time, scores."""
    cycles = assessment_selectors.department_cycles(department=department)
    wanted = int_param(cycle_id)
    cycle = next((c for c in cycles if c.pk == wanted), cycles[0] if cycles else None)
    stem = _("%(department)s-%(cycle)s self-assessment results")
    if cycle is None:
        return TeamResults(None, [], department.name, department.name, f"team-{department.pk}")
    items, members = assessment_selectors.cycle_results(department=department, cycle=cycle)
    frameworks = list(dict.fromkeys(item.framework for item in items))
    labels = state_labels()
    rows: Rows = []
    for member in members:
        row: dict[str, object] = {
            _("Person"): member.name,
            _("Status"): labels[member.state],
            _("Submitted at"): timezone.localtime(member.submitted_at) if member.submitted_at else "",
            _("Reviewed"): yes_no(member.reviewed) if member.state == "submitted" else "",
        }
        for framework in frameworks:
            own = {i.code: member.ratings.get(i.pk, (None, None))[0] for i in items if i.framework == framework}
            theirs = {i.code: member.ratings.get(i.pk, (None, None))[1] for i in items if i.framework == framework}
            score, manager_score = scoring.framework_score(own), scoring.framework_score(theirs)
            row[_("%(framework)s (self, mean)") % {"framework": framework.name}] = _one_decimal(score)
            row[_("%(framework)s (manager, mean)") % {"framework": framework.name}] = _one_decimal(manager_score)
        for item in items:
            rating, manager = member.ratings.get(item.pk, (None, None))
            row[_("%(item)s (self)") % {"item": item.title}] = rating
            row[_("%(item)s (manager)") % {"item": item.title}] = manager
        rows.append(row)
    names = {"department": department.name, "cycle": _short_cycle_name(cycle)}
    return TeamResults(cycle, rows, _short_cycle_name(cycle), stem % names,
                       f"team-results-{department.pk}-{cycle.opens_on.isoformat()}")  # fmt: skip


def _one_decimal(value: float | None) -> float | None:
    return None if value is None else round(float(value), 1)


def personal_export(*, user: User) -> dict[str, Rows]:
    """Everything the portal holds about the person, a sheet per record type.

    Keys are stable (the JSON file is for programs); values read as the person reads them (states
    translated, local times). ``labelled`` turns the keys into headers in the person's language.
    """
    return {
        **portal_export(user=user),
        **learning_selectors.learning_export(user=user),
        **assessment_selectors.assessments_export(user=user),
    }


# Sheet names and column headers of the personal export, read in the person's language when exported.
LABELS = {
    "Profile": gettext_lazy("Profile"), "Memberships": gettext_lazy("Departments"),
    "Notices": gettext_lazy("Notices"), "Viewed by": gettext_lazy("Who viewed my records"),
    "study_logs": gettext_lazy("Study logs"), "golden_ideas": gettext_lazy("Golden ideas"),
    "idea_steps": gettext_lazy("Idea steps"), "Self-assessments": gettext_lazy("Self-assessments"),
    "Answers": gettext_lazy("Answers"), "Improvement items": gettext_lazy("What I will change"),
    "Look backs": gettext_lazy("Looking back"),
    "username": gettext_lazy("Username"), "display_name": gettext_lazy("Display name"),
    "email": gettext_lazy("Email"), "language": gettext_lazy("Language"),
    "reminders": gettext_lazy("Study reminders"), "joined": gettext_lazy("Joined"),
    "last_login": gettext_lazy("Last signed in"), "department": gettext_lazy("Department"),
    "role": gettext_lazy("Role"), "created": gettext_lazy("Created"), "message": gettext_lazy("Message"),
    "read": gettext_lazy("Read"), "when": gettext_lazy("When"), "viewer": gettext_lazy("Viewer"),
    "what": gettext_lazy("What was read"), "record": gettext_lazy("Record number"),
    "date": gettext_lazy("Date"), "saved": gettext_lazy("Saved"), "minutes": gettext_lazy("Minutes"),
    "materials": gettext_lazy("Materials"), "sources": gettext_lazy("Other sources"),
    "insight": gettext_lazy("Insight"), "framework_items": gettext_lazy("Framework items"),
    "shared_with_manager": gettext_lazy("Shared with my manager"),
    "kept_for_summary": gettext_lazy("Kept for the year-end summary"),
    "unsaved_draft_insight": gettext_lazy("Unsaved draft of the insight"),
    "id": gettext_lazy("Number"), "submitted": gettext_lazy("Submitted"), "title": gettext_lazy("Title"),
    "body": gettext_lazy("Idea"), "category": gettext_lazy("Category"), "status": gettext_lazy("Status"),
    "idea_id": gettext_lazy("Idea number"), "note": gettext_lazy("Note"), "cycle": gettext_lazy("Cycle"),
    "started_at": gettext_lazy("Started"), "submitted_at": gettext_lazy("Submitted at"),
    "reopen_reason": gettext_lazy("Reason for reopening"), "reopened_until": gettext_lazy("Open until"),
    "manager_comment": gettext_lazy("Manager's comment"), "framework": gettext_lazy("Framework"),
    "item": gettext_lazy("Item"), "item_version": gettext_lazy("Item version"),
    "rating": gettext_lazy("Self rating"), "manager_rating": gettext_lazy("Manager rating"),
    "position": gettext_lazy("Number"), "text": gettext_lazy("What I will change"),
    "improvement": gettext_lazy("What I said I would change"), "progress": gettext_lazy("How it went"),
}  # fmt: skip


def labelled(sheets: dict[str, Rows]) -> dict[str, Rows]:
    """The same sheets with sheet names and headers in the language active now (for people, not programs)."""

    def label(key: str) -> str:
        return str(LABELS.get(key, key))

    return {label(name): [{label(k): v for k, v in row.items()} for row in rows] for name, rows in sheets.items()}
