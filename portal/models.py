"""People and organisation: users, departments, memberships and the office roles.

A person belongs to at most one department as a member and may manage one or more.
Office-wide roles are Django groups (see ``Role``); who may see whom lives in
``portal/access.py``.
"""

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel


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

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.display_name or self.get_full_name() or self.username

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
        return self.name_en if (get_language() or "").startswith("en") else self.name_zh


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
