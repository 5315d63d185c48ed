"""Which cycle a dashboard shows: the one asked for (``?cycle=``) if started, else the latest."""

from assessments.models import Cycle
from portal.params import int_param


def pick_cycle(cycles: list[Cycle], cycle_id: str | None) -> Cycle | None:
    """``cycles`` newest first, as ``cycles_started`` returns them."""
    wanted = int_param(cycle_id)
    return next((cycle for cycle in cycles if cycle.pk == wanted), cycles[0] if cycles else None)


def previous_cycle(cycles: list[Cycle], cycle: Cycle) -> Cycle | None:
    return next((c for c in cycles if c.opens_on < cycle.opens_on), None)
