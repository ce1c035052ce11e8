"""Forms for groups, diversity factors and memberships. They parse; the
services decide (and their refusals are shown on the form's fields)."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from ..models import DiversityFactor, Group, Membership, Organisation
from ..models.groups import parse_reminder_days
from ..services.groups import (
    FactorSuggestion,
    diversity_factor_suggestions,
    factor_answer_choices,
)
from .fields import NHSDateField
from .text import DOCUMENT_TEXT, TextLimits


def date_field(label: str, *, required: bool = True, help_text: str = "") -> NHSDateField:
    """A date as day, month and year boxes, kept as typed when it is wrong."""
    kwargs = {"help_text": help_text} if help_text else {}
    return NHSDateField(
        label=label, required=required, missing=f"Enter the {label.lower()}", **kwargs
    )


def _text(label, *, required=True, help_text="", textarea=False, max_length=None, error=""):
    field = forms.CharField(
        label=label,
        required=required,
        help_text=help_text,
        max_length=max_length,
        widget=forms.Textarea(attrs={"rows": 5}) if textarea else forms.TextInput(),
    )
    if error:
        field.error_messages["required"] = error
    return field


class GroupForm(TextLimits, forms.Form):
    """Create or change a group. On create, `organisations` (those the user
    runs groups in) adds a choice of organisation when there is more than one,
    and the suggested diversity factors are offered as checkboxes."""

    name = _text(
        "Name of the group",
        max_length=150,
        error="Enter the group's name",
        help_text="For example, Fellside Diabetes Voices.",
    )
    purpose = _text(
        "What is the group for?",
        textarea=True,
        error="Enter what the group is for",
        help_text="A sentence or two, in plain English. Members and applicants read this.",
    )
    terms_of_reference = _text(
        "Terms of reference",
        required=False,
        textarea=True,
        max_length=DOCUMENT_TEXT,
        help_text="How the group works: who it reports to, how decisions are made, "
        "how members are supported and paid expenses.",
    )
    ground_rules = _text(
        "Ground rules",
        required=False,
        textarea=True,
        help_text="Agreed with members at their induction. For example, "
        "“We listen to each other” and “What is said in the room stays in the room”.",
    )
    cadence = forms.ChoiceField(
        label="How often does the group meet?",
        choices=Group.Cadence.choices,
        initial=Group.Cadence.MONTHLY,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how often the group meets"},
    )
    cadence_weeks = forms.IntegerField(
        label="If another pattern: weeks between meetings",
        required=False,
        min_value=1,
        max_value=52,
        help_text="For example, 8.",
        widget=forms.NumberInput(attrs={"class": "nhsuk-input--width-3"}),
        error_messages={
            "invalid": "Enter the number of weeks as a number, like 8",
            "min_value": "Enter a number of weeks from 1 to 52",
            "max_value": "Enter a number of weeks from 1 to 52",
        },
    )
    target_min = forms.IntegerField(
        label="Smallest number of active members",
        min_value=1,
        max_value=200,
        initial=10,
        help_text="Groups work well with 10 to 14 active members.",
        widget=forms.NumberInput(attrs={"class": "nhsuk-input--width-3"}),
        error_messages={
            "required": "Enter the smallest number of active members, like 10",
            "invalid": "Enter the smallest number of active members as a number, like 10",
            "min_value": "The smallest number of active members must be 1 or more",
            "max_value": "Enter a number no bigger than 200",
        },
    )
    target_max = forms.IntegerField(
        label="Largest number of active members",
        min_value=1,
        max_value=200,
        initial=14,
        widget=forms.NumberInput(attrs={"class": "nhsuk-input--width-3"}),
        error_messages={
            "required": "Enter the largest number of active members, like 14",
            "invalid": "Enter the largest number of active members as a number, like 14",
            "min_value": "The largest number of active members must be 1 or more",
            "max_value": "Enter a number no bigger than 200",
        },
    )

    reminder_days = forms.CharField(
        label="Days before each meeting that members are reminded",
        required=False,
        initial="7,1",
        max_length=20,
        help_text="Whole days, separated by commas: 7,1 reminds members a week before and "
        "the day before. Leave it empty to send no reminders.",
        widget=forms.TextInput(attrs={"class": "nhsuk-input--width-10"}),
    )

    def clean_reminder_days(self):
        value = self.cleaned_data.get("reminder_days", "")
        try:
            days = parse_reminder_days(value)
        except ValidationError as exc:
            raise forms.ValidationError(exc.messages[0]) from exc
        return ",".join(str(day) for day in days)

    def __init__(self, *args, organisations=None, creating=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.creating = creating
        self.suggestions: dict[str, tuple[Organisation | None, FactorSuggestion]] = {}
        if not creating:
            return
        organisations = list(organisations or [])
        self.organisations = organisations
        if len(organisations) > 1:
            self.fields["organisation"] = forms.ModelChoiceField(
                label="Which organisation runs the group?",
                queryset=Organisation.objects.filter(pk__in=[o.pk for o in organisations]),
                widget=forms.RadioSelect,
                error_messages={
                    "required": "Choose the organisation that runs the group",
                    "invalid_choice": "Choose one of your organisations",
                },
            )
            self.order_fields(["organisation"])
        choices = []
        for organisation in organisations:
            for suggestion in diversity_factor_suggestions(organisation=organisation):
                label = f"{suggestion.name}: at least {suggestion.minimum}"
                if suggestion.attribute == DiversityFactor.Attribute.LOCALITY:
                    # A place belongs to one organisation.
                    key, owner = f"{organisation.pk}:{suggestion.key}", organisation
                    if len(organisations) > 1:
                        label += f" ({organisation.name})"
                else:
                    key, owner = suggestion.key, None
                if key in self.suggestions:
                    continue
                choices.append((key, label))
                self.suggestions[key] = (owner, suggestion)
        self.fields["default_factors"] = forms.MultipleChoiceField(
            label="Which mix of members do you want?",
            required=False,
            choices=choices,
            initial=[key for key, _ in choices],
            widget=forms.CheckboxSelectMultiple,
            help_text="The group page shows how many active members bring each one. "
            "You can change these, or add others, later.",
        )

    def clean(self):
        cleaned = super().clean()
        if not self.creating:
            return cleaned
        organisation = cleaned.get("organisation")
        if organisation is None and len(self.organisations) == 1:
            organisation = self.organisations[0]
        cleaned["organisation"] = organisation
        factors = []
        for key in cleaned.get("default_factors") or []:
            owner, suggestion = self.suggestions[key]
            if owner is not None and organisation is not None and owner.pk != organisation.pk:
                self.add_error(
                    "default_factors",
                    f"“{suggestion.name}” is a place in {owner.name}. "
                    "Untick it, or choose that organisation",
                )
                continue
            factors.append(suggestion)
        cleaned["factors"] = factors
        return cleaned

    def group_fields(self) -> dict:
        data = self.cleaned_data
        return {
            name: data.get(name)
            for name in (
                "name",
                "purpose",
                "terms_of_reference",
                "ground_rules",
                "cadence",
                "cadence_weeks",
                "target_min",
                "target_max",
                "reminder_days",
            )
        }

    @staticmethod
    def initial_for(group: Group) -> dict:
        return {
            "name": group.name,
            "purpose": group.purpose,
            "terms_of_reference": group.terms_of_reference,
            "ground_rules": group.ground_rules,
            "cadence": group.cadence,
            "cadence_weeks": group.cadence_weeks,
            "target_min": group.target_min,
            "target_max": group.target_max,
            "reminder_days": group.reminder_days,
        }


class DiversityFactorForm(TextLimits, forms.Form):
    name = _text(
        "Name",
        max_length=100,
        error="Enter a name for the mix you want, like “Type 1 diabetes”",
        help_text="For example, Type 1 diabetes, or Aged under 40.",
    )
    answers = forms.MultipleChoiceField(
        label="Who counts towards it?",
        widget=forms.CheckboxSelectMultiple,
        help_text="Choose answers to one question only: members count when their answer "
        "is one of these.",
        error_messages={
            "required": "Choose at least one answer that counts towards this mix",
            "invalid_choice": "Choose answers from the list",
        },
    )
    minimum = forms.IntegerField(
        label="How many active members do you want, at least?",
        min_value=1,
        max_value=200,
        initial=2,
        widget=forms.NumberInput(attrs={"class": "nhsuk-input--width-3"}),
        error_messages={
            "required": "Enter the smallest number of members you want, like 2",
            "invalid": "Enter the number as a number, like 2",
            "min_value": "Enter a number of 1 or more",
            "max_value": "Enter a number no bigger than 200",
        },
    )

    def __init__(self, *args, group: Group, **kwargs):
        super().__init__(*args, **kwargs)
        labels = dict(DiversityFactor.Attribute.choices)
        choices = []
        for attribute, answers in factor_answer_choices(organisation=group.organisation).items():
            for value, label in answers:
                choices.append((f"{attribute}:{value}", f"{labels[attribute]}: {label}"))
        self.fields["answers"].choices = choices

    def clean_answers(self):
        answers = self.cleaned_data["answers"]
        attributes = {answer.split(":", 1)[0] for answer in answers}
        if len(attributes) > 1:
            raise ValidationError(
                "Choose answers to one question only, for example only types of diabetes"
            )
        return answers

    def factor_fields(self) -> dict:
        answers = self.cleaned_data["answers"]
        return {
            "name": self.cleaned_data["name"],
            "attribute": answers[0].split(":", 1)[0],
            "values": [answer.split(":", 1)[1] for answer in answers],
            "minimum": self.cleaned_data["minimum"],
        }

    @staticmethod
    def initial_for(factor: DiversityFactor) -> dict:
        return {
            "name": factor.name,
            "answers": [f"{factor.attribute}:{value}" for value in factor.values],
            "minimum": factor.minimum,
        }


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        if obj.preferred_name and obj.preferred_name != obj.full_name.split()[0]:
            return f"{obj.full_name} ({obj.preferred_name})"
        return obj.full_name


class AddMemberForm(TextLimits, forms.Form):
    person = PersonChoiceField(
        label="Who are you adding?",
        queryset=None,
        empty_label="Choose a person",
        help_text="People already in your organisation's other groups. "
        "To add someone new, create their record first.",
        error_messages={
            "required": "Choose the person to add",
            "invalid_choice": "Choose someone from your organisation's list",
        },
    )
    on = date_field("Date selected")
    reason = _text(
        "Notes",
        required=False,
        textarea=True,
        help_text="For example, how they were recruited.",
    )

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people


class MembershipStatusForm(TextLimits, forms.Form):
    """All statuses are accepted (the service explains a move that is not
    allowed); only the allowed ones are offered."""

    to_status = forms.ChoiceField(
        label="New status",
        choices=Membership.Status.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the new status"},
    )
    changed_on = date_field("Date of the change")
    reason = _text(
        "Reason",
        required=False,
        textarea=True,
        help_text="Needed if they are pausing or leaving. The member can see this.",
    )

    def __init__(self, *args, allowed: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        labels = dict(Membership.Status.choices)
        self.fields["to_status"].widget.choices = [(s, labels[s]) for s in allowed]


class BuddyChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.person.full_name


class MembershipEditForm(TextLimits, forms.Form):
    """Induction date and buddy. Any membership of the group is accepted (the
    service explains why someone cannot be a buddy); active ones are offered."""

    induction_date = date_field(
        "Induction date",
        required=False,
        help_text="The date of their induction meeting. For example, 15/3/2026",
    )
    buddy = BuddyChoiceField(
        label="Buddy",
        queryset=None,
        required=False,
        empty_label="No buddy",
        help_text="An experienced active member who helps them settle in.",
        error_messages={"invalid_choice": "Choose a buddy who is a member of this group"},
    )

    def __init__(self, *args, membership: Membership, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["buddy"]
        field.queryset = membership.group.memberships.select_related("person")
        field.widget.choices = [("", "No buddy")] + [
            (candidate.pk, candidate.person.full_name) for candidate in candidates
        ]
