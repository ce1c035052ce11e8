"""Forms of the workplans pages: they parse input; the rules are in services."""

from __future__ import annotations

from django import forms

from involvement.forms.fields import NHSDateField
from involvement.forms.text import TextLimits
from involvement.models import DecisionMakingBody

from ..models import VOTES_PER_MEMBER, WorkItem


def date_field(label: str, *, required: bool = False, missing: str = "Enter the date"):
    return NHSDateField(label=label, required=required, missing=missing)


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.person.full_name


class ExerciseForm(TextLimits, forms.Form):
    title = forms.CharField(
        label="Name of the exercise",
        max_length=150,
        help_text='For example, "Our priorities for 2026 to 2027".',
        error_messages={"required": "Enter a name for the exercise"},
    )
    briefing = forms.CharField(
        label="Briefing on live local issues",
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=(
            "A short summary members read before they suggest ideas: what is changing "
            "locally, what the organisation is working on, and what has been decided already."
        ),
        error_messages={"required": "Enter a short briefing for members"},
    )


class ProposalForm(TextLimits, forms.Form):
    problem = forms.CharField(
        label="What is the problem?",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Describe what does not work well for people with diabetes or their carers.",
        error_messages={"required": "Describe the problem"},
    )
    solution = forms.CharField(
        label="What would help?",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Your idea for putting it right. You can leave this empty.",
    )

    def __init__(self, *args, members=None, **kwargs):
        super().__init__(*args, **kwargs)
        if members is not None:
            self.fields["proposed_by"] = PersonChoiceField(
                label="Who raised it",
                queryset=members,
                required=False,
                empty_label="The group as a whole",
                help_text="Entered from a meeting: choose the member, or the group as a whole.",
            )


class ProposalChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.problem if len(obj.problem) <= 160 else obj.problem[:157] + "..."


