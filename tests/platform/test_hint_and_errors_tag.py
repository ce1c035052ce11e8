"""`{% nhs_hint_and_errors field %}` writes exactly what the
components/forms/hint_and_errors.html include writes."""

import pytest
from django import forms
from django.template import Context, Template
from django.utils.safestring import mark_safe


class _Form(forms.Form):
    plain = forms.CharField(label="Plain")
    hinted = forms.CharField(label="Hinted", help_text="Say <what> & why")
    safe_hint = forms.CharField(label="Safe", help_text=mark_safe("A <strong>hint</strong>"))
    number = forms.IntegerField(label="Number", help_text="A whole number")

    def clean_plain(self):
        raise forms.ValidationError(["First <problem>", "Second & last"])


INCLUDE = Template('{% include "components/forms/hint_and_errors.html" %}')
TAG = Template("{% nhs_hint_and_errors field %}")


@pytest.mark.parametrize("data", [None, {"plain": "x", "number": "not a number"}, {}])
def test_the_tag_writes_what_the_include_writes(data):
    form = _Form(data) if data is not None else _Form()
    if data is not None:
        form.is_valid()
    for field in form:
        context = {"field": field}
        assert TAG.render(Context(context)) == INCLUDE.render(Context(context)), field.name
