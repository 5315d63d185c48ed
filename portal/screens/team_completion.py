"""/team/'s completion lists (submitted, draft, not started) and who is late with a cycle about to close."""

import datetime

from django.utils import formats
from django.utils.translation import gettext_lazy

from assessments.models import Cycle, SelfAssessment

from .attention import Thresholds
from .team_members import Member, Reasons

NOT_STARTED = "not_started"
STATE_LABELS = {
    SelfAssessment.Status.SUBMITTED: gettext_lazy("✓ Submitted"),
    SelfAssessment.Status.DRAFT: gettext_lazy("✎ Draft"),
    NOT_STARTED: gettext_lazy("○ Not started"),
}
REASON_NOT_SUBMITTED = gettext_lazy("not submitted, %(days)d days left (the cycle closes on %(date)s)")

Completion = list[tuple[str, object, list[Member]]]  # (status, label, members)


def completion(states: dict[int, str], members: list[Member]) -> Completion:
    """Submitted first, then the other statuses, then not started."""
    labels = [(s.value, STATE_LABELS.get(s.value, s.label)) for s in SelfAssessment.Status]
    labels = sorted(labels, key=lambda pair: pair[0] != SelfAssessment.Status.SUBMITTED)
    labels.append((NOT_STARTED, STATE_LABELS[NOT_STARTED]))
    return [(v, label, [m for m in members if states.get(m.pk, NOT_STARTED) == v]) for v, label in labels]


def not_submitted(cycle: Cycle, states: dict[int, str], members: list[Member], today: datetime.date,
                  thresholds: Thresholds) -> Reasons:  # fmt: skip
    days = cycle.days_left(today)
    if not cycle.is_open(today) or days > thresholds.days_left:
        return {}
    closes = formats.date_format(cycle.closes_on, "MONTH_DAY_FORMAT")
    reason = str(REASON_NOT_SUBMITTED) % {"days": days, "date": closes}
    return {m.pk: [reason] for m in members if states.get(m.pk) != SelfAssessment.Status.SUBMITTED}