class VoteForm(TextLimits, forms.Form):
    proposals = ProposalChoiceField(
        label=f"Choose up to {VOTES_PER_MEMBER} proposals",
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        help_text=f"You have {VOTES_PER_MEMBER} votes. You can give each proposal one vote.",
        error_messages={"required": "Choose at least one proposal"},
    )

    def __init__(self, *args, proposals, members=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["proposals"].queryset = proposals
        if members is not None:
            self.fields = {
                "member": PersonChoiceField(
                    label="Member",
                    queryset=members,
                    error_messages={"required": "Choose the member whose votes these are"},
                ),
                **self.fields,
            }

    def clean_proposals(self):
        chosen = self.cleaned_data["proposals"]
        if len(chosen) > VOTES_PER_MEMBER:
            raise forms.ValidationError(
                f"Choose up to {VOTES_PER_MEMBER} proposals: you chose {len(chosen)}"
            )
        return chosen


class PriorityForm(TextLimits, forms.Form):
    title = forms.CharField(
        label="The organisation's priority",
        max_length=200,
        error_messages={"required": "Enter the priority"},
    )
    description = forms.CharField(
        label="What it means", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    source = forms.CharField(
        label="Where it comes from",
        required=False,
        max_length=150,
        help_text='For example, "Network annual plan 2026 to 2027".',
    )


class ThemeForm(TextLimits, forms.Form):
    name = forms.CharField(
        label="Name of the theme",
        max_length=150,
        help_text='Words everyone understands, for example "Getting to eye screening".',
        error_messages={"required": "Enter a name for the theme"},
    )
    description = forms.CharField(
        label="What it covers", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class MatchForm(TextLimits, forms.Form):
    """One choice of theme per proposal and per organisation priority."""

    def __init__(self, *args, themes, proposals, priorities, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", "Not matched yet"), *((str(t.pk), t.name) for t in themes)]
        self.themes = {str(t.pk): t for t in themes}
        self.rows = []
        for prefix, objects, text in (
            ("proposal", proposals, lambda o: o.problem),
            ("priority", priorities, lambda o: f"Organisation: {o.title}"),
        ):
            for obj in objects:
                name = f"{prefix}_{obj.pk}"
                self.fields[name] = forms.ChoiceField(
                    label=text(obj)[:200],
                    choices=choices,
                    required=False,
                    initial=str(obj.theme_id or ""),
                )

    def assignments(self):
        proposals, priorities = {}, {}
        for name, value in self.cleaned_data.items():
            prefix, pk = name.split("_", 1)
            target = proposals if prefix == "proposal" else priorities
            target[int(pk)] = self.themes.get(value) if value else None
        return proposals, priorities


class DecisionEntryForm(TextLimits, forms.Form):
    body = forms.ModelChoiceField(
        label="Decision-making body",
        queryset=DecisionMakingBody.objects.none(),
        error_messages={"required": "Choose the body that decides it"},
    )
    topic = forms.CharField(
        label="What it decides about",
        max_length=200,
        help_text='For example, "Retinal screening invitations and clinic times".',
        error_messages={"required": "Enter what the body decides about"},
    )
    how_to_feed_in = forms.CharField(
        label="How the group's views reach it",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example, a paper to the chair, or a representative speaks to the item.",
    )
    papers_due_days = forms.IntegerField(
        label="Papers are needed this many days before its meeting",
        min_value=0,
        max_value=120,
        initial=10,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "nhsuk-input--width-3"}),
        error_messages={
            "required": "Enter the number of days, like 10",
            "invalid": "Enter the number of days using numbers, like 10",
            "min_value": "Enter a number of days of 0 or more",
            "max_value": "Enter a number of days up to 120",
        },
    )

    def __init__(self, *args, bodies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = bodies


class PlanCreateForm(TextLimits, forms.Form):
    exercise = forms.ModelChoiceField(
        label="Priority exercise the plan draws on",
        queryset=None,
        required=False,
        empty_label="None yet",
    )
    next_review_on = date_field("First review of the plan")

    def __init__(self, *args, exercises, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["exercise"].queryset = exercises


class WorkItemForm(TextLimits, forms.Form):
    title = forms.CharField(
        label="Title", max_length=200, error_messages={"required": "Enter a title"}
    )
    description = forms.CharField(
        label="What it is about",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="In plain English, so every member understands it.",
        error_messages={"required": "Describe the work in plain English"},
    )
    origin = forms.ChoiceField(
        label="Whose priority is it?",
        choices=WorkItem.Origin.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whose priority it is"},
    )
    themes = forms.ModelMultipleChoiceField(
        label="Themes of the priority exercise",
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    body = forms.ModelChoiceField(
        label="Decision-making body it feeds",
        queryset=None,
        required=False,
        empty_label="Not decided by a body",
        help_text="Where the group's views must feed in. See the decision map.",
    )
    feed_in_by = date_field("The group's views are needed by")
    lead = forms.CharField(label="Lead", max_length=150, required=False)
    starts_on = date_field("Start")
    target_on = date_field("Target date")
    status = forms.ChoiceField(
        label="Status",
        choices=WorkItem.Status.choices,
        widget=forms.RadioSelect,
        initial=WorkItem.Status.PLANNED,
        error_messages={"required": "Choose the status"},
    )
    constraints_stated = forms.CharField(
        label="Constraints the organisation has stated",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=(
            "Managing expectations: what limits what the organisation can do, "
            "for example money, contracts or national rules."
        ),
    )

    def __init__(self, *args, themes, bodies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["themes"].queryset = themes
        self.fields["body"].queryset = bodies
        if not themes.exists():
            del self.fields["themes"]

    def clean(self):
        data = super().clean()
        starts, target = data.get("starts_on"), data.get("target_on")
        if starts and target and target < starts:
            self.add_error("target_on", "The target date must be the same as or after the start")
        return data


class ReviewForm(TextLimits, forms.Form):
    held_on = date_field(
        "Date of the review", required=True, missing="Enter the date of the review"
    )
    what_changed = forms.CharField(
        label="What changed",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Say what changed in the plan"},
    )
    why = forms.CharField(
        label="Why it changed",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Say why the plan changed"},
    )
    make_new_version = forms.BooleanField(
        label="Make a new version of the plan (the current one stays readable)",
        required=False,
        initial=True,
    )
    next_review_on = date_field("Next review of the plan")


class AgendaForm(TextLimits, forms.Form):
    meeting = forms.ModelChoiceField(
        label="Meeting",
        queryset=None,
        empty_label=None,
        error_messages={"required": "Choose the meeting"},
    )
    items = forms.ModelMultipleChoiceField(
        label="Work items to put on its agenda",
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one work item"},
    )
    add_standing = forms.BooleanField(
        label="Add the standing items if the agenda does not have them yet",
        required=False,
        initial=True,
    )

    def __init__(self, *args, meetings, items, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = meetings
        self.fields["meeting"].label_from_instance = lambda m: (
            f"{m.title}, {m.starts_at:%A} {m.starts_at.day} {m.starts_at:%B %Y}"
        )
        self.fields["items"].queryset = items
