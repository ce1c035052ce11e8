"""Forms for decision-making bodies and representative seats. They only parse
input; the rules (who may sit on a body, overlapping terms) are in
involvement.services.bodies."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from ..models import DecisionMakingBody
from .fields import NHSDateField
from .text import TextLimits


def date_field(*, label: str, required: bool, missing: str, help_text: str = "") -> NHSDateField:
    """A date as day, month and year boxes, like 15 3 2026."""
    kwargs = {"help_text": help_text} if help_text else {}
    return NHSDateField(label=label, required=required, missing=missing, **kwargs)


class OrganisationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class BodyForm(TextLimits, forms.ModelForm):
    """Create or change a body. `organisations` (create only) are those the
    person may add bodies to; with only one, it is chosen for them."""

    class Meta:
        model = DecisionMakingBody
        fields = ["name", "level", "remit", "meeting_pattern", "contact_name", "contact_email"]
        labels = {
            "name": "Name",
            "level": "Level of decisions it takes",
            "remit": "What it decides",
            "meeting_pattern": "When it meets",
            "contact_name": "Contact name",
            "contact_email": "Contact email address",
        }
        help_texts = {
            "name": 'For example, "Diabetes Network Board" or "Foot Care Pathway Redesign Group".',
            "remit": "A sentence or two on what the body makes decisions about.",
            "contact_name": "Who members can ask about the body, such as its secretary.",
        }
        widgets = {
            "level": forms.RadioSelect,
            "remit": forms.Textarea(attrs={"rows": 4}),
            "contact_email": forms.EmailInput(attrs={"autocomplete": "off"}),
        }
        error_messages = {
            "name": {"required": "Enter the body's name"},
            "level": {"required": "Choose the level of decisions the body takes"},
            "contact_email": {
                "invalid": "Enter an email address in the correct format, like name@example.com"
            },
        }

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["level"].choices = DecisionMakingBody.Level.choices
        if organisations is not None:
            organisations = organisations.order_by("name")
            field = OrganisationChoiceField(
                queryset=organisations,
                label="Organisation",
                empty_label="Choose an organisation",
                error_messages={
                    "required": "Choose the organisation the body belongs to",
                    "invalid_choice": "Choose one of your organisations",
                },
            )
            if len(organisations) == 1:
                field.initial = organisations[0].pk
                field.widget = forms.HiddenInput()
            self.fields = {"organisation": field, **self.fields}

    def validate_unique(self):
        # Name clashes are checked by the service, with a message that says so.
        pass


class MembershipChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.person.full_name} ({obj.group.name})"


class SeatAppointForm(TextLimits, forms.Form):
    membership = MembershipChoiceField(
        queryset=None,
        label="Member",
        empty_label="Choose a member",
        help_text="Only active members of this organisation's groups can be appointed.",
        error_messages={
            "required": "Choose the member to appoint",
            "invalid_choice": "Choose an active member of one of this organisation's groups",
        },
    )
    term_start = date_field(
        label="Start of term", required=True, missing="Enter the date the term starts"
    )
    term_end = date_field(
        label="End of term",
        required=False,
        missing="",
        help_text="Leave empty if the term has no end date. For example, 31/3/2027",
    )

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["membership"].queryset = members
        if not self.is_bound:
            self.initial.setdefault("term_start", timezone.localdate())


class SeatEndForm(TextLimits, forms.Form):
    end_date = date_field(
        label="Last day of the term",
        required=True,
        missing="Enter the last day of the term",
        help_text="Today or another date. For example, 15/3/2026",
    )
    reason = forms.CharField(
        label="Why the seat is ending",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example, the term was completed, or the member stepped down.",
        error_messages={"required": "Enter why the seat is ending"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("end_date", timezone.localdate())
