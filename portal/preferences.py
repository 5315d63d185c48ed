"""My settings (/me/settings/): reminders and their time, language, notices by email. One form, saved in one place."""

import datetime
from typing import cast

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .models import User

# Half-hour steps through the evening; empty keeps the site's time (and follows it when it changes).
REMINDER_TIMES = [datetime.time(hour, minute) for hour in range(17, 24) for minute in (0, 30)]
ERROR_REMINDER_TIME = _("Choose one of the listed times.")
MESSAGE_SAVED = _("Saved: %(settings)s.")
MESSAGE_UNCHANGED = _("Nothing was changed.")
SUMMARY_ITEM = _("%(setting)s (%(value)s)")
SUMMARY_SEPARATOR = _(", ")


def _time_choices() -> list[tuple[str, str]]:
    return [(t.strftime("%H:%M"), t.strftime("%H:%M")) for t in REMINDER_TIMES]


class SettingsForm(forms.ModelForm):
    reminder_time = forms.TypedChoiceField(
        label=_("Reminder time"),
        required=False,
        coerce=lambda value: datetime.datetime.strptime(value, "%H:%M").time(),
        empty_value=None,
        error_messages={"invalid_choice": ERROR_REMINDER_TIME},
    )

    class Meta:
        model = User
        fields = ["reminders_enabled", "reminder_time", "preferred_language", "email_notices"]
        labels = {
            "reminders_enabled": _("Remind me in the evening when I have not written my study log"),
            "preferred_language": _("Language of the portal and its emails"),
            "email_notices": _("Also send reminders and notices to my email address"),
        }
        help_texts = {
            "reminders_enabled": _("Only on workdays, once an evening, and never after the log is saved."),
            "email_notices": _("Notices always appear in the portal; this adds an email."),
        }
        widgets = {"preferred_language": forms.RadioSelect}

    def __init__(self, *args, site_reminder_time: datetime.time, **kwargs):
        super().__init__(*args, **kwargs)
        default = _("The office's time (%(time)s)") % {"time": site_reminder_time.strftime("%H:%M")}
        reminder_time = cast(forms.ChoiceField, self.fields["reminder_time"])
        reminder_time.choices = [("", default), *_time_choices()]
        reminder_time.help_text = _("Reminders come at this time or a few minutes after it.")
        cast(forms.ChoiceField, self.fields["preferred_language"]).choices = settings.LANGUAGES
        if self.instance.reminder_time and not self.is_bound:
            self.initial["reminder_time"] = self.instance.reminder_time.strftime("%H:%M")


def saved_summary(form: SettingsForm) -> list[str]:
    """Name each changed setting with its new value, in the language now chosen."""
    parts = []
    for name in form.changed_data:
        value = form.cleaned_data[name]
        shown: str
        if isinstance(value, bool):
            shown = str(_("on") if value else _("off"))
        elif name == "preferred_language":
            shown = dict(settings.LANGUAGES)[value]
        elif value is None:
            shown = str(dict(cast(forms.ChoiceField, form.fields["reminder_time"]).choices)[""])
        else:
            shown = value.strftime("%H:%M")
        parts.append(str(SUMMARY_ITEM % {"setting": SUMMARY_LABELS[name], "value": shown}))
    return parts


SUMMARY_LABELS = {
    "reminders_enabled": _("study reminders"),
    "reminder_time": _("reminder time"),
    "preferred_language": _("language"),
    "email_notices": _("notices by email"),
}
