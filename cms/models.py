import datetime

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.documents.models import AbstractDocument, Document
from wagtail.fields import RichTextField, StreamField
from wagtail.images.models import AbstractImage, AbstractRendition, Image
from wagtail.models import Page
from wagtail.search import index

from .blocks import AnnouncementBlock, BodyBlock
from .home import home_sections
from .restrictions import ViewRestrictionsMixin


class PortalImage(AbstractImage):
    admin_form_fields = Image.admin_form_fields


class PortalImageRendition(AbstractRendition):
    image = models.ForeignKey(PortalImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)


class PortalDocument(AbstractDocument):
    admin_form_fields = Document.admin_form_fields


@register_setting(icon="cog")
class PortalSettings(BaseSiteSetting):
    office_name = models.CharField(
        _("office name"), max_length=100, default="市政府办公室", help_text=_("Shown in the page header.")
    )

    panels = [FieldPanel("office_name")]

    class Meta:
        verbose_name = _("portal settings")


class HomePage(ViewRestrictionsMixin, Page):
    intro = RichTextField(_("introduction"), blank=True, help_text=_("A sentence or two welcoming people."))
    daily_prompts = models.TextField(
        _("daily prompts"),
        blank=True,
        help_text=_("One question a line; the home page shows a different one each day, e.g. 今天我向谁学到了什么?"),
    )
    announcements = StreamField(
        [("announcement", AnnouncementBlock())],
        blank=True,
        verbose_name=_("announcements"),
        help_text=_("Notices for everyone, newest first."),
    )
    featured = ParentalManyToManyField(
        "wagtailcore.Page",
        blank=True,
        related_name="+",
        verbose_name=_("featured pages"),
        help_text=_("Study materials to feature on the home page."),
    )

    search_fields = Page.search_fields + [index.SearchField("intro")]

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("daily_prompts"),
        FieldPanel("announcements"),
        FieldPanel("featured"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["cms.StandardPage", "learning.StudyMaterialIndexPage"]
    max_count = 1

    class Meta:
        verbose_name = _("home page")

    def prompt_for(self, day: datetime.date) -> str:
        prompts = [line.strip() for line in self.daily_prompts.splitlines() if line.strip()]
        return prompts[day.toordinal() % len(prompts)] if prompts else ""

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["prompt"] = self.prompt_for(timezone.localdate())
        context["featured_pages"] = self.featured.live().specific()
        context["sections"] = home_sections(request=request, page=self)
        return context


class StandardPage(ViewRestrictionsMixin, Page):
    summary = models.CharField(
        _("summary"), max_length=300, blank=True, help_text=_("One sentence shown in listings and search.")
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"), help_text=_("The page's content."))

    search_fields = Page.search_fields + [index.SearchField("summary"), index.SearchField("body")]

    content_panels = Page.content_panels + [FieldPanel("summary"), FieldPanel("body")]

    parent_page_types = ["cms.HomePage", "cms.StandardPage"]
    subpage_types = ["cms.StandardPage"]

    class Meta:
        verbose_name = _("standard page")
