"""Filtering the organisation's audit log."""

from django import forms

from ..models import AuditAction
from .fields import NHSDateField
from .text import TextLimits


class AuditFilterForm(TextLimits, forms.Form):
    actor = forms.TypedChoiceField(
        label="Who", required=False, coerce=int, empty_value=None, choices=[]
    )
    action = forms.ChoiceField(
        label="What", required=False, choices=[("", "Any action"), *AuditAction.choices]
    )
    date_from = NHSDateField(
        label="From", required=False, missing="Enter the first day to show", example="1 4 2026"
    )
    date_to = NHSDateField(
        label="To", required=False, missing="Enter the last day to show", example="30 4 2026"
    )

    def __init__(self, *args, actors, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["actor"].choices = [("", "Anyone"), *actors]

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", "The last day must be the same as or after the first day")
        return data
