"""Forms for the selection proposal, its acceptance, decisions and the
organisation's retention period."""

from __future__ import annotations

from django import forms

from involvement.forms.text import TextLimits
from recruitment.models import Application, RecruitmentSettings, SelectionProposal

Status = Application.Status


class ProposeForm(TextLimits, forms.Form):
    mode = forms.ChoiceField(
        label="How should the platform propose who to select?",
        choices=[
            (SelectionProposal.Mode.BALANCED, "Highest scores that meet the diversity minimums"),
            (
                SelectionProposal.Mode.LOTTERY,
                "A random draw among the shortlist that still meets the diversity minimums",
            ),
        ],
        widget=forms.RadioSelect,
        initial=SelectionProposal.Mode.BALANCED,
        error_messages={
            "required": "Choose how to propose the selection",
            "invalid_choice": "Choose how to propose the selection",
        },
    )
    seed = forms.IntegerField(
        label="Draw number (random draw only)",
        required=False,
        min_value=0,
        max_value=2**31 - 1,
        help_text=(
            "Leave this empty for a new draw: the platform picks a number and records it. "
            "To repeat an earlier draw exactly, enter the number it recorded."
        ),
        error_messages={
            "invalid": "Enter the draw number as a whole number, like 4821",
            "min_value": "Enter the draw number as a whole number, like 4821",
            "max_value": "Enter a draw number of 2147483647 or less",
        },
    )


class AcceptForm(TextLimits, forms.Form):
    final = forms.MultipleChoiceField(
        label="Who to select",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one applicant"},
    )
    reason = forms.CharField(
        label="Reason for any change",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text="Needed if your choice differs from the proposal. It goes in the audit trail.",
    )

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["final"].choices = choices

    def final_ids(self) -> list[int]:
        return [int(v) for v in self.cleaned_data["final"]]


DECISION_CHOICES = [
    (Status.SELECTED, "Selected"),
    (Status.RESERVE, "Reserve list"),
    (Status.NOT_SELECTED, "Not selected"),
]


class DecisionForm(TextLimits, forms.Form):
    outcome = forms.ChoiceField(
        label="Decision",
        choices=DECISION_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the decision"},
    )
    reason = forms.CharField(
        label="Reason",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Give the reason for the decision: the applicant will read it"},
        help_text="The applicant reads this in their letter. Write it plainly and kindly.",
    )


class ReserveOfferForm(TextLimits, forms.Form):
    reason = forms.CharField(
        label="Why is a place offered now?",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Say why the place is offered now, e.g. who left"},
    )


class RetentionForm(TextLimits, forms.Form):
    retention_days = forms.IntegerField(
        label=RecruitmentSettings._meta.get_field("retention_days").verbose_name.capitalize(),
        help_text=RecruitmentSettings._meta.get_field("retention_days").help_text,
        min_value=30,
        widget=forms.NumberInput(attrs={"class": "nhsuk-input--width-5"}),
        error_messages={
            "required": "Enter the number of days, like 365",
            "invalid": "Enter the number of days as a whole number, like 365",
            "min_value": "Enter at least 30 days, so that appeals can be answered",
        },
    )
