"""Self-assessments: frameworks as data, cycles, the person's assessment and the manager's review.

Versioning. An ``Item`` row never changes once a cycle that uses it has opened: editing it
makes a new row with the same ``code``, ``version + 1`` and ``is_current`` moved to it
(``services.items_fork_frozen``). A cycle records the exact rows it uses (``Cycle.items``,
filled when it opens), and answers point at rows, so past assessments and charts keep
the wording and scale they were made with. ``Item.objects`` sees current rows only (the
Wagtail inline edits those); ``Item.all_versions`` sees every row.

Cycle lifecycle. A cycle is *draft* before its opening date, *open* from ``opens_on`` to
``closes_on`` (local dates, both included) unless closed early by an administrator, and
*closed* afterwards. When it first opens, its items are frozen and its audience notified.
"""

import datetime

from django import forms
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel

from portal.i18n import in_language
from portal.models import Department

MIN_RATING, MAX_RATING = 1, 5


class Framework(ClusterableModel):
    class Kind(models.TextChoices):
        RATED = "rated", _("rated (1-5 with an evidence note)")
        REFLECTIVE = "reflective", _("reflective (written reflection required, rating optional)")

    code = models.CharField(
        _("code"),
        max_length=40,
        unique=True,
        help_text=_("A stable identifier in capitals, e.g. SEVEN_CARELESS. Never change it once used."),
    )
    name_zh = models.CharField(_("name (Chinese)"), max_length=100, help_text=_("e.g. 七个不太在意"))
    name_en = models.CharField(_("name (English)"), max_length=100, help_text=_("e.g. The seven carelessnesses"))
    description_zh = models.TextField(_("description (Chinese)"), blank=True, help_text=_("Shown above the step."))
    description_en = models.TextField(_("description (English)"), blank=True, help_text=_("Shown above the step."))
    kind = models.CharField(
        _("kind"),
        max_length=12,
        choices=Kind.choices,
        default=Kind.RATED,
        help_text=_("Rated: a 1-5 rating per item. Reflective: a written reflection per item."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0, help_text=_("Lower numbers come first."))
    active = models.BooleanField(
        _("active"), default=True, help_text=_("Only active frameworks can be chosen for new cycles.")
    )

    panels = [
        FieldPanel("code"),
        FieldRowPanel([FieldPanel("name_zh"), FieldPanel("name_en")]),
        FieldPanel("description_zh"),
        FieldPanel("description_en"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("order"), FieldPanel("active")]),
        InlinePanel("items", label=_("Item"), heading=_("Items"), min_num=1),
    ]

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("framework")
        verbose_name_plural = _("frameworks")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return in_language(self.name_zh, self.name_en)

    @property
    def description(self) -> str:
        return in_language(self.description_zh, self.description_en)

    @property
    def is_reflective(self) -> bool:
        return self.kind == self.Kind.REFLECTIVE


class CurrentItemManager(models.Manager):
    def get_queryset(self) -> models.QuerySet:
        return super().get_queryset().filter(is_current=True)


