"""People and organisation: users, departments, memberships and the office roles.

A person belongs to at most one department as a member and may manage one or more.
Office-wide roles are Django groups (see ``Role``); who may see whom lives in
``portal/access.py``.
"""

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel

from .i18n import in_language


class Role(models.TextChoices):
    """Office-wide roles, each a Django group of the same name."""

    EDITOR = "Editors", _("Editor")
    ADMINISTRATOR = "Administrators", _("Administrator")
    OFFICE_LEADER = "Office leaders", _("Office leader")


class User(AbstractUser):
    display_name = models.CharField(
        _("display name"), max_length=100, blank=True, help_text=_("The name colleagues know, e.g. 张伟.")
    )
    preferred_language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    reminders_enabled = models.BooleanField(
        _("study reminders"), default=True, help_text=_("Send an evening reminder when no study log is written.")
    )
    reminder_time = models.TimeField(
        _("reminder time"), null=True, blank=True, help_text=_("Empty: the site's reminder time.")
    )
    email_notices = models.BooleanField(
        _("notices by email"),
        default=True,
        help_text=_("Also send reminders and notices by email; they are always shown in the portal."),
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.name_of(self.display_name, self.first_name, self.last_name, self.username)

    @staticmethod
    def name_of(display_name: str, first_name: str, last_name: str, username: str) -> str:
        """How a person is named, from the columns alone (for lists read with ``values()``)."""
        return display_name or f"{first_name} {last_name}".strip() or username

    def get_full_name(self) -> str:
        return self.display_name or super().get_full_name()

    @cached_property
    def role_names(self) -> frozenset[str]:
        return frozenset(self.groups.values_list("name", flat=True))

    def has_role(self, role: Role) -> bool:
        return role.value in self.role_names


class DepartmentQuerySet(models.QuerySet):
    def managed_by(self, user: "User") -> "DepartmentQuerySet":
        return self.filter(memberships__user=user, memberships__role=Membership.Role.MANAGER)


class Department(ClusterableModel):
    name_zh = models.CharField(_("name (Chinese)"), max_length=100, unique=True, help_text=_("e.g. 秘书一处"))
    name_en = models.CharField(_("name (English)"), max_length=100, help_text=_("e.g. First Secretariat Division"))
    order = models.PositiveSmallIntegerField(_("order"), default=0, help_text=_("Lower numbers are listed first."))
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent department"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        help_text=_("Leave empty for a department directly under the office."),
    )

    objects = DepartmentQuerySet.as_manager()

    panels = [
        FieldPanel("name_zh"),
        FieldPanel("name_en"),
        FieldPanel("order"),
        FieldPanel("parent"),
        InlinePanel("memberships", label=_("People"), heading=_("People")),
    ]

    class Meta:
        ordering = ["order", "name_zh"]
        verbose_name = _("department")
        verbose_name_plural = _("departments")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return in_language(self.name_zh, self.name_en)


class MembershipManager(models.Manager):
    def active_members_of(self, department: "Department | int | None" = None) -> "models.QuerySet[User]":
        """The one rule for "members of a department": active people whose home department it is (any, if None)."""
        people = User.objects.filter(is_active=True, memberships__role=Membership.Role.MEMBER)
        if department is not None:
            people = people.filter(memberships__department=department)
        return people


class Membership(models.Model):
    class Role(models.TextChoices):
        MEMBER = "member", _("member")
        MANAGER = "manager", _("manager")

    department = ParentalKey(
        Department, verbose_name=_("department"), on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("person"), on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.MEMBER)

    objects = MembershipManager()

    panels = [FieldPanel("user"), FieldPanel("role")]

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "department", "role"], name="membership_unique_role"),
            models.UniqueConstraint(
                fields=["user"], condition=models.Q(role="member"), name="membership_one_home_department"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.department} · {self.get_role_display()}"


