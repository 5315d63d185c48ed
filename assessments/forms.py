"""Forms of the self-assessment steps and of the manager's review.

A step form carries only its own fields; saving a draft is lenient (nothing is required
yet), while the completeness rules are checked at submit (``selectors.assessment_missing``).
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import MAX_RATING, MIN_RATING, Improvement, Item, LookBack, SelfAssessment
from .selectors import AssessmentContent, Step
from .services import (
    ERROR_REOPEN_REASON,
    ERROR_REOPEN_UNTIL,
    REOPEN_MAX_DAYS,
    AnswerInput,
    DraftInput,
    LookBackInput,
)

RATING_CHOICES = [(str(n), str(n)) for n in range(MIN_RATING, MAX_RATING + 1)]
NOTE_MAX_LENGTH = 2000
ERROR_RATING_INVALID = _("Choose a rating from 1 to 5.")
ERROR_COMMENT_REQUIRED = _("Write an overall comment: it is what the person reads first.")


def _rating_field(label, required=False) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        choices=RATING_CHOICES,
        coerce=int,
        empty_value=None,
        required=required,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": ERROR_RATING_INVALID, "required": ERROR_RATING_INVALID},
    )


class StepForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, step: Step, items: list[Item], previous_improvements: list[Improvement], **kwargs):
        super().__init__(*args, **kwargs)
        self.step = step
        self.items = [item for item in items if step.framework and item.framework_id == step.framework.pk]
        self.previous_improvements = previous_improvements if step.kind == "look_back" else []
        for item in self.items:
            reflective = item.framework.is_reflective
            self.fields[f"rating-{item.pk}"] = _rating_field(_("Rating (optional)") if reflective else _("Rating"))
            self.fields[f"note-{item.pk}"] = forms.CharField(
                label=_("Your reflection") if reflective else _("Evidence from your work (optional)"),
                required=False,
                max_length=NOTE_MAX_LENGTH,
                widget=forms.Textarea(attrs={"rows": 5 if reflective else 2}),
            )
        if step.kind == "improvements":
            for position in (1, 2, 3):
                self.fields[f"improvement-{position}"] = forms.CharField(
                    label=_("Change %(n)d") % {"n": position}, required=False, max_length=300
                )
        for improvement in self.previous_improvements:
            self.fields[f"progress-{improvement.pk}"] = forms.ChoiceField(
                label=_("How did it go?"), choices=LookBack.Progress.choices, required=False, widget=forms.RadioSelect
            )
            self.fields[f"lookback-{improvement.pk}"] = forms.CharField(
                label=_("Note (optional)"), required=False, max_length=NOTE_MAX_LENGTH,
                widget=forms.Textarea(attrs={"rows": 2}),
            )  # fmt: skip

    @staticmethod
    def initial_for(assessment: SelfAssessment, content: AssessmentContent | None = None) -> dict:
        """The saved values of every step's fields; from ``content`` when the view has read it already."""
        initial: dict = {"version": assessment.version}
        for answer in content.answers if content else assessment.answers.all():
            initial[f"rating-{answer.item_id}"] = str(answer.rating) if answer.rating else ""
            initial[f"note-{answer.item_id}"] = answer.note
        for improvement in content.improvements if content else assessment.improvements.all():
            initial[f"improvement-{improvement.position}"] = improvement.text
        for look in content.look_backs if content else assessment.look_backs.all():
            initial[f"progress-{look.improvement_id}"] = look.progress
            initial[f"lookback-{look.improvement_id}"] = look.note
        return initial

    def changes(self) -> DraftInput:
        data = self.cleaned_data
        return DraftInput(
            answers={
                item.pk: AnswerInput(rating=data.get(f"rating-{item.pk}"), note=data.get(f"note-{item.pk}", ""))
                for item in self.items
            },
            improvements=[data[f"improvement-{n}"] for n in (1, 2, 3)] if self.step.kind == "improvements" else None,
            look_backs={
                i.pk: LookBackInput(progress=data.get(f"progress-{i.pk}", ""), note=data.get(f"lookback-{i.pk}", ""))
                for i in self.previous_improvements
            },
        )

    def item_rows(self) -> list[tuple[Item, forms.BoundField, forms.BoundField]]:
        return [(item, self[f"rating-{item.pk}"], self[f"note-{item.pk}"]) for item in self.items]

    def look_back_rows(self) -> list[tuple[Improvement, forms.BoundField, forms.BoundField]]:
        return [(i, self[f"progress-{i.pk}"], self[f"lookback-{i.pk}"]) for i in self.previous_improvements]


class ReviewForm(forms.Form):
    # The review's version when the page was loaded (0: none yet). A post without one counts as 0, so it
    # can add a first review but never overwrite a saved one.
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, required=False)

    def clean_version(self) -> int:
        return self.cleaned_data["version"] or 0

    comment = forms.CharField(
        label=_("Overall comment"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What went well, and what to work on next. The person reads this."),
        error_messages={"required": ERROR_COMMENT_REQUIRED},
    )

    def __init__(self, *args, answer_ids: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.answer_ids = answer_ids
        for answer_id in answer_ids:
            self.fields[f"manager-{answer_id}"] = _rating_field(_("Your rating (optional)"))

    def ratings(self) -> dict[int, int | None]:
        return {answer_id: self.cleaned_data.get(f"manager-{answer_id}") for answer_id in self.answer_ids}


class ReopenForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for reopening"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The person sees this reason."),
        error_messages={"required": ERROR_REOPEN_REASON},
    )
    until = forms.DateField(
        label=_("Open for the person until"),
        required=False,  # left empty: the default deadline shown in the form (services.reopen_default_until)
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("The person can change and submit it until the end of this day (Beijing time), even after the "
                    "cycle closes."),
    )  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        message = ERROR_REOPEN_UNTIL % {"days": REOPEN_MAX_DAYS}  # formatted now, in the reader's language
        self.fields["until"].error_messages.update(required=message, invalid=message)

    def first_error(self) -> str:
        return next((str(errors[0]) for errors in self.errors.values()), str(ERROR_REOPEN_REASON))
