from django import forms

from .text import TextLimits


class GlossaryTermForm(TextLimits, forms.Form):
    term = forms.CharField(
        label="Term",
        max_length=60,
        help_text='For example, "MDT" or "Elective care".',
        error_messages={"required": "Enter the term"},
    )
    meaning = forms.CharField(
        label="What it means, in plain English",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter what the term means, in plain English"},
    )
