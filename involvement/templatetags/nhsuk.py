"""Template tags for NHS.UK frontend components.

Loaded as a template builtin (settings.TEMPLATES), so every template can use
them without `{% load %}`.
"""

import datetime
import uuid

from django import forms, template
from django.template import defaultfilters, defaulttags
from django.template.loader import render_to_string
from django.urls import NoReverseMatch
from django.utils.dates import MONTHS, MONTHS_3, WEEKDAYS
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe

from involvement import clock as clock_format
from involvement import money as money_format
from involvement import text as text_format
from involvement.forms.fields import DateInputs, NHSDateField
from involvement.url_shapes import url_with_id, url_without_args

register = template.Library()

_ERROR_MODIFIERS = {
    "nhsuk-input": "nhsuk-input--error",
    "nhsuk-textarea": "nhsuk-textarea--error",
    "nhsuk-select": "nhsuk-select--error",
    "nhsuk-file-upload__input": "nhsuk-file-upload__input--error",
}


class _URLNode(defaulttags.URLNode):
    """Django's `{% url %}`, with the common shapes (a name alone, or a name
    and one whole-number id or UUID) joined from a remembered address instead of
    reversed each time (involvement.url_shapes). Anything else is Django's."""

    def render(self, context):
        if not self.kwargs and len(self.args) <= 1:
            view_name = self.view_name.resolve(context)
            if isinstance(view_name, str) and ":" not in view_name:
                try:
                    if not self.args:
                        url = url_without_args(view_name)
                    else:
                        value = self.args[0].resolve(context)
                        if not (type(value) is int and value >= 0) and not isinstance(
                            value, uuid.UUID
                        ):
                            return super().render(context)
                        url = url_with_id(view_name, value)
                except NoReverseMatch:
                    return super().render(context)
                if self.asvar:
                    context[self.asvar] = url
                    return ""
                return conditional_escape(url) if context.autoescape else url
        return super().render(context)


@register.tag
def url(parser, token):
    """`{% url %}` as Django has it (same syntax, same addresses), faster for
    the common shapes. As a builtin it replaces Django's tag in every template."""
    node = defaulttags.url(parser, token)
    return _URLNode(node.view_name, node.args, node.kwargs, node.asvar)


# The formats most of our pages use, written out directly: Django's `date`
# filter looks the format up and parses it on every call (about 40 us each on
# the benchmark machine; a page of fifty messages has fifty dates). Same
# pieces as django.utils.dateformat: j, F (MONTHS), l (WEEKDAYS), M (MONTHS_3,
# title case), Y (four digits).
_DATE_FORMATS = {
    "j F Y": lambda d: f"{d.day} {MONTHS[d.month]} {d.year:04d}",
    "l j F Y": lambda d: f"{WEEKDAYS[d.weekday()]} {d.day} {MONTHS[d.month]} {d.year:04d}",
    "j M Y": lambda d: f"{d.day} {MONTHS_3[d.month].title()} {d.year:04d}",
    "F Y": lambda d: f"{MONTHS[d.month]} {d.year:04d}",
}


@register.filter(expects_localtime=True, is_safe=False)
def date(value, arg=None):
    """Django's `date` filter (it replaces it in every template), quicker for
    the formats in _DATE_FORMATS; any other format or value is Django's."""
    fast = _DATE_FORMATS.get(arg) if isinstance(arg, str) else None
    if fast is not None and isinstance(value, datetime.date):
        return fast(value)
    return defaultfilters.date(value, arg)


@register.filter
def clock(value):
    """A time of day the NHS way: "10:30am", "9am", "midday"."""
    return clock_format.clock(value)


@register.filter
def day_and_clock(value, day_format="j F Y"):
    """A day and a time: "7 December 2026, 10:30am"."""
    return clock_format.day_and_clock(value, day_format)


@register.filter
def money(value, empty=""):
    """Pounds the one way: "£2,250.00", "−£12.50"; None shows ``empty``
    (``{{ x|money:"–" }}`` for a dash)."""
    return money_format.money(value, empty=empty)


@register.filter
def lower_first(value):
    """Free text inside a sentence, keeping the capitals of day and month
    names: "meets every two months, Tuesday mornings"."""
    return text_format.lower_first(str(value))


@register.filter
def nhs_kind(bound_field):
    """Which NHS component a form field renders as."""
    widget = bound_field.field.widget
    if isinstance(widget, DateInputs):
        return "date"
    # CheckboxSelectMultiple subclasses RadioSelect, so it must be asked first.
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return "checkboxes"
    if isinstance(widget, forms.RadioSelect):
        return "radios"
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    if isinstance(widget, forms.Textarea):
        return "textarea"
    if isinstance(widget, forms.Select):
        return "select"
    if isinstance(widget, forms.ClearableFileInput | forms.FileInput):
        return "file"
    return "input"


