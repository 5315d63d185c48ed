"""Study materials (Wagtail pages), the nightly study log, golden ideas and the workday calendar.

Who sees what (DESIGN.md): a log belongs to its author; the managers of the author's
department see its minutes, dates and materials, and its insight only when the author
shared it; golden ideas are seen by the author, the department's managers (who move them
along the pipeline) and office leaders. The rules are enforced in ``learning/access.py``
and ``learning/selectors.py``.
"""

import datetime
import re
import uuid

from django.conf import settings
from django.core.paginator import Paginator
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from cms.blocks import BodyBlock
from cms.restrictions import ViewRestrictionsMixin
from cms.translations import originals, show_translations

from .frameworks import item_code_choices, item_titles

MAX_MINUTES = 600
MATERIALS_PER_PAGE = 10


class StudyMaterialIndexPage(ViewRestrictionsMixin, Page):
    intro = models.TextField(_("introduction"), blank=True, help_text=_("A sentence or two above the list."))

    content_panels = Page.content_panels + [FieldPanel("intro")]

    parent_page_types = ["cms.HomePage"]
    subpage_types = ["learning.StudyMaterialPage"]
    max_count = 1

    class Meta:
        verbose_name = _("study material index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The originals, also on the translated index (once each; titles in the reader's language below).
        materials = originals(StudyMaterialPage.objects.live()).order_by("-first_published_at", "-pk")
        topic = request.GET.get("topic", "").strip()
        item = request.GET.get("item", "").strip()
        if topic:
            materials = materials.filter(tags__slug=topic)
        if item:
            materials = materials.filter(item_links__code=item)
        materials = materials.distinct().prefetch_related("tags")  # the list shows each one's topics
        context["materials"] = Paginator(materials, MATERIALS_PER_PAGE).get_page(request.GET.get("page"))
        context["materials"].object_list = show_translations(context["materials"].object_list)
        context["topic"], context["item"] = topic, item
        context["topics"] = StudyMaterialTag.tags_for(StudyMaterialPage).order_by("name")
        context["item_choices"] = item_code_choices()  # the framework items, read once
        return context


class StudyMaterialTag(TaggedItemBase):
    content_object = ParentalKey("learning.StudyMaterialPage", on_delete=models.CASCADE, related_name="tagged_items")


class StudyMaterialPage(ViewRestrictionsMixin, Page):
    summary = models.CharField(
        _("summary"), max_length=300, help_text=_("One or two sentences shown in listings and search results.")
    )
    estimated_minutes = models.PositiveSmallIntegerField(
        _("estimated minutes"),
        default=15,
        validators=[MaxValueValidator(MAX_MINUTES)],
        help_text=_("About how long a careful reading takes."),
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"), help_text=_("The material itself."))
    tags = ClusterTaggableManager(
        through=StudyMaterialTag, blank=True, verbose_name=_("topics"), help_text=_("Topics, e.g. 周到细致, 效率.")
    )
    search_text = models.TextField(editable=False, blank=True, default="")

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("live"),
    ]

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("estimated_minutes"),
        FieldPanel("tags"),
        InlinePanel(
            "item_links",
            label=_("Framework item"),
            heading=_("Framework items this material helps with"),
        ),
        FieldPanel("body"),
    ]

    parent_page_types = ["learning.StudyMaterialIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("study material")
        verbose_name_plural = _("study materials")

    def save(self, *args, **kwargs):
        # The database search backends do not split Chinese into words, so search matches
        # substrings of this plain-text copy instead (see learning.selectors.material_search).
        self.search_text = self.plain_text()
        return super().save(*args, **kwargs)

    def plain_text(self) -> str:
        parts = [self.title, self.summary]
        for block in self.body or []:
            parts.append(_block_text(block.block_type, block.value))
        return re.sub(r"\s+", " ", " ".join(p for p in parts if p)).strip()

    @property
    def item_codes(self) -> list[str]:
        return [link.code for link in self.item_links.all()]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        codes = self.item_codes
        context["items"] = list(item_titles(codes).items())
        return context


def _block_text(block_type: str, value) -> str:
    if block_type == "paragraph":
        return strip_tags(value.source)
    if block_type in ("heading", "quote"):
        return f"{value.get('text', '')} {value.get('source', '') or ''}"
    if block_type == "checklist":
        return " ".join([value.get("title", ""), *value.get("items", [])])
    if block_type == "video":
        return value.get("caption", "") or ""
    return ""


class StudyMaterialItemLink(Orderable):
    page = ParentalKey(StudyMaterialPage, on_delete=models.CASCADE, related_name="item_links")
    code = models.CharField(
        _("framework item"),
        max_length=40,
        choices=item_code_choices,
        help_text=_("A framework item this material helps with, e.g. 对细节不太在意."),
    )

    panels = [FieldPanel("code")]

    class Meta(Orderable.Meta):
        verbose_name = _("framework item link")
        constraints = [models.UniqueConstraint(fields=["page", "code"], name="material_item_once")]


class MaterialOpen(models.Model):
    """A person opened a material: "continue" on the home page lists those not yet on any of their logs.

    Written by a beacon the material page sends once it is shown (a POST, never the page's GET); one row
    per person and material, its time moved on at every opening. Seen by its owner only.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("person"), on_delete=models.CASCADE, related_name="material_opens"
    )
    page = models.ForeignKey(
        StudyMaterialPage, verbose_name=_("study material"), on_delete=models.CASCADE, related_name="opens"
    )
    first_opened_at = models.DateTimeField(_("first opened"), default=timezone.now)
    last_opened_at = models.DateTimeField(_("last opened"), default=timezone.now)

    class Meta:
        verbose_name = _("opened material")
        verbose_name_plural = _("opened materials")
        constraints = [models.UniqueConstraint(fields=["user", "page"], name="material_open_once")]
        indexes = [models.Index(fields=["user", "-last_opened_at"], name="material_open_recent")]

    def __str__(self) -> str:
        return f"{self.user} · {self.page_id}"


class StudyLogQuerySet(models.QuerySet):
    def saved(self) -> "StudyLogQuerySet":
        """Logs the author saved at least once; a row with only an autosaved draft is not a log yet."""
        return self.filter(saved_at__isnull=False)


class StudyLog(models.Model):
    """One evening's study by one person on one local date.

    The row is created by the first autosave; until the person saves it, it holds only a
    draft and counts nowhere. Autosave writes the typed values, as typed, to ``draft``; saving
    copies them, validated, to the fields and clears the draft. ``version`` grows with every
    write, autosave or save, so a stale tab is caught instead of overwriting newer text.
    """

    # No index of its own: the (person, date) unique index serves every lookup by person, date ranges included,
    # where the planner had preferred this one and read every log a person ever wrote (docs/performance.md).
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="study_logs",
        db_index=False,
    )
    date = models.DateField(_("date"))
    minutes = models.PositiveSmallIntegerField(
        _("minutes studied"), default=0, validators=[MaxValueValidator(MAX_MINUTES)]
    )
    materials = models.ManyToManyField(
        StudyMaterialPage, verbose_name=_("materials from the portal"), blank=True, related_name="study_logs"
    )
    sources = models.TextField(_("other sources"), blank=True)
    insight = models.TextField(_("insight (体会)"), blank=True)
    items = models.JSONField(_("framework items touched"), default=list, blank=True)
    share_insight = models.BooleanField(_("share the insight with my manager"), default=False)
    highlight = models.BooleanField(
        _("keep for my year-end summary"),
        default=False,
        help_text=_("Insights marked here appear in the person's printable year-end summary."),
    )
    draft = models.JSONField(_("unsaved draft"), null=True, blank=True)
    version = models.PositiveIntegerField(default=0)
    saved_at = models.DateTimeField(_("first saved"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = StudyLogQuerySet.as_manager()

    class Meta:
        ordering = ["-date"]
        verbose_name = _("study log")
        verbose_name_plural = _("study logs")
        constraints = [
            models.UniqueConstraint(fields=["user", "date"], name="study_log_once_a_day"),
            models.CheckConstraint(condition=models.Q(minutes__lte=MAX_MINUTES), name="study_log_minutes_at_most_600"),
        ]
        indexes = [
            # The office's and the teams' "saved logs since <date>": /org/ went from a scan of every log
            # to this index at 5,000 people x 3 years (docs/performance.md).
            models.Index(
                fields=["date", "user"], condition=models.Q(saved_at__isnull=False), name="study_log_saved_by_date"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.date}"

    @property
    def is_saved(self) -> bool:
        return self.saved_at is not None


class GoldenIdea(models.Model):
    """金点子: a person's suggestion to the leaders, moved along a pipeline by their managers."""

    class Category(models.TextChoices):
        WORK_METHOD = "work_method", _("Work method")
        SERVICE = "service", _("Service")
        EFFICIENCY = "efficiency", _("Efficiency")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        UNDER_STUDY = "under_study", _("Under study")
        ADOPTED = "adopted", _("Adopted")
        NOT_ADOPTED = "not_adopted", _("Not adopted")
        IMPLEMENTED = "implemented", _("Implemented")

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("author"), on_delete=models.CASCADE, related_name="golden_ideas"
    )
    title = models.CharField(_("title"), max_length=120)
    body = models.TextField(_("the idea"))
    category = models.CharField(_("category"), max_length=20, choices=Category.choices, default=Category.WORK_METHOD)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.SUBMITTED)
    submission_key = models.UUIDField(default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(_("submitted"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("golden idea")
        verbose_name_plural = _("golden ideas")
        constraints = [
            # A double submit of the same form carries the same key and finds the first idea.
            models.UniqueConstraint(fields=["author", "submission_key"], name="idea_submitted_once"),
        ]
        indexes = [models.Index(fields=["author", "-created_at"], name="idea_author_recent")]

    def __str__(self) -> str:
        return self.title


class IdeaStep(models.Model):
    """One move of an idea along the pipeline, with the manager's note; the author sees every step."""

    idea = models.ForeignKey(GoldenIdea, verbose_name=_("idea"), on_delete=models.CASCADE, related_name="steps")
    status = models.CharField(_("status"), max_length=20, choices=GoldenIdea.Status.choices)
    note = models.TextField(_("note"), blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("idea step")
        verbose_name_plural = _("idea steps")

    def __str__(self) -> str:
        return f"{self.idea} → {self.get_status_display()}"


class WorkdayOverride(models.Model):
    """A public holiday or a 调休 make-up workday for a year the chinese_calendar package does not know yet."""

    class Kind(models.TextChoices):
        HOLIDAY = "holiday", _("Public holiday (no work)")
        WORKDAY = "workday", _("Make-up workday (调休)")

    date = models.DateField(_("date"), unique=True, help_text=_("One day; add a row per day of a holiday."))
    kind = models.CharField(
        _("kind"),
        max_length=10,
        choices=Kind.choices,
        help_text=_("A holiday on a weekday, or a weekend day that is a workday."),
    )
    name = models.CharField(_("name"), max_length=50, blank=True, help_text=_("e.g. 春节, 国庆节."))

    panels = [FieldPanel("date"), FieldPanel("kind"), FieldPanel("name")]

    class Meta:
        ordering = ["date"]
        verbose_name = _("holiday or make-up workday")
        verbose_name_plural = _("holidays and make-up workdays")

    def __str__(self) -> str:
        return f"{self.date} {self.get_kind_display()} {self.name}".strip()


@register_setting(icon="time")
class StudySettings(BaseSiteSetting):
    """The office's study rules: the evening target, the streak's allowance and the reminder time."""

    study_target_minutes = models.PositiveSmallIntegerField(
        _("study target (minutes a workday)"),
        default=60,
        help_text=_("每晚一小时: the evening study target used by the charts and the weekly total."),
    )
    streak_skip_days = models.PositiveSmallIntegerField(
        _("skip days a month"),
        default=2,
        help_text=_("Workdays a month that may be missed without breaking a study streak."),
    )
    reminder_time = models.TimeField(
        _("reminder time"),
        default=datetime.time(21, 0),
        help_text=_("People with no study log by this time on a workday get a reminder."),
    )

    panels = [FieldPanel("study_target_minutes"), FieldPanel("streak_skip_days"), FieldPanel("reminder_time")]

    class Meta:
        verbose_name = _("study rules")
