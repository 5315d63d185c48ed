"""Background work of the assessments app, through Django's task API (django-tasks).

Each person gets an in-app notice once per key and, when that notice is new, an email in
their own language.
"""

from django.conf import settings
from django.core.mail import send_mail
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django_tasks import task

from portal.models import User
from portal.services import notice_send

from .models import Cycle
from .notices import cycle_params

OPENED_SUBJECT = _("Self-assessment open: %(cycle)s")
REMINDER_SUBJECT = _("Reminder: self-assessment %(cycle)s closes soon")


def _notify(*, cycle: Cycle, people: QuerySet[User], kind: str, key: str, subject, **values) -> int:
    """Notice and email each person; both are rendered now, when the task runs, in the person's language."""
    from portal import notices

    url = reverse("assessments:cycle-list")
    params = {**cycle_params(cycle), **values}
    sent = 0
    for person in people:
        if notice_send(user=person, kind=kind, params=params, url=url, dedupe_key=key, group=f"cycle:{cycle.pk}"):
            sent += 1
            if person.email and person.email_notices:
                with translation.override(person.preferred_language):
                    text = notices.render(kind, params)
                    body = f"{text}\n\n{settings.WAGTAILADMIN_BASE_URL}{url}"
                    context = {"cycle": cycle.name, "closes": cycle.closes_on.isoformat(), **values}
                    send_mail(str(subject % context), body, None, [person.email], fail_silently=True)
    return sent


@task()
def cycle_opened_notify(cycle_id: int) -> int:
    from .selectors import cycle_audience

    cycle = Cycle.objects.get(pk=cycle_id)
    return _notify(cycle=cycle, people=cycle_audience(cycle=cycle), kind="cycle-open", key=f"cycle-open:{cycle.pk}",
                   subject=OPENED_SUBJECT)  # fmt: skip


@task()
def cycle_reminder_send(cycle_id: int, days: int) -> int:
    from .selectors import cycle_pending_people

    cycle = Cycle.objects.get(pk=cycle_id)
    return _notify(cycle=cycle, people=cycle_pending_people(cycle=cycle), kind="cycle-reminder",
                   key=f"cycle-reminder:{cycle.pk}:{days}", subject=REMINDER_SUBJECT,
                   days=days)  # fmt: skip
