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


class DecisionsForm(TextLimits, forms.Form):
    """A decision and its reason for each undecided applicant of a vacancy, on
    one page, saved together. An applicant left on "Decide later" is left as
    they are. Fields are "outcome_<id>" and "reason_<id>"."""

    LATER = "later"

    def __init__(self, *args, applications, suggested: dict[int, str], **kwargs):
        super().__init__(*args, **kwargs)
        self.applications = applications
        for application in applications:
            ref = application.reference
            self.fields[f"outcome_{application.pk}"] = forms.ChoiceField(
                label=f"Decision for {ref}",
                choices=[*DECISION_CHOICES, (self.LATER, "Decide later")],
                widget=forms.RadioSelect,
                required=False,
                initial=suggested.get(application.pk, self.LATER),
                error_messages={"invalid_choice": f"Choose a decision for {ref} from the list"},
            )
            self.fields[f"reason_{application.pk}"] = forms.CharField(
                label=f"Reason for {ref}",
                widget=forms.Textarea(attrs={"rows": 2}),
                required=False,
                help_text="The applicant reads this in their letter.",
            )

    def clean(self):
        data = super().clean()
        for application in self.applications:
            outcome = data.get(f"outcome_{application.pk}")
            reason = (data.get(f"reason_{application.pk}") or "").strip()
            if outcome and outcome != self.LATER and not reason:
                self.add_error(
                    f"reason_{application.pk}",
                    f"Give the reason for the decision for {application.reference}: "
                    "the applicant will read it",
                )
        if not self.errors and not self.decisions():
            raise forms.ValidationError("Choose a decision for at least one applicant")
        return data

    def decisions(self) -> dict[int, tuple[str, str]]:
        return {
            application.pk: (
                self.cleaned_data[f"outcome_{application.pk}"],
                self.cleaned_data.get(f"reason_{application.pk}", ""),
            )
            for application in self.applications
            if self.cleaned_data.get(f"outcome_{application.pk}") not in ("", None, self.LATER)
        }

    def rows(self):
        """(application, outcome field, reason field) for the table."""
        return [
            (application, self[f"outcome_{application.pk}"], self[f"reason_{application.pk}"])
            for application in self.applications
        ]


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
