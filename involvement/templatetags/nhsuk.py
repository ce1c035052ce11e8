"""Template tags for NHS.UK frontend components.

Loaded as a template builtin (settings.TEMPLATES), so every template can use
them without `{% load %}`.
"""

from django import forms, template
from django.template.loader import render_to_string

register = template.Library()

_ERROR_MODIFIERS = {
    "nhsuk-input": "nhsuk-input--error",
    "nhsuk-textarea": "nhsuk-textarea--error",
    "nhsuk-select": "nhsuk-select--error",
    "nhsuk-file-upload": "nhsuk-file-upload--error",
}


@register.filter
def nhs_kind(bound_field):
    """Which NHS component a form field renders as."""
    widget = bound_field.field.widget
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


def _described_by(bound_field):
    ids = []
    if bound_field.help_text:
        ids.append(f"{bound_field.auto_id}-hint")
    if bound_field.errors:
        ids.append(f"{bound_field.auto_id}-error")
    return " ".join(ids)


@register.simple_tag
def nhs_widget(bound_field, css_class):
    """Render a field's widget with the NHS classes and ARIA links; input kept."""
    classes = [css_class]
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
    if nhs_kind(bound_field) in {"radios", "checkboxes"}:
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
