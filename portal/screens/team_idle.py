"""/team/'s idle study logs: who has written none for ``idle_workdays`` workdays (see ``attention``)."""

import datetime

from django.utils import formats, timezone
from django.utils.translation import gettext_lazy

from learning import selectors as learning_selectors
from portal import leave
from portal.models import User

from . import attention
from .attention import Periods, Thresholds
from .team_members import Reasons

REASON_IDLE = gettext_lazy(
    "no study log for %(days)d workdays in a row (last log %(date)s; rest days, 调休 and leave not counted)"
)
REASON_NEVER_LOGGED = gettext_lazy(
    "no study log yet: %(days)d workdays since the account was opened (rest days and leave not counted)"
)


def _reason(days: int, last_log: datetime.date | None) -> str:
    if last_log is None:
        return str(REASON_NEVER_LOGGED) % {"days": days}
    return str(REASON_IDLE) % {"days": days, "date": formats.date_format(last_log, "MONTH_DAY_FORMAT")}


def idle_reasons(people: list[User], today: datetime.date, thresholds: Thresholds) -> Reasons:
    ids = [p.pk for p in people]
    last = learning_selectors.last_log_dates(user_ids=ids)
    is_workday = learning_selectors.workday_checker()
    away = leave.leave_days(user_ids=ids, since=today - datetime.timedelta(days=attention.IDLE_CAP * 2), until=today)
    reasons = {}
    for person in people:
        joined = timezone.localtime(person.date_joined).date()
        periods: Periods = away.get(person.pk, [])
        if attention.left_out(joined=joined, today=today, leave=periods, thresholds=thresholds):
            continue
        days = attention.idle_workdays(last_log=last.get(person.pk), joined=joined, today=today,
                                       is_workday=is_workday, leave=periods)  # fmt: skip
        if days >= thresholds.idle_workdays:
            reasons[person.pk] = [_reason(days, last.get(person.pk))]
    return reasons
