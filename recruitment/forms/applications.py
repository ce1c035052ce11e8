"""Forms for the applicant's pages (one question per page) and for a paper
or phone application entered by the coordinator."""

from __future__ import annotations

from django import forms

from involvement.forms.text import TextLimits
from involvement.models import DiversityProfile, Person

from ..models import Application, OutreachChannel
from ..services.applications import ANSWER_MAX_LENGTH

SOMEWHERE_ELSE = "other"


class AnswerForm(TextLimits, forms.Form):
    text = forms.CharField(
        max_length=ANSWER_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={
            "required": 'Write your answer, or choose "Save and come back later"',
            "max_length": f"Your answer must be {ANSWER_MAX_LENGTH:,} characters or fewer",
        },
    )

    def __init__(self, *args, criterion, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text"].label = criterion.question
        self.fields["text"].help_text = (
            f"In your own words, up to {ANSWER_MAX_LENGTH:,} characters. "
            "You can save and come back later."
        )


class AvailabilityForm(TextLimits, forms.Form):
    availability = forms.CharField(
        label="When are you usually free to take part?",
        help_text="For example: weekday afternoons, evenings after 6pm, or online only.",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Tell us when you are usually free to take part"},
    )


class SupportForm(TextLimits, forms.Form):
    support_needed = forms.CharField(
        label="Is there anything that would help you take part?",
        required=False,
        help_text="For example: step-free access, a hearing loop, papers in large print, help "
        "with travel, an interpreter, or meetings online. We offer help so that nobody is "
        "left out.",
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class HeardViaForm(TextLimits, forms.Form):
    heard_via_other = forms.CharField(
        label="If somewhere else, where?",
        required=False,
        max_length=120,
    )

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        channels = list(
            OutreachChannel.objects.filter(organisation=organisation, active=True).order_by("name")
        )
        self.channels = {str(c.pk): c for c in channels}
        self.fields["heard_via"] = forms.ChoiceField(
            label="Where did you hear about this vacancy?",
            help_text="This helps us reach more people next time.",
            choices=[(str(c.pk), c.name) for c in channels] + [(SOMEWHERE_ELSE, "Somewhere else")],
            widget=forms.RadioSelect,
            error_messages={"required": "Choose where you heard about this vacancy"},
        )
        self.order_fields(["heard_via", "heard_via_other"])

    def clean(self):
        data = super().clean()
        if data.get("heard_via") == SOMEWHERE_ELSE and not data.get("heard_via_other", "").strip():
            self.add_error("heard_via_other", "Tell us where you heard about this vacancy")
        return data

    def channel(self) -> OutreachChannel | None:
        return self.channels.get(self.cleaned_data.get("heard_via"))


class ContactForm(TextLimits, forms.ModelForm):
    class Meta:
        model = Person
        fields = [
            "contact_channel",
            "email",
            "phone",
            "address_line_1",
            "address_line_2",
            "town",
            "postcode",
            "large_print",
        ]
        labels = {
            "contact_channel": "How would you like us to contact you?",
            "email": "Email address",
            "phone": "Phone number",
            "address_line_1": "Address line 1",
            "address_line_2": "Address line 2",
            "town": "Town or city",
            "postcode": "Postcode",
            "large_print": "Send me letters and papers in large print",
        }
        help_texts = {
            "phone": "For example, 01632 960 001 or 07700 900 982.",
            "address_line_1": "Only needed if you would like letters by post.",
        }
        widgets = {
            "contact_channel": forms.RadioSelect,
            "postcode": forms.TextInput(attrs={"class": "nhsuk-input--width-10"}),
        }
        error_messages = {
            "email": {
                "invalid": "Enter an email address in the correct format, like name@example.com"
            },
            "contact_channel": {"required": "Choose how you would like us to contact you"},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contact_channel"].choices = Person.Channel.choices


DIVERSITY_QUESTIONS = [
    ("diabetes_type", "What type of diabetes do you have?", DiversityProfile.DiabetesType.choices),
    ("age_band", "How old are you?", DiversityProfile.AgeBand.choices),
    ("ethnicity", "What is your ethnic group?", DiversityProfile.Ethnicity.choices),
    ("carer", "Are you a carer for someone with diabetes?", DiversityProfile.YesNo.choices),
    (
        "at_risk_of_type_2",
        "Have you been told you are at risk of Type 2 diabetes?",
        DiversityProfile.YesNo.choices,
    ),
]


class DiversityForm(TextLimits, forms.Form):
    """Optional monitoring, kept only with explicit consent (the box)."""

    consent = forms.BooleanField(required=False)

    def __init__(self, *args, wording: str, localities: list[str], ask_consent=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consent"].label = wording
        if not ask_consent:  # agreed before: the agreement stands until withdrawn
            del self.fields["consent"]
        for name, label, choices in DIVERSITY_QUESTIONS:
            self.fields[name] = forms.ChoiceField(
                label=label, choices=choices, required=False, widget=forms.RadioSelect
            )
        if localities:
            self.fields["locality"] = forms.ChoiceField(
                label="Which part of the area do you live in?",
                choices=[(place, place) for place in localities]
                + [("prefer_not", "Prefer not to say")],
                required=False,
                widget=forms.RadioSelect,
            )
        self.order_fields([name for name, *_ in DIVERSITY_QUESTIONS] + ["locality", "consent"])

    def consent_given(self) -> bool:
        return bool(self.cleaned_data.get("consent"))

    def answers(self) -> dict[str, str]:
        return {
            name: self.cleaned_data.get(name) or ""
            for name in [*(q[0] for q in DIVERSITY_QUESTIONS), "locality"]
            if name in self.fields
        }


class PaperApplicationForm(TextLimits, forms.Form):
    """Everything on the paper form, typed in by the coordinator."""

    route = forms.ChoiceField(
        label="How did the application come in?",
        choices=[
            (Application.Route.PAPER, "On a paper form"),
            (Application.Route.PHONE, "By phone"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether it came on paper or by phone"},
    )
    full_name = forms.CharField(
        label="Applicant's full name",
        max_length=150,
        error_messages={"required": "Enter the applicant's full name"},
    )
    contact_channel = forms.ChoiceField(
        label="How they would like to be contacted",
        choices=Person.Channel.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how they would like to be contacted"},
    )
    email = forms.EmailField(
        label="Email address",
        required=False,
        error_messages={
            "invalid": "Enter an email address in the correct format, like name@example.com"
        },
    )
    phone = forms.CharField(label="Phone number", required=False, max_length=30)
    address_line_1 = forms.CharField(label="Address line 1", required=False, max_length=120)
    town = forms.CharField(label="Town or city", required=False, max_length=80)
    postcode = forms.CharField(
        label="Postcode",
        required=False,
        max_length=10,
        widget=forms.TextInput(attrs={"class": "nhsuk-input--width-10"}),
    )
    large_print = forms.BooleanField(
        label="Wants letters and papers in large print", required=False
    )
    availability = forms.CharField(
        label="When they are usually free",
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Enter when they are usually free to take part"},
    )
    support_needed = forms.CharField(
        label="Support they need to take part",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, criteria, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        for criterion in self.criteria:
            self.fields[f"answer_{criterion.pk}"] = forms.CharField(
                label=f"{criterion.title}: {criterion.question}",
                widget=forms.Textarea(attrs={"rows": 4}),
                error_messages={
                    "required": f"Enter their answer about {criterion.title.lower()}, "
                    'or "No answer given"'
                },
            )
        channels = OutreachChannel.objects.filter(organisation=organisation, active=True)
        self.fields["heard_via"] = forms.ModelChoiceField(
            queryset=channels.order_by("name"),
            required=False,
            label="Where they heard about the vacancy",
            empty_label="Did not say, or somewhere else",
        )
        self.fields["heard_via_other"] = forms.CharField(
            label="If somewhere else, where?", required=False, max_length=120
        )

    def answers(self) -> dict[int, str]:
        return {c.pk: self.cleaned_data.get(f"answer_{c.pk}", "") for c in self.criteria}

    def person_fields(self) -> dict:
        return {
            name: self.cleaned_data[name]
            for name in (
                "full_name",
                "contact_channel",
                "email",
                "phone",
                "address_line_1",
                "town",
                "postcode",
                "large_print",
            )
        }
