"""Forms for people's profiles and their (optional, consented) diversity data.

The same profile form serves a person editing their own ("you") and staff
editing someone's ("they")."""

from __future__ import annotations

from django import forms

from .. import message_kinds
from ..models import DiversityProfile, Person
from .text import TextLimits

SUPPORT_CHOICES = [
    ("needs_step_free_access", "Step-free access"),
    ("needs_hearing_loop", "A hearing loop"),
    ("needs_bsl_interpreter", "A British Sign Language (BSL) interpreter"),
]
AVAILABILITY_CHOICES = [
    ("available_daytime", "In the daytime"),
    ("available_evening", "In the evening"),
    ("online_only", "Online only"),
]


def _wording(about_self: bool, you: str, they: str) -> str:
    return you if about_self else they


class PersonForm(TextLimits, forms.Form):
    full_name = forms.CharField(max_length=150)
    preferred_name = forms.CharField(max_length=80, required=False)
    contact_channel = forms.ChoiceField(choices=Person.Channel.choices, widget=forms.RadioSelect)
    email = forms.EmailField(
        label="Email address",
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        error_messages={
            "invalid": "Enter an email address in the right format, like name@example.com"
        },
    )
    phone = forms.CharField(
        label="Phone number",
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "class": "nhsuk-input--width-20"}),
    )
    address_line_1 = forms.CharField(
        label="Address line 1",
        max_length=120,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "address-line1"}),
    )
    address_line_2 = forms.CharField(
        label="Address line 2",
        max_length=120,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "address-line2"}),
    )
    town = forms.CharField(
        label="Town or city",
        max_length=80,
        required=False,
        widget=forms.TextInput(
            attrs={"autocomplete": "address-level2", "class": "nhsuk-u-width-two-thirds"}
        ),
    )
    postcode = forms.CharField(
        label="Postcode",
        max_length=10,
        required=False,
        widget=forms.TextInput(
            attrs={"autocomplete": "postal-code", "class": "nhsuk-input--width-10"}
        ),
    )
    large_print = forms.BooleanField(required=False)
    support = forms.MultipleChoiceField(
        choices=SUPPORT_CHOICES, required=False, widget=forms.CheckboxSelectMultiple
    )
    language = forms.CharField(max_length=60, required=False)
    other_support_needs = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))
    availability = forms.MultipleChoiceField(
        choices=AVAILABILITY_CHOICES, required=False, widget=forms.CheckboxSelectMultiple
    )

    # Fields shown together under one heading on the page.
    SECTIONS = [
        ("Name", ["full_name", "preferred_name"]),
        (
            "Contact",
            [
                "contact_channel",
                "email",
                "phone",
                "address_line_1",
                "address_line_2",
                "town",
                "postcode",
            ],
        ),
        ("Papers and support", ["large_print", "support", "language", "other_support_needs"]),
        ("When you can take part", ["availability"]),
    ]

    def __init__(self, *args, about_self: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.about_self = about_self
        w = lambda you, they: _wording(about_self, you, they)  # noqa: E731
        f = self.fields
        f["full_name"].label = "Full name"
        f["full_name"].error_messages["required"] = w(
            "Enter your full name", "Enter the person's full name"
        )
        f["preferred_name"].label = w("What should we call you?", "What do they like to be called?")
        f["preferred_name"].help_text = "For example, Pat instead of Patricia."
        f["contact_channel"].label = w("How should we contact you?", "How should we contact them?")
        f["contact_channel"].help_text = "We send papers and messages this way."
        f["contact_channel"].error_messages["required"] = w(
            "Choose how we should contact you", "Choose how we should contact them"
        )
        f["phone"].help_text = "For example, 01632 960 001 or 07700 900 982."
        f["address_line_1"].help_text = "Needed if we send letters by post."
        f["large_print"].label = w(
            "Send me papers in large print", "Send them papers in large print"
        )
        f["support"].label = w(
            "What support do you need to take part?", "What support do they need to take part?"
        )
        f["support"].help_text = "Choose all that apply."
        f["language"].label = w(
            "Do you need papers or an interpreter in another language?",
            "Do they need papers or an interpreter in another language?",
        )
        f["language"].help_text = "For example, Urdu or Polish."
        f["other_support_needs"].label = w(
            "Anything else that would help you take part?",
            "Anything else that would help them take part?",
        )
        f["other_support_needs"].help_text = (
            "For example, breaks for blood glucose checks, a carer coming with "
            + w("you", "them")
            + ", or a quiet room."
        )
        f["availability"].label = w("When can you take part?", "When can they take part?")
        f["availability"].help_text = "Choose all that apply."

    def sections(self):
        for heading, names in self.SECTIONS:
            if heading == "When you can take part" and not self.about_self:
                heading = "When they can take part"
            yield heading, [self[name] for name in names if name in self.fields]

    @staticmethod
    def initial_for(person: Person) -> dict:
        initial = {
            name: getattr(person, name)
            for name in (
                "full_name",
                "preferred_name",
                "contact_channel",
                "email",
                "phone",
                "address_line_1",
                "address_line_2",
                "town",
                "postcode",
                "large_print",
                "language",
                "other_support_needs",
            )
        }
        initial["support"] = [name for name, _ in SUPPORT_CHOICES if getattr(person, name)]
        initial["availability"] = [
            name for name, _ in AVAILABILITY_CHOICES if getattr(person, name)
        ]
        return initial

    def profile_fields(self) -> dict:
        data = self.cleaned_data
        fields = {
            name: data[name]
            for name in (
                "full_name",
                "preferred_name",
                "contact_channel",
                "email",
                "phone",
                "address_line_1",
                "address_line_2",
                "town",
                "postcode",
                "large_print",
                "language",
                "other_support_needs",
            )
        }
        for name, _ in SUPPORT_CHOICES:
            fields[name] = name in data["support"]
        for name, _ in AVAILABILITY_CHOICES:
            fields[name] = name in data["availability"]
        return fields


class GroupChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.organisation.name})"


