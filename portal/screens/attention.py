"""Who may need a conversation (pure). Nobody is ranked; every reason says how it was computed.

- not submitted with ``days_left`` days or fewer before an open cycle closes;
- a framework score ``drop`` points or more below the previous cycle (over the items rated in both);
- no study log on ``idle_workdays`` consecutive workdays: counted back from yesterday to the later
  of the last saved log and the account's first day; holidays, 调休 rest days and leave are not
  workdays. People whose account is younger than ``new_account_days`` or who are on leave today
  are left out.
"""

import datetime
from collections.abc import Callable, Sequence
from dataclasses import dataclass

IDLE_CAP = 60  # counting stops here: "60 workdays or more"


@dataclass(frozen=True)
class Thresholds:
    days_left: int = 3
    drop: float = 1.0
    idle_workdays: int = 5
    new_account_days: int = 14


THRESHOLDS = Thresholds()
Periods = Sequence[tuple[datetime.date, datetime.date]]


def on_leave(day: datetime.date, leave: Periods) -> bool:
    return any(starts <= day <= ends for starts, ends in leave)


def idle_workdays(*, last_log: datetime.date | None, joined: datetime.date, today: datetime.date,
                  is_workday: Callable[[datetime.date], bool], leave: Periods = ()) -> int:  # fmt: skip
    """Consecutive workdays without a log before today (today's log may still come tonight)."""
    start = max(last_log + datetime.timedelta(days=1), joined) if last_log else joined
    day, count = today - datetime.timedelta(days=1), 0
    while day >= start and count < IDLE_CAP:
        if is_workday(day) and not on_leave(day, leave):
            count += 1
        day -= datetime.timedelta(days=1)
    return count


def left_out(*, joined: datetime.date, today: datetime.date, leave: Periods, thresholds: Thresholds) -> bool:
    """New accounts and people on leave today are not listed."""
    return (today - joined).days < thresholds.new_account_days or on_leave(today, leave)
