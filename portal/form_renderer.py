"""The form renderer: Django's, with its plain input widgets built in Python.

Each input, option and textarea went through two to four small templates: the assessment step's
35 rating options and 7 notes took 18 ms of its 60. The HTML built here is Django's own, byte for
byte (``tests/portal/test_form_renderer.py`` renders each widget both ways); every other template
(a select, a form's layout, a widget with a template of its own) is still rendered by Django.
"""

from collections.abc import Callable
from typing import Any

from django.forms.renderers import DjangoTemplates
from django.utils.html import conditional_escape

WIDGETS = "django/forms/widgets/"
INPUT_TYPES = ("checkbox", "color", "date", "datetime", "email", "file", "hidden", "input", "number", "password",
               "search", "tel", "text", "time", "url")  # fmt: skip
OPTION_TYPES = ("input_option", "radio_option", "checkbox_option")


def _attrs(attrs: dict[str, Any]) -> str:
    """django/forms/widgets/attrs.html"""
    return "".join(_attr(name, value) for name, value in attrs.items() if value is not False)


def _attr(name: str, value: Any) -> str:
    return (
        f" {conditional_escape(name)}"
        if value is True
        else f' {conditional_escape(name)}="{conditional_escape(value)}"'
    )


def _input(widget: dict[str, Any]) -> str:
    """django/forms/widgets/input.html (without its last newline)"""
    value = "" if widget["value"] is None else f' value="{conditional_escape(widget["value"])}"'
    name, kind = conditional_escape(widget["name"]), conditional_escape(widget["type"])
    return f'<input type="{kind}" name="{name}"{value}{_attrs(widget["attrs"])}>'


def _option(widget: dict[str, Any]) -> str:
    """django/forms/widgets/input_option.html"""
    if not widget["wrap_label"]:
        return _input(widget)
    label_for = f' for="{conditional_escape(widget["attrs"]["id"])}"' if widget["attrs"].get("id") else ""
    return f"<label{label_for}>{_input(widget)}\n {conditional_escape(widget['label'])}</label>"


def _textarea(widget: dict[str, Any]) -> str:
    """django/forms/widgets/textarea.html"""
    text = conditional_escape(widget["value"]) if widget["value"] else ""
    return f'<textarea name="{conditional_escape(widget["name"])}"{_attrs(widget["attrs"])}>\n{text}</textarea>'


BUILT: dict[str, Callable[[dict[str, Any]], str]] = {
    **{f"{WIDGETS}{kind}.html": _input for kind in INPUT_TYPES},
    **{f"{WIDGETS}{kind}.html": _option for kind in OPTION_TYPES},
    f"{WIDGETS}textarea.html": _textarea,
}


class FormRenderer(DjangoTemplates):
    """``FORM_RENDERER``: the widgets in ``BUILT`` from Python, everything else from Django's templates."""

    def render(self, template_name, context, request=None):
        build = BUILT.get(template_name)
        if build is None or set(context) - {"widget"}:
            return super().render(template_name, context, request)
        return build(context["widget"])
