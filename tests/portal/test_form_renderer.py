"""The form renderer builds the plain widgets in Python: the HTML must be Django's own, byte for byte."""

import datetime

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from portal.form_renderer import BUILT, FormRenderer
from portal.views_dashboards import LeaveForm

TRICKY = "<b>\"引号\" & 'apostrophe'</b>"
CHOICES = [("1", "1"), ("2", TRICKY), ("<3>", "三")]


class EveryWidget(forms.Form):
    text = forms.CharField(
        max_length=10,
        widget=forms.TextInput(attrs={"placeholder": gettext_lazy("Search"), "autofocus": False, "spellcheck": True}),
    )
    empty = forms.CharField(required=False)
    number = forms.IntegerField(min_value=1)
    day = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    hidden = forms.IntegerField(widget=forms.HiddenInput)
    flag = forms.BooleanField(required=False)
    secret = forms.CharField(widget=forms.PasswordInput(render_value=True))
    email = forms.EmailField(disabled=True)
    rating = forms.ChoiceField(choices=CHOICES, widget=forms.RadioSelect)
    topics = forms.MultipleChoiceField(choices=CHOICES, widget=forms.CheckboxSelectMultiple, required=False)
    note = forms.CharField(widget=forms.Textarea(attrs={"rows": 2, "aria-describedby": "x y"}))
    safe = forms.CharField(widget=forms.TextInput(attrs={"data-x": mark_safe("<i>")}))


VALUES = [
    {},
    {"text": TRICKY, "empty": "", "number": "5", "day": "2026-12-01", "hidden": "7", "flag": "on", "secret": TRICKY,
     "email": "a@b.c", "rating": "2", "topics": ["1", "<3>"], "note": f"第一行\n{TRICKY}", "safe": "x"},
    {"number": "not a number", "rating": "9", "note": ""},
]  # fmt: skip


def rendered(form) -> str:
    """Each field as a whole, and each of its options on its own, without and with its label."""
    return "".join(str(field) + "".join(f"{option.tag()}{option}" for option in field.subwidgets) for field in form)


def both_ways(form_class, data, **kwargs) -> tuple[str, str]:
    forms_ = [form_class(data or None, renderer=renderer, **kwargs) for renderer in (DjangoTemplates(), FormRenderer())]
    for form in forms_:
        if data:
            form.is_valid()  # the errors' attributes too
    return rendered(forms_[0]), rendered(forms_[1])


@pytest.mark.parametrize("data", VALUES)
def test_every_built_widget_renders_as_djangos_templates_do(data):
    django_html, our_html = both_ways(EveryWidget, data)
    assert our_html == django_html
    assert "<input" in our_html and "<textarea" in our_html


def test_a_portal_form_renders_as_djangos_templates_do():
    django_html, our_html = both_ways(LeaveForm, {"starts_on": "2026-12-01", "ends_on": "2026-11-30", "note": TRICKY})
    assert our_html == django_html and "&lt;b&gt;" in our_html


def test_each_built_template_is_one_django_ships():
    templates = DjangoTemplates().engine
    for name in BUILT:
        assert templates.get_template(name)  # a renamed template would otherwise never be used again


def test_other_widgets_and_templates_are_left_to_django():
    form = forms.Form(renderer=FormRenderer())
    form.fields["choice"] = forms.ChoiceField(choices=CHOICES)
    form.fields["when"] = forms.SplitDateTimeField(initial=datetime.datetime(2026, 12, 1, 20, 30))
    django_form = forms.Form(renderer=DjangoTemplates())
    django_form.fields.update(form.fields)
    assert str(form) == str(django_form) and "<select" in str(form)
