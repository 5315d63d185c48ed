# ruff: noqa: E501 - long lines of demo text read better unbroken
"""Demo translations: an English version of a study material, made as an editor makes one ("Translate").

English readers see it at the material's own URL; the other materials stay in Chinese for them.
Idempotent: a material already translated is left as it is.
"""

from wagtail.models import Locale
from wagtail.rich_text import RichText

from portal.demo import DemoOffice

from .models import StudyMaterialPage

# slug of the original: (title, summary, body blocks)
ENGLISH = {
    "san-si": (
        "Three thoughts before drafting",
        "Before you write a word, think through the intent, the outline and the sources.",
        [
            ("paragraph", "<p>Whether a draft turns out well is mostly settled before the first word. When a task arrives, do not open the document at once: spend ten minutes on the three questions below.</p>"),
            ("checklist", {"title": "Three thoughts before drafting", "items": [
                "First: what does the leader mainly intend, and what should the text achieve?",
                "Second: how is it built: an outline in three parts or in four?",
                "Third: where does the material come from: your own research or the divisions?",
            ]}),
            ("quote", {"text": "Think three times before you act, and you know what you are doing.", "source": "Year-end speech"}),
            ("paragraph", "<p>Exercise: take the draft you are working on, answer each of the three questions in one sentence, and write them into tonight's study log.</p>"),
        ],
    ),
}  # fmt: skip


def seed(office: DemoOffice) -> None:
    english = Locale.objects.get(language_code="en")
    for slug, (title, summary, blocks) in ENGLISH.items():
        original = StudyMaterialPage.objects.filter(slug=slug, locale=Locale.get_default()).first()
        if original is None or original.has_translation(english):
            continue
        # As the admin's "Translate" does; the home page and the index above it become English aliases.
        translation = original.copy_for_translation(english, copy_parents=True)
        translation.title, translation.summary = title, summary
        translation.body = [(kind, RichText(value) if kind == "paragraph" else value) for kind, value in blocks]
        translation.save_revision().publish()