@register.filter
def nhs_date_parts(bound_field):
    """Day, month and year boxes of an NHSDateField: name, id, label, width and
    the value to show (what the person typed, or the initial date)."""
    value = bound_field.value()
    if not isinstance(value, list | tuple):
        value = bound_field.field.widget.decompress(value)
    parts = []
    for index, (_, label, width) in enumerate(NHSDateField.parts):
        part_value = value[index] if index < len(value) else None
        parts.append(
            {
                "name": f"{bound_field.html_name}_{index}",
                "id": f"{bound_field.auto_id}_{index}",
                "label": label,
                "width": width,
                "value": "" if part_value is None else str(part_value),
            }
        )
    return parts


@register.filter
def nhs_character_count(bound_field):
    """The NHS.UK character count of a box of text with a limit (forms.text):
    the limit and the sentence that says it, or None."""
    limit = getattr(bound_field.field, "max_length", None)
    if limit is None or nhs_kind(bound_field) != "textarea":
        return None
    return {"limit": limit, "message": f"You can enter up to {limit:,} characters"}


def _described_by(bound_field):
    ids = []
    if nhs_character_count(bound_field):
        ids.append(f"{bound_field.auto_id}-info")
    if bound_field.help_text:
        ids.append(f"{bound_field.auto_id}-hint")
    if bound_field.errors:
        ids.append(f"{bound_field.auto_id}-error")
    return " ".join(ids)


@register.simple_tag
def nhs_hint_and_errors(bound_field):
    """The field's hint and error message, as components/forms/hint_and_errors.html
    writes them (same markup, same line breaks), without an include per field."""
    hint = ""
    if bound_field.help_text:
        hint = format_html(
            '<div class="nhsuk-hint" id="{}-hint">{}</div>',
            bound_field.auto_id,
            bound_field.help_text,
        )
    errors = ""
    if bound_field.errors:
        errors = format_html(
            '<span class="nhsuk-error-message" id="{}-error">{}</span>',
            bound_field.auto_id,
            mark_safe(  # noqa: S308 -- each message escaped here
                "<br>".join(
                    format_html('<span class="nhsuk-u-visually-hidden">Error: </span>{}', error)
                    for error in bound_field.errors
                )
            ),
        )
    return format_html("{}\n{}\n", hint, errors)


@register.simple_tag
def nhs_widget(bound_field, css_class):
    """Render a field's widget with the NHS classes and ARIA links; input kept."""
    classes = [css_class]
    if nhs_character_count(bound_field):
        classes.append("nhsuk-js-character-count")
    existing = bound_field.field.widget.attrs.get("class")
    if existing:
        classes.append(existing)
    if bound_field.errors and css_class in _ERROR_MODIFIERS:
        classes.append(_ERROR_MODIFIERS[css_class])
    attrs = {"class": " ".join(classes)}
    described_by = _described_by(bound_field)
    if described_by:
        attrs["aria-describedby"] = described_by
    return bound_field.as_widget(attrs=attrs)


def _error_target(bound_field):
    """The id an error summary link jumps to: the field's input, or for radios
    and checkboxes (which have no single input) the first option's."""
    kind = nhs_kind(bound_field)
    if kind == "date":
        return f"{bound_field.auto_id}_0"
    if kind in {"radios", "checkboxes"}:
        options = bound_field.subwidgets
        if options:
            return options[0].id_for_label
    return bound_field.id_for_label or bound_field.auto_id


def _error_links(form):
    links = []
    for error in form.non_field_errors():
        links.append(("maincontent", error))
    for bound_field in form.visible_fields():
        for error in bound_field.errors:
            links.append((_error_target(bound_field), error))
    for bound_field in form.hidden_fields():
        for error in bound_field.errors:
            links.append(("maincontent", error))
    return links


@register.simple_tag
def error_summary(*forms_with_errors):
    """The NHS error summary for one or more forms, each error linking to its field."""
    links = []
    for form in forms_with_errors:
        if form is not None and getattr(form, "errors", None):
            links.extend(_error_links(form))
    if not links:
        return ""
    return render_to_string("components/error_summary.html", {"errors": links})


@register.inclusion_tag("components/tag.html")
def status_tag(text, colour=""):
    return {"text": text, "colour": colour}
