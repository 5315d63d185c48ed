"""How the assessments app's notices read, in the reader's language (registered with portal.notices on start-up)."""

import datetime
from collections.abc import Mapping
from typing import Any

from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from portal import notices
from portal.i18n import in_language, month_day

NOTICE_REOPENED = _("Your self-assessment for %(cycle)s was reopened until %(until)s: %(reason)s")
NOTICE_REVIEWED = _("Your manager reviewed your self-assessment for %(cycle)s.")
OPENED_MESSAGE = _("The self-assessment %(cycle)s is open until %(closes)s.")
REMINDER_MESSAGE = _("%(cycle)s closes in %(days)d day(s), on %(closes)s, and yours is not submitted yet.")


def cycle_params(cycle) -> dict[str, Any]:
    """What a notice needs to name a cycle in either language."""
    return {"cycle_zh": cycle.name_zh, "cycle_en": cycle.name_en, "closes": cycle.closes_on.isoformat()}


def _cycle(params: Mapping[str, Any]) -> str:
    return in_language(params["cycle_zh"], params["cycle_en"])


def _closes(params: Mapping[str, Any]) -> str:
    return date_format(datetime.date.fromisoformat(params["closes"]), "DATE_FORMAT")


@notices.renderer("assessment-reopened")
def reopened(params: Mapping[str, Any]) -> str:
    until = month_day(datetime.date.fromisoformat(params["until"])) if params.get("until") else "—"
    return str(NOTICE_REOPENED % {"cycle": _cycle(params), "reason": params["reason"], "until": until})


@notices.renderer("assessment-reviewed")
def reviewed(params: Mapping[str, Any]) -> str:
    return str(NOTICE_REVIEWED % {"cycle": _cycle(params)})


@notices.renderer("cycle-open")
def cycle_open(params: Mapping[str, Any]) -> str:
    return str(OPENED_MESSAGE % {"cycle": _cycle(params), "closes": _closes(params)})


@notices.renderer("cycle-reminder")
def cycle_reminder(params: Mapping[str, Any]) -> str:
    return str(REMINDER_MESSAGE % {"cycle": _cycle(params), "closes": _closes(params), "days": params["days"]})
