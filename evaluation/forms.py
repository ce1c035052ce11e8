"""Forms of the evaluation pages: they parse input; the rules are in services."""

from __future__ import annotations

import datetime

from django import forms

from involvement.forms.fields import NHSDateField
from involvement.forms.text import TextLimits

from .models import (
    EXPERIENCE_QUESTIONS,
    STANDARD_STATEMENTS,
    Agreement,
    ImpactArea,
    ImpactPerspective,
    MeasureDirection,
    MeasureSource,
    ObjectiveTerm,
    Stakeholder,
    Standard,
    StandardRating,
)


class GroupChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class WorkItemChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.title} ({obj.plan.group.name})"


def evidence_link_field(label: str = "Link to the evidence (optional)") -> forms.URLField:
    """An optional web address for the evidence: one definition for every form."""
    return forms.URLField(
        label=label,
        required=False,
        max_length=200,
        assume_scheme="https",
        help_text="A report, minutes or a web page, like https://example.org/report.",
        error_messages={"invalid": "Enter a web address, like https://example.org/report"},
    )


class LinkedRecordFields:
    """The fields a record of the organisation shares with others: which
    group it is for (none: the whole organisation) and the work items behind
    it. Mixed into a form before TextLimits."""

    def add_group_field(self, groups, *, help_text: str = "") -> None:
        self.fields["group"] = GroupChoiceField(
            label="Group",
            queryset=groups,
            required=False,
            empty_label="The whole organisation",
            help_text=help_text,
            error_messages={"invalid_choice": "Select a group from the list"},
        )

    def add_work_items_field(self, work_items, *, label: str) -> None:
        self.fields["work_items"] = WorkItemChoiceField(
            label=label,
            queryset=work_items,
            required=False,
            widget=forms.CheckboxSelectMultiple,
            error_messages={"invalid_choice": "Select work items from the list"},
        )


