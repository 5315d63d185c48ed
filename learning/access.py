"""Who may see or act on learning records (the rules are in portal/access.py's docstring).

- A study log: its author only through these views; managers read minutes, dates and
  materials through the dashboards, and the insight only when the author shared it
  (``visible_insight``).
- A golden idea: its author; the managers of the author's department (who also move it
  along the pipeline); office leaders (read only). Anyone else gets 404, as for a missing idea.
"""

import datetime

from django.http import Http404
from django.utils import timezone

from portal import access
from portal.models import User

from .models import GoldenIdea, StudyLog


def access_idea_by_id(user: User, pk: int, write: bool = False) -> GoldenIdea:
    """Fetch an idea the user may read (or, with ``write``, move along the pipeline), else raise 404."""
    idea = GoldenIdea.objects.select_related("author").filter(pk=pk).first()
    if idea is None:
        raise Http404
    manages = access.manages(user, idea.author)
    readers_too = not write and (idea.author_id == user.pk or access.is_office_leader(user))
    if not (manages or readers_too):
        raise Http404
    return idea


def can_move_idea(user: User, idea: GoldenIdea) -> bool:
    return access.manages(user, idea.author)


def log_date_or_404(value: str) -> datetime.date:
    """Parse a log date from the URL; a future date or a non-date answers 404."""
    try:
        day = datetime.date.fromisoformat(value)
    except ValueError:
        raise Http404 from None
    if day > timezone.localdate():
        raise Http404
    return day


def log_is_editable(day: datetime.date, *, backfill_days: int, today: datetime.date | None = None) -> bool:
    today = today or timezone.localdate()
    return today - datetime.timedelta(days=backfill_days) <= day <= today


def visible_insight(viewer: User, log: StudyLog) -> str:
    """The log's insight as ``viewer`` may read it: the author always, a manager only when shared."""
    if viewer.pk == log.user_id:
        return log.insight
    if log.share_insight and access.manages(viewer, log.user):
        return log.insight
    return ""
