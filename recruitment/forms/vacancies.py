"""Forms for vacancies, their panel, and a panel member's conflicts of interest."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from involvement.forms.fields import NHSDateField
from involvement.forms.text import TextLimits
from involvement.models import Group

from ..models import OutreachChannel, Vacancy
from .roles import NameChoiceField


def date_example(today=None) -> str:
    """An example date in the form the day, month and year boxes take, in the
    coming year so that it is never a date in the past: "15 3 2027"."""
    today = today or timezone.localdate()
    return f"15 3 {today.year + 1}"


def date_field(*, label: str, required: bool, missing: str = "", help_text: str = ""):
    """A date as day, month and year boxes, like 15 3 2027. The hint (set
    again in VacancyForm.__init__ for today's year) says "For example, ..."."""
    return NHSDateField(
        label=label,
        required=required,
        missing=missing or f"Enter the {label.lower()}",
        example=date_example(),
        **({"help_text": help_text} if help_text else {}),
    )


class ChannelChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class VacancyForm(TextLimits, forms.Form):
    title = forms.CharField(
        label="Title",
        max_length=150,
        help_text='As applicants will see it, for example "Join the Diabetes Voices group".',
        error_messages={
            "required": "Enter a title for the vacancy",
            "max_length": "The title must be 150 characters or fewer",
        },
    )
    places = forms.IntegerField(
        label="Number of places",
        min_value=1,
        max_value=100,
        widget=forms.NumberInput(attrs={"class": "nhsuk-input--width-3"}),
        error_messages={
            "required": "Enter how many places there are, like 6",
            "invalid": "Enter the number of places as a whole number, like 6",
            "min_value": "There must be at least 1 place",
            "max_value": "A vacancy can have at most 100 places",
        },
    )
    opens_on = date_field(
        label="Opening date", required=True, missing="Enter the date applications open"
    )
    closes_on = date_field(
        label="Closing date", required=True, missing="Enter the date applications close"
    )
    scoring_deadline = date_field(label="Scoring deadline", required=False)
    reviewers_per_application = forms.IntegerField(
        label="Reviewers for each application",
        min_value=1,
        max_value=10,
        initial=3,
        widget=forms.NumberInput(attrs={"class": "nhsuk-input--width-2"}),
        error_messages={
            "required": "Enter how many reviewers score each application, like 3",
            "invalid": "Enter a whole number, like 3",
            "min_value": "Each application needs at least 1 reviewer",
            "max_value": "Each application can have at most 10 reviewers",
        },
    )

    def __init__(self, *args, organisation, vacancy: Vacancy | None = None, **kwargs):
        if vacancy is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "title": vacancy.title,
                "group": vacancy.group_id,
                "places": vacancy.places,
                "opens_on": vacancy.opens_on,
                "closes_on": vacancy.closes_on,
                "scoring_deadline": vacancy.scoring_deadline,
                "reviewers_per_application": vacancy.reviewers_per_application,
                "outreach_channels": [c.pk for c in vacancy.outreach_channels.all()],
            }
        super().__init__(*args, **kwargs)
        self.creating = vacancy is None
        self.today = timezone.localdate()
        example = date_example(self.today)
        for name in ("opens_on", "closes_on", "scoring_deadline"):
            self.fields[name].example = example
            for part in self.fields[name].fields:
                part.error_messages["invalid"] = f"Enter the date using numbers, like {example}"
            self.fields[name].help_text = f"For example, {example}"
        deadline_hint = f"When the panel should finish scoring. For example, {example}"
        self.fields["scoring_deadline"].help_text = deadline_hint
        self.fields["group"] = NameChoiceField(
            queryset=Group.objects.filter(organisation=organisation).order_by("name"),
            label="Group",
            help_text="The group this fills places in. Its diversity factors guide selection.",
            empty_label="Choose a group",
            error_messages={"required": "Choose the group this vacancy fills places in"},
        )
        self.fields["outreach_channels"] = ChannelChoiceField(
            queryset=OutreachChannel.objects.filter(
                organisation=organisation, active=True
            ).order_by("name"),
            required=False,
            label="Where you will advertise",
            help_text="Applicants are asked where they heard about the vacancy, so you can see "
            "which channels worked.",
            widget=forms.CheckboxSelectMultiple,
        )
        order = ["title", "group", "places", "opens_on", "closes_on", "scoring_deadline"]
        self.order_fields(order)

    def clean(self):
        """Dates in order; a new vacancy opens and closes today or later (a
        vacancy already running keeps the dates it had)."""
        data = super().clean()
        opens_on, closes_on = data.get("opens_on"), data.get("closes_on")
        deadline = data.get("scoring_deadline")
        if self.creating:
            if opens_on and opens_on < self.today:
                self.add_error("opens_on", "The opening date must be today or in the future")
            if closes_on and closes_on < self.today:
                self.add_error("closes_on", "The closing date must be today or in the future")
        if opens_on and closes_on and closes_on < opens_on and "closes_on" not in self.errors:
            self.add_error(
                "closes_on", "The closing date must be the same as or after the opening date"
            )
        if deadline and closes_on and deadline < closes_on:
            self.add_error(
                "scoring_deadline", "The scoring deadline must be on or after the closing date"
            )
        return data


class PanelAddForm(TextLimits, forms.Form):
    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"] = forms.ModelChoiceField(
            queryset=candidates,
            label="Add a panel member",
            help_text="Staff of the organisation, or experienced group members with an account.",
            empty_label="Choose a person",
            error_messages={"required": "Choose who to add to the panel"},
        )


class ConflictForm(TextLimits, forms.Form):
    """A panel member names an applicant they know. They see names here (and
    only here, alphabetically, without references) so that they can say. Each
    option's value is the reviewer's conflict token for the applicant, which
    matches nothing on any other page (recruitment.handles)."""

    reason = forms.CharField(
        label="How do you know them?",
        help_text='For example, "A neighbour" or "I am their diabetes nurse".',
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": 'Say how you know this applicant, for example "a neighbour"'},
    )

    def __init__(self, *args, choices, **kwargs):
        """choices: (token, application) pairs, from selectors.vacancies.conflict_choices."""
        super().__init__(*args, **kwargs)
        self.applications = dict(choices)
        self.fields["application"] = forms.ChoiceField(
            label="Applicant you know",
            choices=[("", "Choose an applicant")]
            + [(token, application.person.full_name) for token, application in choices],
            error_messages={
                "required": "Choose the applicant you know",
                "invalid_choice": "Choose the applicant you know from the list",
            },
        )
        self.order_fields(["application", "reason"])

    def clean_application(self):
        """The application the chosen token stands for."""
        return self.applications[self.cleaned_data["application"]]