class ObjectiveForm(LinkedRecordFields, TextLimits, forms.Form):
    title = forms.CharField(
        label="Objective",
        max_length=200,
        help_text=(
            'What you mean to achieve, for example "A full group that reflects local people".'
        ),
        error_messages={"required": "Enter the objective"},
    )
    term = forms.ChoiceField(
        label="When should it be achieved?",
        choices=ObjectiveTerm.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select when it should be achieved"},
    )
    owner = forms.CharField(
        label="Who is responsible",
        max_length=150,
        help_text="A name or a role, for example “Group coordinator”.",
        error_messages={"required": "Enter who is responsible"},
    )

    def __init__(self, *args, groups=None, work_items=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_group_field(
            groups,
            help_text="Leave as “The whole organisation” for an objective of the organisation.",
        )
        self.add_work_items_field(work_items, label="Work items it is linked to (optional)")


class MeasureForm(TextLimits, forms.Form):
    name = forms.CharField(
        label="Measure",
        max_length=200,
        help_text='For example, "Active members" or "Share of claims paid within 10 working days".',
        error_messages={"required": "Enter the name of the measure"},
    )
    method = forms.CharField(
        label="How it is measured",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Say how the measure is taken"},
    )
    source = forms.ChoiceField(
        label="Where the readings come from",
        choices=MeasureSource.choices,
        widget=forms.RadioSelect,
        help_text="Readings from the platform are worked out every month from what it records.",
        error_messages={"required": "Select where the readings come from"},
    )
    direction = forms.ChoiceField(
        label="Which way is better?",
        choices=MeasureDirection.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select which way is better"},
    )
    target = forms.DecimalField(
        label="Target (optional)",
        required=False,
        max_digits=10,
        decimal_places=1,
        help_text="A number, like 12 or 85.5.",
        error_messages={
            "invalid": "Enter the target as a number, like 12 or 85.5",
            "max_decimal_places": "Enter the target with at most one decimal place, like 85.5",
            "max_digits": "Enter a smaller target",
            "max_whole_digits": "Enter a smaller target",
        },
    )


class ReadingForm(TextLimits, forms.Form):
    def __init__(self, *args, months=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["month"] = forms.TypedChoiceField(
            label="Month",
            choices=[(m.isoformat(), m.strftime("%B %Y")) for m in reversed(months or [])],
            coerce=datetime.date.fromisoformat,
            error_messages={
                "required": "Select the month",
                "invalid_choice": "Select a month from the list",
            },
        )
        self.fields["value"] = forms.DecimalField(
            label="Reading",
            max_digits=10,
            decimal_places=1,
            help_text="A number, like 7 or 62.5.",
            error_messages={
                "required": "Enter the reading as a number, like 7 or 62.5",
                "invalid": "Enter the reading as a number, like 7 or 62.5",
                "max_decimal_places": "Enter the reading with at most one decimal place",
                "max_digits": "Enter a smaller reading",
                "max_whole_digits": "Enter a smaller reading",
            },
        )
        self.fields["note"] = forms.CharField(
            label="Note (optional)",
            required=False,
            widget=forms.Textarea(attrs={"rows": 3}),
            help_text="Anything that explains the reading, such as a change in how it was taken.",
        )


class FeedbackChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.text[:120]} ({obj.group.name}, {obj.said_on:%B %Y})"


class ImpactForm(LinkedRecordFields, TextLimits, forms.Form):
    title = forms.CharField(
        label="What changed, in a line",
        max_length=200,
        help_text='For example, "Screening letters rewritten in plain English".',
        error_messages={"required": "Enter what changed, in a line"},
    )
    what_changed = forms.CharField(
        label="What changed, and for whom",
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Describe what changed and for whom"},
    )
    area = forms.ChoiceField(
        label="Where was the change?",
        choices=ImpactArea.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select where the change was"},
    )
    perspective = forms.ChoiceField(
        label="Whose view is this?",
        choices=ImpactPerspective.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select whose view this is"},
    )
    changed_on = NHSDateField(label="When did it change?", missing="Enter when it changed")
    evidence_link = evidence_link_field()
    evidence = forms.CharField(
        label="The evidence (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Figures before and after, quotes, or where the documents are kept.",
    )

    def __init__(self, *args, groups=None, feedback_items=None, work_items=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_group_field(groups)
        self.fields["feedback_items"] = FeedbackChoiceField(
            label="“You said” points behind it (optional)",
            queryset=feedback_items,
            required=False,
            widget=forms.CheckboxSelectMultiple,
            error_messages={"invalid_choice": "Select points from the list"},
        )
        self.add_work_items_field(work_items, label="Work items behind it (optional)")


class PublishForm(TextLimits, forms.Form):
    published = forms.BooleanField(
        label="Show it on the group's public “what changed” page", required=False
    )
    public_text = forms.CharField(
        label="The wording the public will see",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Plain English, naming nobody.",
    )


SCORE_CHOICES = [
    (
        0,
        "0: service users are not involved at all in their care and treatment, "
        "and feedback is not sought",
    ),
    *[(n, str(n)) for n in range(1, 10)],
    (10, "10: care and services are designed with service users at the heart"),
]


class SurveyRoundForm(TextLimits, forms.Form):
    title = forms.CharField(
        label="Name of the round",
        max_length=150,
        help_text='For example, "Involvement score, spring 2027".',
        error_messages={"required": "Enter a name for the round"},
    )
    opens_on = NHSDateField(label="Opens on", missing="Enter the date the survey opens")
    closes_on = NHSDateField(label="Closes on", missing="Enter the date the survey closes")


class ScoreForm(TextLimits, forms.Form):
    score = forms.TypedChoiceField(
        label="How involved are service users in their care and in the services?",
        choices=SCORE_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
        help_text="Choose a number from 0 to 10.",
        error_messages={
            "required": "Choose a number from 0 to 10",
            "invalid_choice": "Choose a number from 0 to 10",
        },
    )


class PaperScoreForm(ScoreForm):
    stakeholder = forms.ChoiceField(
        label="Who filled in the paper form?",
        choices=Stakeholder.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select who filled in the form",
            "invalid_choice": "Select who filled in the form from the options",
        },
    )
    field_order = ["stakeholder", "score"]


class ExperienceSurveyForm(SurveyRoundForm):
    title = forms.CharField(
        label="Name of the survey",
        max_length=150,
        help_text='For example, "How the group feels, spring 2027".',
        error_messages={"required": "Enter a name for the survey"},
    )


EXPERIENCE_STEPS = [name for name, _statement, _short in EXPERIENCE_QUESTIONS] + ["comment"]


class ExperienceAnswerForm(TextLimits, forms.Form):
    """Every question optional: a person may skip any of them. With `only`,
    just that one question (the online survey asks one per page)."""

    def __init__(self, *args, only: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        for name, statement, _short in EXPERIENCE_QUESTIONS:
            if only and name != only:
                continue
            self.fields[name] = forms.TypedChoiceField(
                label=statement,
                choices=Agreement.choices,
                coerce=int,
                empty_value=None,
                required=False,
                widget=forms.RadioSelect,
                help_text="You can leave this out.",
                error_messages={"invalid_choice": "Choose one of the answers, or leave it out"},
            )
        if only and only != "comment":
            return
        self.fields["comment"] = forms.CharField(
            label="Anything else you would like to tell us (optional)",
            required=False,
            help_text="Your words are shown to the group's coordinator without your name.",
            widget=forms.Textarea(attrs={"rows": 4}),
        )


class EvidenceForm(TextLimits, forms.Form):
    title = forms.CharField(
        label="What the file shows",
        max_length=150,
        help_text='For example, "Uptake figures from the screening service".',
        error_messages={"required": "Say what the file shows"},
    )
    file = forms.FileField(
        label="File",
        help_text="A PDF, or a picture (PNG or JPEG), smaller than 10 MB.",
        error_messages={
            "required": "Choose the file to upload",
            "empty": "The file is empty: choose it again",
            "invalid": "Choose the file to upload",
            "missing": "Choose the file to upload",
        },
    )
    public = forms.BooleanField(
        label='Show this file on the group\'s public "what changed" page',
        required=False,
        help_text="Only if it names nobody. The record itself must be on the public page too.",
    )


NOT_ASSESSED = 0


class StandardsForm(TextLimits, forms.Form):
    """A group's self-assessment for a year: for each of the six UK
    Standards for Public Involvement, a rating and the evidence for it. The
    three fields of each standard are made in one loop, named
    `<standard>_rating`, `<standard>_evidence` and `<standard>_link`."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for value, label in Standard.choices:
            self.fields[f"{value}_rating"] = forms.TypedChoiceField(
                label=f"{label}: how well does the group meet it?",
                choices=[(NOT_ASSESSED, "Not assessed this year"), *StandardRating.choices],
                coerce=int,
                empty_value=NOT_ASSESSED,
                initial=NOT_ASSESSED,
                required=False,
                widget=forms.RadioSelect,
                error_messages={"invalid_choice": f"Select a rating for {label.lower()}"},
            )
            self.fields[f"{value}_evidence"] = forms.CharField(
                label=f"{label}: what shows this",
                required=False,
                widget=forms.Textarea(attrs={"rows": 4}),
                help_text="What the group did, with figures, quotes or documents.",
            )
            self.fields[f"{value}_link"] = evidence_link_field(
                f"{label}: link to the evidence (optional)"
            )

    @property
    def standard_fields(self):
        """(name, statement, question, rating, evidence, link) for each standard."""
        for value, label in Standard.choices:
            statement, question = STANDARD_STATEMENTS[value]
            yield (
                label,
                statement,
                question,
                self[f"{value}_rating"],
                self[f"{value}_evidence"],
                self[f"{value}_link"],
            )

    def clean(self):
        data = super().clean()
        for value, label in Standard.choices:
            if data.get(f"{value}_rating") and not (data.get(f"{value}_evidence") or "").strip():
                self.add_error(
                    f"{value}_evidence", f"Say what shows the rating for {label.lower()}"
                )
        return data

    @staticmethod
    def answers(data: dict) -> dict:
        return {
            value: {
                "rating": data.get(f"{value}_rating") or None,
                "evidence": data.get(f"{value}_evidence") or "",
                "evidence_link": data.get(f"{value}_link") or "",
            }
            for value in Standard.values
        }


class ReportForm(TextLimits, forms.Form):
    period = forms.ChoiceField(
        label="Which period should the report cover?",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select the period the report should cover",
            "invalid_choice": "Select a period from the options",
        },
    )
    large_print = forms.BooleanField(label="Large print", required=False)

    def __init__(self, *args, periods=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["period"].choices = list(periods)


class RegionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class RegionGrantForm(TextLimits, forms.Form):
    """An organisation admin shares the organisation's aggregate figures with a region."""

    region = RegionChoiceField(
        queryset=None,
        label="Region to share the organisation's figures with",
        help_text=(
            "Its commissioners will see each group's figures, with counts of fewer than "
            "5 people hidden. Nothing about any person is shared."
        ),
        empty_label="Select a region",
        error_messages={
            "required": "Select the region to share the figures with",
            "invalid_choice": "Select a region from the list",
        },
    )

    def __init__(self, *args, regions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = regions
