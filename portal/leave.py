"""Leave periods: days a person is away, left out of the attention list. Reads and writes in one small module."""

import datetime

from django.db import transaction
from django.utils.translation import gettext_lazy as _
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import LeavePeriod, User


class LeavePeriodViewSet(SnippetViewSet):
    """Administrators record leave in the Wagtail admin (Settings); managers do it on the member page."""

    model = LeavePeriod
    icon = "date"
    menu_label = _("Leave periods")
    add_to_settings_menu = True
    list_display = ["user", "starts_on", "ends_on", "note"]
    search_fields = ["note"]


def leave_days(
    *, user_ids: list[int], since: datetime.date, until: datetime.date
) -> dict[int, list[tuple[datetime.date, datetime.date]]]:
    """Each person's leave periods that overlap ``since``..``until`` (one query)."""
    rows = LeavePeriod.objects.filter(user_id__in=user_ids, starts_on__lte=until, ends_on__gte=since)
    found: dict[int, list[tuple[datetime.date, datetime.date]]] = {}
    for user_id, starts, ends in rows.values_list("user_id", "starts_on", "ends_on"):
        found.setdefault(user_id, []).append((starts, ends))
    return found


def leave_list(*, user: User) -> list[LeavePeriod]:
    return list(LeavePeriod.objects.filter(user=user).order_by("-starts_on")[:20])


@transaction.atomic
def leave_add(*, user: User, starts_on: datetime.date, ends_on: datetime.date, note: str, by: User) -> LeavePeriod:
    return LeavePeriod.objects.create(user=user, starts_on=starts_on, ends_on=ends_on, note=note, created_by=by)


@transaction.atomic
def leave_delete(*, user: User, leave_id: int) -> bool:
    deleted, _kinds = LeavePeriod.objects.filter(user=user, pk=leave_id).delete()
    return deleted > 0
