"""The year-end summary draft: what the person wrote into each section, read and saved here."""

from django import forms
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from .models import User, YearSummaryDraft

SECTIONS = (
    ("study", _("Study")),
    ("ideas", _("Golden ideas")),
    ("growth", _("How my self-assessment changed")),
    ("shortcomings", _("Shortcomings and how I will improve")),
    ("plans", _("Plans for next year")),
)
MAX_SECTION_LENGTH = 4000
MESSAGE_SAVED = _("Your summary is saved. Print it when you are ready.")


class SummaryForm(forms.Form):
    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        for key, label in SECTIONS:
            self.fields[key] = forms.CharField(
                label=label, required=False, max_length=MAX_SECTION_LENGTH,
                widget=forms.Textarea(attrs={"rows": 5, "maxlength": MAX_SECTION_LENGTH}),
                help_text=_("Optional, up to %(max)d characters.") % {"max": MAX_SECTION_LENGTH},
            )  # fmt: skip


def summary_texts(*, user: User, year: int) -> dict[str, str]:
    draft = YearSummaryDraft.objects.filter(user=user, year=year).values_list("texts", flat=True).first()
    return {key: str((draft or {}).get(key, "")) for key, _label in SECTIONS}


@transaction.atomic
def summary_save(*, user: User, year: int, texts: dict[str, str]) -> YearSummaryDraft:
    wanted = {key: texts.get(key, "").strip() for key, _label in SECTIONS}
    draft, _created = YearSummaryDraft.objects.update_or_create(user=user, year=year, defaults={"texts": wanted})
    return draft
