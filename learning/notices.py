"""How learning's notices read, in the reader's language (registered with portal.notices on start-up)."""

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _

from portal import notices

from .models import GoldenIdea

REMINDER_KIND = "study-reminder"
IDEA_KIND = "idea"


@notices.renderer(REMINDER_KIND)
def reminder_message(params: Mapping[str, Any]) -> str:
    return _("No study log yet tonight. One hour of study, one new insight: write it down.")


@notices.renderer(IDEA_KIND)
def idea_message(params: Mapping[str, Any]) -> str:
    return _("Your golden idea “%(title)s” is now: %(status)s.") % {
        "title": params["title"],
        "status": GoldenIdea.Status(params["status"]).label,
    }
