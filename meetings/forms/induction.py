"""The induction checklist form."""

from __future__ import annotations

from django import forms

from involvement.forms.groups import date_field
from involvement.forms.text import TextLimits

from ..models import InductionChecklist


class InductionChecklistForm(TextLimits, forms.Form):
    background_given = forms.BooleanField(label="Background to the group given", required=False)
    ground_rules_agreed = forms.BooleanField(label="Ground rules agreed", required=False)
    expectations_clarified = forms.BooleanField(
        label="Expectations made clear (time, expenses, confidentiality)", required=False
    )
    buddy_assigned = forms.BooleanField(label="Buddy assigned", required=False)
    how = forms.ChoiceField(
        label="How was the induction done?",
        choices=InductionChecklist.How.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    meeting = forms.ModelChoiceField(
        label="Induction meeting",
        queryset=None,
        required=False,
        empty_label="Not at a meeting",
    )
    notes = forms.CharField(label="Notes", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    complete = forms.BooleanField(
        label="The induction is complete: make them an inducted member", required=False
    )
    completed_on = date_field("Date of the induction", required=False)

    def __init__(self, *args, meetings, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = meetings

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("complete") and not cleaned.get("completed_on"):
            self.add_error("completed_on", "Enter the date of the induction")
        return cleaned
