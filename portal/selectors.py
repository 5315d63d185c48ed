from .models import AuditEvent, Membership, Notice, User


def portal_export(*, user: User) -> dict[str, list[dict]]:
    """What the portal itself holds about the person: profile, memberships, notices, who viewed their records."""
    return {
        "Profile": [
            {
                "username": user.username,
                "display_name": user.display_name,
                "email": user.email,
                "language": user.preferred_language,
                "reminders": user.reminders_enabled,
                "joined": user.date_joined,
                "last_login": user.last_login,
            }  # fmt: skip
        ],
        "Memberships": [
            {"department": m.department.name_zh, "department_en": m.department.name_en, "role": m.role}
            for m in Membership.objects.filter(user=user).select_related("department")
        ],
        "Notices": [
            {"created": n.created_at, "kind": n.kind, "message": n.message, "read": n.read_at}
            for n in Notice.objects.filter(user=user)
        ],
        "Viewed by": [
            {"when": e.created_at, "viewer": str(e.viewer), "what": e.what, "record": e.object_id}
            for e in AuditEvent.objects.filter(subject=user).select_related("viewer")
        ],
    }
