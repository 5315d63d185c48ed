"""Reusable StreamField blocks shared by every page type."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageBlock


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("heading"), max_length=120)

    class Meta:
        icon = "title"
        template = "cms/blocks/heading.html"
        description = _("A section heading")
        preview_value = {"text": "三思而后行"}


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("quote"))
    source = blocks.CharBlock(label=_("source"), required=False, max_length=120)

    class Meta:
        icon = "openquote"
        template = "cms/blocks/quote.html"
        description = _("A quotation with its source")
        preview_value = {"text": "每个人每天都有新体会。", "source": "年终讲话"}


class AnnouncementBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), max_length=120)
    text = blocks.TextBlock(label=_("text"))
    date = blocks.DateBlock(label=_("date"))

    class Meta:
        icon = "info-circle"
        template = "cms/blocks/announcement.html"
        description = _("A short notice shown on the home page")
        preview_value = {"title": "学习安排", "text": "本周五下午集中学习。", "date": "2026-01-09"}


class ChecklistBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), max_length=120)
    items = blocks.ListBlock(blocks.CharBlock(label=_("item"), max_length=300), label=_("items"))

    class Meta:
        icon = "list-ul"
        template = "cms/blocks/checklist.html"
        description = _("A checklist such as 三思, 三问 or 三看")
        preview_value = {"title": "拟稿前三思", "items": ["思目的", "思对象", "思效果"]}


class VideoBlock(blocks.StructBlock):
    video = DocumentChooserBlock(label=_("video file"), help_text=_("An MP4 or WebM file from the document library."))
    caption = blocks.CharBlock(label=_("caption"), required=False, max_length=200)

    class Meta:
        icon = "media"
        template = "cms/blocks/video.html"
        description = _("A video file served by the portal itself")


class BodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("rich text"),
        features=["h3", "bold", "italic", "ol", "ul", "link", "document-link"],
        icon="pilcrow",
        template="cms/blocks/paragraph.html",
        description=_("Paragraphs of text"),
        preview_value="<p>准、快、明。</p>",
    )
    quote = QuoteBlock()
    image = ImageBlock(
        label=_("image"), template="cms/blocks/image.html", description=_("An image with alternative text")
    )
    document = DocumentChooserBlock(
        label=_("document"),
        icon="doc-full",
        template="cms/blocks/document.html",
        description=_("A downloadable document"),
    )
    video = VideoBlock()
    checklist = ChecklistBlock()
