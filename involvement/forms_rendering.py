"""Render every Django form in the NHS.UK pattern.

Set as FORM_RENDERER, so `{{ form }}` (ours and allauth's) produces NHS
form groups: label, hint, error message beside the field, the input kept and
marked as in error. The error summary at the top of the page comes from
base.html's `{% error_summary form %}`.
"""

from django.forms.renderers import TemplatesSetting


class NHSFormRenderer(TemplatesSetting):
    form_template_name = "components/forms/form.html"
    field_template_name = "components/forms/field.html"