class NewPersonForm(PersonForm):
    """A coordinator's record of someone (who may have no login), added to one
    of the groups they run."""

    group = GroupChoiceField(
        label="Which group are they joining?",
        queryset=None,
        empty_label="Choose a group",
        help_text="They are added as selected. Record their induction later.",
        error_messages={
            "required": "Choose the group they are joining",
            "invalid_choice": (
                "You can only add people to groups your organisation runs. Choose one of them"
            ),
        },
    )

    SECTIONS = [("Group", ["group"]), *PersonForm.SECTIONS]

    def __init__(self, *args, groups, **kwargs):
        super().__init__(*args, about_self=False, **kwargs)
        self.fields["group"].queryset = groups


def _radios(label: str, choices, *, help_text: str = "") -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=choices,
        required=False,
        help_text=help_text,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Choose one of the answers"},
    )


class DiversityForm(TextLimits, forms.Form):
    """Optional questions about someone's background. When no consent stands,
    the form first asks for it: the person's own yes or no, or, for a
    coordinator entering it on someone's behalf, confirmation that they agreed."""

    diabetes_type = _radios("Type of diabetes", DiversityProfile.DiabetesType.choices)
    age_band = _radios("Age", DiversityProfile.AgeBand.choices)
    ethnicity = _radios(
        "Ethnic group",
        DiversityProfile.Ethnicity.choices,
        help_text="The groups used in the 2021 census.",
    )
    locality = _radios("Where do you live?", [])
    carer = _radios("Are you a carer for someone with diabetes?", DiversityProfile.YesNo.choices)
    at_risk_of_type_2 = _radios(
        "Have you been told you are at risk of Type 2 diabetes?",
        DiversityProfile.YesNo.choices,
    )

    ANSWERS = ["diabetes_type", "age_band", "ethnicity", "locality", "carer", "at_risk_of_type_2"]

    def __init__(
        self,
        *args,
        on_behalf: bool,
        needs_consent: bool,
        localities: list[str],
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.on_behalf = on_behalf
        self.needs_consent = needs_consent
        if on_behalf:
            self.fields["diabetes_type"].label = "Their type of diabetes"
            self.fields["age_band"].label = "Their age"
            self.fields["ethnicity"].label = "Their ethnic group"
            self.fields["locality"].label = "Where do they live?"
            self.fields["carer"].label = "Are they a carer for someone with diabetes?"
            self.fields[
                "at_risk_of_type_2"
            ].label = "Have they been told they are at risk of Type 2 diabetes?"
        if localities:
            self.fields["locality"].choices = [(place, place) for place in localities] + [
                ("", "Prefer not to say")
            ]
        else:
            del self.fields["locality"]
        if needs_consent and on_behalf:
            self.fields["consent"] = forms.BooleanField(
                label="The person has agreed to us keeping this information, after we "
                "explained why we ask and who can see it",
                error_messages={
                    "required": "Confirm that the person has agreed, or do not record "
                    "this information"
                },
            )
            self.order_fields(["consent"])
        elif needs_consent:
            self.fields["consent"] = forms.ChoiceField(
                label="Do you agree to us keeping this information?",
                choices=[
                    ("yes", "Yes, I agree"),
                    ("no", "No, do not keep any information about my background"),
                ],
                widget=forms.RadioSelect,
                error_messages={
                    "required": "Choose yes if you agree to us keeping this information"
                },
            )
            self.order_fields(["consent"])

    @property
    def consent_given(self) -> bool:
        value = self.cleaned_data.get("consent")
        return value is True or value == "yes"

    @property
    def consent_refused(self) -> bool:
        return self.cleaned_data.get("consent") == "no"

    def answers(self) -> dict[str, str]:
        return {name: self.cleaned_data.get(name) or "" for name in self.ANSWERS}

    def answer_fields(self):
        return [self[name] for name in self.ANSWERS if name in self.fields]

    @staticmethod
    def initial_for(profile: DiversityProfile | None) -> dict:
        if profile is None:
            return {}
        return {name: getattr(profile, name) for name in DiversityForm.ANSWERS}


class MessageChoicesForm(TextLimits, forms.Form):
    """Which kinds of message a person wants (involvement.message_kinds): a
    box for each kind they may turn off, ticked when it is on."""

    wanted = forms.MultipleChoiceField(
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choose only from the messages listed"},
    )

    def __init__(self, *args, about_self: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["wanted"]
        field.choices = [(kind.code, kind.label) for kind in message_kinds.optional_kinds()]
        field.label = _wording(
            about_self, "Which of these messages do you want?", "Which of these do they want?"
        )
        field.help_text = _wording(
            about_self,
            "Untick the ones you do not want. Choose all that apply.",
            "Untick the ones they do not want. Choose all that apply.",
        )

    @staticmethod
    def initial_for(person: Person) -> dict:
        return {
            "wanted": [
                kind.code
                for kind in message_kinds.optional_kinds()
                if message_kinds.wants(person, kind)
            ]
        }