class Item(models.Model):
    framework = ParentalKey(Framework, verbose_name=_("framework"), on_delete=models.PROTECT, related_name="items")
    code = models.CharField(
        _("code"),
        max_length=40,
        help_text=_("A stable identifier in capitals, e.g. CARELESS_DETAIL. Kept by every later version."),
    )
    version = models.PositiveSmallIntegerField(_("version"), default=1, editable=False)
    is_current = models.BooleanField(_("current version"), default=True, editable=False)
    order = models.PositiveSmallIntegerField(_("order"), default=0, help_text=_("Lower numbers come first."))
    title_zh = models.CharField(_("title (Chinese)"), max_length=100, help_text=_("e.g. 对细节不太在意"))
    title_en = models.CharField(_("title (English)"), max_length=100, help_text=_("e.g. Careless of details"))
    description_zh = models.TextField(_("description (Chinese)"), blank=True, help_text=_("What the item asks."))
    description_en = models.TextField(_("description (English)"), blank=True, help_text=_("What the item asks."))
    anchor_1_zh = models.CharField(_("what a 1 looks like (Chinese)"), max_length=300, blank=True,
                                   help_text=_("Daily behaviour at the low end of the scale."))  # fmt: skip
    anchor_1_en = models.CharField(_("what a 1 looks like (English)"), max_length=300, blank=True,
                                   help_text=_("Daily behaviour at the low end of the scale."))  # fmt: skip
    anchor_3_zh = models.CharField(_("what a 3 looks like (Chinese)"), max_length=300, blank=True,
                                   help_text=_("Daily behaviour in the middle of the scale."))  # fmt: skip
    anchor_3_en = models.CharField(_("what a 3 looks like (English)"), max_length=300, blank=True,
                                   help_text=_("Daily behaviour in the middle of the scale."))  # fmt: skip
    anchor_5_zh = models.CharField(_("what a 5 looks like (Chinese)"), max_length=300, blank=True,
                                   help_text=_("Daily behaviour at the top of the scale."))  # fmt: skip
    anchor_5_en = models.CharField(_("what a 5 looks like (English)"), max_length=300, blank=True,
                                   help_text=_("Daily behaviour at the top of the scale."))  # fmt: skip

    objects = CurrentItemManager()
    all_versions = models.Manager()  # noqa: DJ012 - a manager, not a field

    panels = [
        FieldRowPanel([FieldPanel("code"), FieldPanel("order")]),
        FieldRowPanel([FieldPanel("title_zh"), FieldPanel("title_en")]),
        FieldRowPanel([FieldPanel("description_zh"), FieldPanel("description_en")]),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("anchor_1_zh"), FieldPanel("anchor_1_en")]),
                FieldRowPanel([FieldPanel("anchor_3_zh"), FieldPanel("anchor_3_en")]),
                FieldRowPanel([FieldPanel("anchor_5_zh"), FieldPanel("anchor_5_en")]),
            ],
            heading=_("Behaviour anchors"),
        ),
    ]

    class Meta:
        ordering = ["order", "code", "version"]
        base_manager_name = "all_versions"
        verbose_name = _("framework item")
        verbose_name_plural = _("framework items")
        constraints = [
            models.UniqueConstraint(fields=["code", "version"], name="item_unique_code_version"),
            models.UniqueConstraint(fields=["code"], condition=Q(is_current=True), name="item_one_current_version"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return in_language(self.title_zh, self.title_en)

    @property
    def description(self) -> str:
        return in_language(self.description_zh, self.description_en)

    @property
    def anchors(self) -> list[tuple[int, str]]:
        """The described points of the scale, e.g. [(1, "..."), (3, "..."), (5, "...")]."""
        points = [(1, self.anchor_1_zh, self.anchor_1_en), (3, self.anchor_3_zh, self.anchor_3_en),
                  (5, self.anchor_5_zh, self.anchor_5_en)]  # fmt: skip
        return [(point, in_language(zh, en)) for point, zh, en in points if zh or en]


class CycleQuerySet(models.QuerySet):
    def not_closed_early(self) -> "CycleQuerySet":
        return self.filter(closed_at__isnull=True)

    def open_on(self, day: datetime.date) -> "CycleQuerySet":
        return self.not_closed_early().filter(opens_on__lte=day, closes_on__gte=day)

    def for_user(self, user) -> "CycleQuerySet":
        """Cycles whose audience includes ``user`` (whole office, or their home department)."""
        home = Q(departments__memberships__user=user, departments__memberships__role="member")
        return self.filter(Q(audience=Cycle.Audience.OFFICE) | home).distinct()


class Cycle(models.Model):
    class Audience(models.TextChoices):
        OFFICE = "office", _("the whole office")
        DEPARTMENTS = "departments", _("chosen departments")

    class State(models.TextChoices):
        DRAFT = "draft", _("not yet open")
        OPEN = "open", _("open")
        CLOSED = "closed", _("closed")

    name_zh = models.CharField(_("name (Chinese)"), max_length=100, help_text=_("e.g. 2026年第6期(11-12月)"))
    name_en = models.CharField(_("name (English)"), max_length=100, help_text=_("e.g. 2026 cycle 6 (Nov-Dec)"))
    frameworks = models.ManyToManyField(
        Framework, verbose_name=_("frameworks"), related_name="cycles", help_text=_("One form step per framework.")
    )
    audience = models.CharField(
        _("audience"),
        max_length=12,
        choices=Audience.choices,
        default=Audience.OFFICE,
        help_text=_("Who takes part: everyone, or the members of the departments chosen below."),
    )
    departments = models.ManyToManyField(
        Department,
        verbose_name=_("departments"),
        blank=True,
        related_name="assessment_cycles",
        help_text=_("Used only when the audience is chosen departments."),
    )
    opens_on = models.DateField(_("opens on"), help_text=_("First day people can fill in the form (Beijing time)."))
    closes_on = models.DateField(_("closes on"), help_text=_("Last day to submit (Beijing time)."))
    closed_at = models.DateTimeField(
        _("closed early at"), null=True, blank=True, editable=False, help_text=_("Set when closed before its date.")
    )
    opened_at = models.DateTimeField(_("opened at"), null=True, blank=True, editable=False)
    items = models.ManyToManyField(Item, verbose_name=_("item versions"), blank=True, related_name="cycles",
                                   editable=False)  # fmt: skip
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = CycleQuerySet.as_manager()

    panels = [
        FieldRowPanel([FieldPanel("name_zh"), FieldPanel("name_en")]),
        FieldPanel("frameworks", widget=forms.CheckboxSelectMultiple),
        FieldPanel("audience"),
        FieldPanel("departments", widget=forms.CheckboxSelectMultiple),
        FieldRowPanel([FieldPanel("opens_on"), FieldPanel("closes_on")]),
    ]

    class Meta:
        ordering = ["-opens_on", "-pk"]
        verbose_name = _("assessment cycle")
        verbose_name_plural = _("assessment cycles")
        constraints = [
            models.CheckConstraint(condition=Q(closes_on__gte=models.F("opens_on")), name="cycle_closes_after_opens")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return in_language(self.name_zh, self.name_en)

    def state(self, today: datetime.date | None = None) -> str:
        today = today or timezone.localdate()
        if self.closed_at or today > self.closes_on:
            return self.State.CLOSED
        return self.State.OPEN if today >= self.opens_on else self.State.DRAFT

    def is_open(self, today: datetime.date | None = None) -> bool:
        return self.state(today) == self.State.OPEN

    def get_state_display(self) -> str:
        return str(self.State(self.state()).label)

    def days_left(self, today: datetime.date | None = None) -> int:
        return ((self.closes_on - (today or timezone.localdate())).days) + 1


class SelfAssessment(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", _("submitted")

    cycle = models.ForeignKey(Cycle, verbose_name=_("cycle"), on_delete=models.PROTECT, related_name="assessments")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("person"), on_delete=models.CASCADE, related_name="assessments"
    )
    department = models.ForeignKey(
        Department,
        verbose_name=_("department when started"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assessments",
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    version = models.PositiveIntegerField(_("version"), default=1)
    started_at = models.DateTimeField(_("started"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last saved"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    reopened_at = models.DateTimeField(_("reopened"), null=True, blank=True)
    reopened_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("reopened by"), null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")  # fmt: skip
    reopen_reason = models.TextField(_("reason for reopening"), blank=True)
    reopened_until = models.DateField(
        _("reopened until"), null=True, blank=True, help_text=_("Personal deadline after a reopen (Beijing time).")
    )

    class Meta:
        ordering = ["-cycle__opens_on"]
        verbose_name = _("self-assessment")
        verbose_name_plural = _("self-assessments")
        constraints = [models.UniqueConstraint(fields=["cycle", "user"], name="assessment_one_per_cycle")]

    def __str__(self) -> str:
        return f"{self.user} · {self.cycle}"

    @property
    def is_submitted(self) -> bool:
        return self.status == self.Status.SUBMITTED

    @property
    def is_returned(self) -> bool:
        """Reopened and waiting for the person (a draft again after a submit)."""
        return self.status == self.Status.DRAFT and self.reopened_at is not None

    @property
    def person_state(self) -> str:
        return "returned" if self.is_returned else self.status

    def edit_deadline(self) -> datetime.date | None:
        """The last local day the person may change and submit: the cycle's, or a later personal deadline."""
        days = [day for day in (None if self.cycle.closed_at else self.cycle.closes_on, self.reopened_until) if day]
        return max(days) if days else None

    def is_editable(self, today: datetime.date | None = None) -> bool:
        """A draft is changed and submitted while its cycle is open, or until the personal deadline of a reopen.

        A reopen survives the cycle's close: closing a cycle never strands a reopened assessment.
        """
        if self.is_submitted:
            return False
        today = today or timezone.localdate()
        return self.cycle.is_open(today) or (self.reopened_until is not None and today <= self.reopened_until)


class Answer(models.Model):
    assessment = models.ForeignKey(
        SelfAssessment, verbose_name=_("self-assessment"), on_delete=models.CASCADE, related_name="answers"
    )
    item = models.ForeignKey(Item, verbose_name=_("item"), on_delete=models.PROTECT, related_name="answers")
    rating = models.PositiveSmallIntegerField(_("self rating"), null=True, blank=True)
    note = models.TextField(_("evidence or reflection"), blank=True)
    manager_rating = models.PositiveSmallIntegerField(_("manager rating"), null=True, blank=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(fields=["assessment", "item"], name="answer_one_per_item"),
            models.CheckConstraint(condition=Q(rating__gte=MIN_RATING, rating__lte=MAX_RATING) | Q(rating=None),
                                   name="answer_rating_1_to_5"),
            models.CheckConstraint(
                condition=Q(manager_rating__gte=MIN_RATING, manager_rating__lte=MAX_RATING) | Q(manager_rating=None),
                name="answer_manager_rating_1_to_5",
            ),
        ]  # fmt: skip

    def __str__(self) -> str:
        return f"{self.assessment} · {self.item.code}"


class Improvement(models.Model):
    """One "what I will change" line of an assessment (up to three)."""

    assessment = models.ForeignKey(
        SelfAssessment, verbose_name=_("self-assessment"), on_delete=models.CASCADE, related_name="improvements"
    )
    position = models.PositiveSmallIntegerField(_("position"))
    text = models.CharField(_("what I will change"), max_length=300)

    class Meta:
        ordering = ["position"]
        verbose_name = _("improvement item")
        verbose_name_plural = _("improvement items")
        constraints = [
            models.UniqueConstraint(fields=["assessment", "position"], name="improvement_unique_position"),
            models.CheckConstraint(condition=Q(position__gte=1, position__lte=3), name="improvement_at_most_three"),
        ]

    def __str__(self) -> str:
        return self.text


class LookBack(models.Model):
    """How an improvement item of the previous cycle went, written in the next assessment."""

    class Progress(models.TextChoices):
        DONE = "done", _("done")
        PARTLY = "partly", _("partly")
        NOT_YET = "not_yet", _("not yet")

    assessment = models.ForeignKey(
        SelfAssessment, verbose_name=_("self-assessment"), on_delete=models.CASCADE, related_name="look_backs"
    )
    improvement = models.ForeignKey(
        Improvement, verbose_name=_("improvement item"), on_delete=models.CASCADE, related_name="look_backs"
    )
    progress = models.CharField(_("progress"), max_length=10, choices=Progress.choices, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("look back")
        verbose_name_plural = _("look backs")
        constraints = [models.UniqueConstraint(fields=["assessment", "improvement"], name="look_back_once")]

    def __str__(self) -> str:
        return f"{self.improvement} · {self.progress}"


class Review(models.Model):
    """The manager's overall comment on a submitted assessment (ratings per item sit on ``Answer``)."""

    assessment = models.OneToOneField(
        SelfAssessment, verbose_name=_("self-assessment"), on_delete=models.CASCADE, related_name="review"
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("reviewer"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    comment = models.TextField(_("overall comment"))
    version = models.PositiveIntegerField(_("version"), default=1)
    updated_at = models.DateTimeField(_("last saved"), auto_now=True)

    class Meta:
        verbose_name = _("manager review")
        verbose_name_plural = _("manager reviews")

    def __str__(self) -> str:
        return f"{self.assessment} · {self.reviewer}"


class AssessmentEvent(models.Model):
    """A change of an assessment's state, shown to the person with its reason (submitted, reopened, reviewed)."""

    class Kind(models.TextChoices):
        SUBMITTED = "submitted", _("submitted")
        REOPENED = "reopened", _("reopened for changes")
        REVIEWED = "reviewed", _("reviewed")

    assessment = models.ForeignKey(
        SelfAssessment, verbose_name=_("self-assessment"), on_delete=models.CASCADE, related_name="events"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, blank=True,
                           on_delete=models.SET_NULL, related_name="+")  # fmt: skip
    reason = models.TextField(_("reason"), blank=True)
    until = models.DateField(_("until"), null=True, blank=True)
    at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("self-assessment event")
        verbose_name_plural = _("self-assessment events")

    def __str__(self) -> str:
        return f"{self.assessment_id} · {self.kind}"
