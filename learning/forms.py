from django import forms
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from cms.translations import originals

from .frameworks import item_groups
from .models import MAX_MINUTES, GoldenIdea, StudyMaterialPage

ERROR_MINUTES = _("Enter the minutes as a whole number from 0 to 600.")
ERROR_INSIGHT_REQUIRED = _("Write the day's insight: one or two sentences of your own are enough.")
ERROR_INSIGHT_TOO_LONG = _("The insight is longer than %(limit)d characters; shorten it a little.")
ERROR_TITLE_REQUIRED = _("Give the idea a short title.")
ERROR_BODY_REQUIRED = _("Describe the idea: what to change, and why it helps.")
ERROR_NOTE_REQUIRED = _("Write a note for the author: what was decided, and why.")
ERROR_STATUS = _("Choose the next step for this idea.")
INSIGHT_LIMIT = 5000
MINUTE_CHIPS = (15, 30, 45, 60, 90)
ID_MAX_DIGITS = 18  # every id fits a 64-bit database integer


class PagesField(forms.ModelMultipleChoiceField):
    """Pages chosen by id. An id too large for the database is refused like a missing page, before any query:
    Django's own check would pass it to the database, which fails on it instead of finding nothing."""

    def clean(self, value):
        if isinstance(value, (list, tuple)):
            for pk in map(str, value):
                if not (pk.isascii() and pk.isdigit() and len(pk) <= ID_MAX_DIGITS):
                    raise forms.ValidationError(
                        self.error_messages["invalid_choice"], code="invalid_choice", params={"value": pk}
                    )
        return super().clean(value)


def _insight_help() -> str:
    return gettext(
        "What did you learn, and what will you do differently? In your own words, up to %(limit)d characters."
    ) % {"limit": INSIGHT_LIMIT}


def item_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """The current items grouped under their framework, by title only (a code is not for reading)."""
    return [(group.name, [(item.code, item.title) for item in group.items]) for group in item_groups()]


class StudyLogForm(forms.Form):
    minutes = forms.IntegerField(
        label=_("Minutes studied"),
        min_value=0,
        max_value=MAX_MINUTES,
        help_text=_("0 to 600. The target is about an hour on a workday."),
        error_messages={
            "required": ERROR_MINUTES,
            "invalid": ERROR_MINUTES,
            "min_value": ERROR_MINUTES,
            "max_value": ERROR_MINUTES,
        },
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "min": 0, "max": MAX_MINUTES, "step": 1}),
    )
    materials = PagesField(
        label=_("Materials from the portal"),
        queryset=originals(StudyMaterialPage.objects.live()).order_by("title"),  # a log points at originals
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    sources = forms.CharField(
        label=_("Other sources"),
        required=False,
        max_length=2000,
        help_text=_("Books, documents, meetings: one a line."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    insight = forms.CharField(
        label=_("Today's insight (体会)"),
        help_text=lazy(_insight_help, str)(),
        error_messages={"required": ERROR_INSIGHT_REQUIRED},
        widget=forms.Textarea(attrs={"rows": 6, "data-limit": INSIGHT_LIMIT}),
    )
    items = forms.MultipleChoiceField(
        label=_("Framework items the day touched"),
        choices=item_choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    share_insight = forms.BooleanField(
        label=_("Share the insight with my manager"),
        required=False,
        help_text=_("Off by default: your manager sees your minutes and materials, not your insight."),
    )

    highlight = forms.BooleanField(
        label=_("Keep this insight for my year-end summary"),
        required=False,
        help_text=_("Marked insights appear in your printable 年终个人总结 draft."),
    )

    def clean_insight(self) -> str:
        insight = self.cleaned_data["insight"].strip()
        if not insight:
            raise forms.ValidationError(ERROR_INSIGHT_REQUIRED)
        if len(insight) > INSIGHT_LIMIT:
            raise forms.ValidationError(ERROR_INSIGHT_TOO_LONG % {"limit": INSIGHT_LIMIT})
        return insight


class IdeaForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=120, error_messages={"required": ERROR_TITLE_REQUIRED})
    category = forms.ChoiceField(label=_("Category"), choices=GoldenIdea.Category.choices)
    body = forms.CharField(
        label=_("The idea"),
        max_length=5000,
        help_text=_("What should change, how, and what it would improve."),
        error_messages={"required": ERROR_BODY_REQUIRED},
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    submission_key = forms.UUIDField(widget=forms.HiddenInput)

    def clean_title(self) -> str:
        title = self.cleaned_data["title"].strip()
        if not title:
            raise forms.ValidationError(ERROR_TITLE_REQUIRED)
        return title

    def clean_body(self) -> str:
        body = self.cleaned_data["body"].strip()
        if not body:
            raise forms.ValidationError(ERROR_BODY_REQUIRED)
        return body


class IdeaMoveForm(forms.Form):
    to_status = forms.ChoiceField(label=_("Next step"), error_messages={"required": ERROR_STATUS})
    note = forms.CharField(
        label=_("Note to the author"),
        max_length=2000,
        error_messages={"required": ERROR_NOTE_REQUIRED},
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    from_status = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, next_statuses=(), **kwargs):
        super().__init__(*args, **kwargs)
        labels = dict(GoldenIdea.Status.choices)
        self.fields["to_status"].choices = [(status, labels[status]) for status in next_statuses]
        self.fields["to_status"].error_messages["invalid_choice"] = ERROR_STATUS

    def clean_note(self) -> str:
        note = self.cleaned_data["note"].strip()
        if not note:
            raise forms.ValidationError(ERROR_NOTE_REQUIRED)
        return note


def draft_refusals(form: StudyLogForm) -> dict[str, list[str]]:
    """The values the final save would refuse, by field: a field still empty is not refused, only unfinished."""
    refused: dict[str, list[str]] = {}
    for name, errors in form.errors.as_data().items():
        messages = [
            str(message)
            for error in errors
            if error.code != "required" and error.message != ERROR_INSIGHT_REQUIRED
            for message in error.messages
        ]
        if messages and name != "__all__":
            refused[name] = messages
    return refused
