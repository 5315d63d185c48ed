from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import AuditEvent, Membership, Notice, User


def _local(moment):
    return timezone.localtime(moment) if moment else ""


def portal_export(*, user: User) -> dict[str, list[dict]]:
    """What the portal itself holds about the person: profile, memberships, notices, who viewed their records.

    Stable keys (the XLSX writer labels them in the person's language); values as the person reads them.
    """
    languages = dict(settings.LANGUAGES)
    yes, no = _("yes"), _("no")
    return {
        "Profile": [
            {
                "username": user.username,
                "display_name": user.display_name,
                "email": user.email,
                "language": str(languages.get(user.preferred_language, user.preferred_language)),
                "reminders": yes if user.reminders_enabled else no,
                "joined": _local(user.date_joined),
                "last_login": _local(user.last_login),
            }  # fmt: skip
        ],
        "Memberships": [
            {"department": m.department.name, "role": m.get_role_display()}
            for m in Membership.objects.filter(user=user).select_related("department")
        ],
        "Notices": [
            {"created": _local(n.created_at), "message": n.message, "read": _local(n.read_at)}
            for n in Notice.objects.filter(user=user)
        ],
        "Viewed by": [
            {"when": _local(e.created_at), "viewer": str(e.viewer), "what": e.what_label, "record": e.object_id}
            for e in AuditEvent.objects.filter(subject=user).select_related("viewer")
        ],
    }
