"""Forms for organisations and the roles people hold in them."""

from __future__ import annotations

from django import forms

from ..models import DiversityProfile, Organisation, StaffRole
from .text import TextLimits


class OrganisationForm(TextLimits, forms.Form):
    name = forms.CharField(
        label="Name",
        max_length=200,
        help_text='For example, "North Fellside Diabetes Network".',
        error_messages={"required": "Enter the organisation's name"},
    )
    kind = forms.ChoiceField(
        label="Type of organisation",
        choices=Organisation.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the type of organisation"},
    )
    nation = forms.ChoiceField(
        label="Where the organisation works",
        choices=Organisation.Nation.choices,
        initial=Organisation.Nation.ENGLAND,
        widget=forms.RadioSelect,
        help_text=(
            "Its bank holidays are left out when we count the working days a claim has "
            "waited to be paid."
        ),
        error_messages={"required": "Choose where the organisation works"},
    )
    localities = forms.CharField(
        label="Parts of the area",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=(
            'One on each line, for example "North of the borough". Members can say which '
            "part they live in, so groups can include people from every part."
        ),
    )

    quiet_hours = forms.BooleanField(
        label="Hold messages overnight",
        required=False,
        initial=True,
        help_text="Emails are not sent between 9pm and 8am (UK time): they go at 8am.",
    )

    @classmethod
    def initial_for(cls, organisation: Organisation) -> dict:
        return {
            "name": organisation.name,
            "kind": organisation.kind,
            "nation": organisation.nation,
            "localities": "\n".join(organisation.localities or []),
            "quiet_hours": organisation.quiet_hours,
        }

    def clean_localities(self) -> list[str]:
        places = [
            line.strip() for line in self.cleaned_data["localities"].splitlines() if line.strip()
        ]
        # Each part is kept as a member's answer, which holds this much.
        limit = DiversityProfile._meta.get_field("locality").max_length
        if any(len(place) > limit for place in places):
            raise forms.ValidationError(
                f"Each part of the area must be {limit} characters or fewer, on its own line"
            )
        return places


class RoleGrantForm(TextLimits, forms.Form):
    email = forms.EmailField(
        label="Email address",
        help_text=(
            "If they do not have an account yet, we will make one and email them an invitation."
        ),
        widget=forms.EmailInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        error_messages={
            "required": "Enter the person's email address",
            "invalid": "Enter an email address in the correct format, like name@example.com",
        },
    )
    full_name = forms.CharField(
        label="Full name",
        max_length=150,
        required=False,
        help_text="Used only when we make a new account for them.",
    )
    role = forms.ChoiceField(
        label="Role",
        choices=StaffRole.Role.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the role to give them"},
    )


ROLE_HINTS = {
    StaffRole.Role.COORDINATOR: "Runs groups day to day: recruitment, meetings, representatives.",
    StaffRole.Role.ADMIN_SUPPORT: "Venues, papers, large print and expenses.",
    StaffRole.Role.PANEL_MEMBER: "Scores applications against the published criteria.",
    StaffRole.Role.COMMISSIONER: "Sees headline figures and reports only, never personal data.",
    StaffRole.Role.FINANCE: "Marks approved expense claims as paid.",
    StaffRole.Role.ORG_ADMIN: "Gives and removes roles and changes the organisation's settings.",
}