class LeavePeriod(models.Model):
    """A stretch of days a person is away (leave, training, secondment): the attention list leaves them out."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("person"), on_delete=models.CASCADE, related_name="leave_periods"
    )
    starts_on = models.DateField(_("first day"), help_text=_("The first day away."))
    ends_on = models.DateField(_("last day"), help_text=_("The last day away (the same day for one day)."))
    note = models.CharField(_("note"), max_length=100, blank=True, help_text=_("Optional, e.g. annual leave."))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip

    panels = [FieldPanel("user"), FieldPanel("starts_on"), FieldPanel("ends_on"), FieldPanel("note")]

    class Meta:
        ordering = ["-starts_on"]
        verbose_name = _("leave period")
        verbose_name_plural = _("leave periods")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")), name="leave_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.starts_on} – {self.ends_on}"


class YearSummaryDraft(models.Model):
    """What a person wrote into their year-end summary draft, one text per section."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("person"), on_delete=models.CASCADE, related_name="year_summaries"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    texts = models.JSONField(_("texts"), default=dict, blank=True)
    updated_at = models.DateTimeField(_("last saved"), auto_now=True)

    class Meta:
        verbose_name = _("year-end summary draft")
        verbose_name_plural = _("year-end summary drafts")
        constraints = [models.UniqueConstraint(fields=["user", "year"], name="year_summary_once_a_year")]

    def __str__(self) -> str:
        return f"{self.user} · {self.year}"


AUDIT_WHAT_LABELS = {
    "member page": _("member page"),
    "assessment": _("self-assessment"),
    "golden idea": _("golden idea"),
    "golden ideas": _("golden ideas (team list)"),
    "team dashboard": _("team dashboard (ratings and study minutes)"),
    "team export": _("team results export"),
}


class AuditEvent(models.Model):
    """One read of a person's record by someone else (a manager or an office leader).

    Written by ``portal.services.audit_record_views``, at most once per viewer, person, kind and
    record in each clock hour (``hour``), so a page refreshed or a form re-sent adds no row.
    Nobody edits it through the portal.
    """

    viewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("viewer"), on_delete=models.PROTECT, related_name="+"
    )
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("whose record"), on_delete=models.CASCADE, related_name="audit_events"
    )
    what = models.CharField(_("what was read"), max_length=50)
    object_id = models.CharField(_("record"), max_length=50, blank=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    hour = models.DateTimeField(_("hour"), editable=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("record view")
        verbose_name_plural = _("record views")
        indexes = [models.Index(fields=["subject", "-created_at"], name="audit_subject_recent")]
        constraints = [
            models.UniqueConstraint(
                fields=["viewer", "subject", "what", "object_id", "hour"], name="audit_once_an_hour"
            )
        ]

    def __str__(self) -> str:
        return f"{self.viewer} → {self.subject}: {self.what}"

    @property
    def what_label(self) -> str:
        return str(AUDIT_WHAT_LABELS.get(self.what, self.what))


class Notice(models.Model):
    """An in-app notice (reminder, cycle opened, idea answered), shown until read; see ``portal/notices.py``."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("person"), on_delete=models.CASCADE, related_name="notices"
    )
    kind = models.CharField(_("kind"), max_length=40)
    params = models.JSONField(_("parameters"), default=dict, blank=True, help_text=_("What the notice is about."))
    message = models.CharField(
        _("message"), max_length=300, help_text=_("As first rendered: shown when the kind has no renderer.")
    )
    group_key = models.CharField(
        _("group"), max_length=100, blank=True, help_text=_("Notices about one object share it: one card.")
    )
    url = models.CharField(_("link"), max_length=200, blank=True)
    dedupe_key = models.CharField(
        _("deduplication key"), max_length=100, help_text=_("The same key is never sent twice to one person.")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("notice")
        verbose_name_plural = _("notices")
        constraints = [models.UniqueConstraint(fields=["user", "dedupe_key"], name="notice_once_per_key")]
        indexes = [models.Index(fields=["user", "group_key"], name="notice_user_group")]

    def __str__(self) -> str:
        return self.message
