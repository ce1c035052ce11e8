"""Forms of the "you said, we did" pages: they parse input; the rules are in
services.feedback (the reason rule is checked here too, so the person sees
it beside the box at once)."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from involvement.forms.fields import NHSDateField
from involvement.forms.text import TextLimits
from involvement.models import DecisionMakingBody

from ..models import FeedbackItem
from ..models.feedback import REASON_REQUIRED, FeedbackSource, FeedbackStatus
from ..services.feedback import REASON_MESSAGES, staff_of, themes_of


class OwnerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name()


class _Destination(TextLimits, forms.Form):
    """Where the point went and who answers it: the group's themes and work
    items, the organisation's bodies and people."""

    theme = forms.ModelChoiceField(
        label="Theme", queryset=None, required=False, empty_label="No theme"
    )
    work_item = forms.ModelChoiceField(
        label="Work item it went to", queryset=None, required=False, empty_label="None"
    )
    body = forms.ModelChoiceField(
        label="Decision-making body it went to",
        queryset=None,
        required=False,
        empty_label="None",
    )
    owner = OwnerChoiceField(
        label="Who must answer it",
        queryset=None,
        required=False,
        empty_label="Not chosen yet",
        help_text="Someone at your organisation. They are reminded until they answer.",
    )

    def __init__(self, *args, group, **kwargs):
        super().__init__(*args, **kwargs)
        from ..models import WorkItem

        self.fields["theme"].queryset = themes_of(group).order_by("name")
        self.fields["work_item"].queryset = WorkItem.objects.filter(
            plan__group=group, plan__status="current"
        ).order_by("position", "id")
        self.fields["body"].queryset = DecisionMakingBody.objects.filter(
            organisation_id=group.organisation_id
        ).order_by("name")
        self.fields["owner"].queryset = staff_of(group.organisation_id).order_by(
            "full_name", "email"
        )


TEXT_FIELD = forms.CharField(
    label="What members said",
    widget=forms.Textarea(attrs={"rows": 4}),
    help_text=(
        'In their words where you can, for example "Letters about eye screening are hard to read".'
    ),
    error_messages={"required": "Enter what members said"},
)


class CaptureForm(_Destination):
    """A point made at a meeting, from its minutes page."""

    text = TEXT_FIELD
    agenda_item = forms.ModelChoiceField(
        label="Agenda item it came from",
        queryset=None,
        required=False,
        empty_label="Not about one item",
    )
    field_order = ["text", "agenda_item", "work_item", "theme", "body", "owner"]

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, group=meeting.group, **kwargs)
        self.fields["agenda_item"].queryset = meeting.agenda_items.order_by("position", "id")
        self.order_fields(self.field_order)


OTHER_SOURCES = [
    (value, label)
    for value, label in FeedbackSource.choices
    if value not in (FeedbackSource.MEETING, FeedbackSource.MEMBER)
]


class AddForm(_Destination):
    """A point from a debrief, a review or survey, or an event."""

    text = TEXT_FIELD
    source = forms.ChoiceField(
        label="Where was it said?",
        choices=OTHER_SOURCES,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose where it was said"},
    )
    source_detail = forms.CharField(
        label="Which one",
        max_length=200,
        required=False,
        help_text='For example, "Network board, 3 March" or "Stall at Fellside library".',
    )
    said_on = NHSDateField(label="Date it was said", missing="Enter the date it was said")
    field_order = ["text", "source", "source_detail", "said_on", "work_item", "theme", "body"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.order_fields(self.field_order)


class EditForm(_Destination):
    text = TEXT_FIELD
    source_detail = forms.CharField(
        label="More about where it was said", max_length=200, required=False
    )
    due_on = NHSDateField(label="Answer due by", missing="Enter the date the answer is due by")
    field_order = ["text", "source_detail", "work_item", "theme", "body", "owner", "due_on"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.order_fields(self.field_order)


class _ReasonRule:
    """ "Partly done" and "not possible" need the reason: refused beside the box."""

    def check_reason(self, status: str) -> None:
        reason = self.cleaned_data.get("reason", "")
        if status in REASON_REQUIRED and not (reason or "").strip():
            self.add_error("reason", ValidationError(REASON_MESSAGES[status], code="required"))


class ResponseForm(_ReasonRule, TextLimits, forms.Form):
    status = forms.ChoiceField(
        label="Where has it got to?",
        choices=FeedbackStatus.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose where this point has got to"},
    )
    what_happened = forms.CharField(
        label="What has happened",
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="In plain words members will understand: what was done, and what was not.",
        error_messages={"required": "Say what has happened so far"},
    )
    reason = forms.CharField(
        label="The reason",
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=(
            'Needed for "partly done" and "not possible": say what has not happened, and why.'
        ),
    )

    def clean(self):
        cleaned = super().clean()
        self.check_reason(cleaned.get("status", ""))
        return cleaned


class PublishForm(_ReasonRule, TextLimits, forms.Form):
    """The coordinator's last check of the wording before members see it."""

    what_happened = ResponseForm.base_fields["what_happened"]
    reason = ResponseForm.base_fields["reason"]

    def __init__(self, *args, status: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.status = status

    def clean(self):
        cleaned = super().clean()
        self.check_reason(self.status)
        return cleaned


class PublicForm(TextLimits, forms.Form):
    on_board = forms.BooleanField(
        label="Show this point and its published answers on the public board",
        required=False,
    )
    public_text = forms.CharField(
        label="Public wording",
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=(
            "How the point reads on the board, in the newsletter and the feed. Name nobody "
            "and leave out anything personal, such as health details."
        ),
    )


class AcceptForm(_Destination):
    text = forms.CharField(
        label="The point as the group will see it",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Tidy the wording if it needs it, and take out anything personal.",
        error_messages={"required": "Enter the point as the group will see it"},
    )
    field_order = ["text", "owner", "work_item", "theme", "body"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.order_fields(self.field_order)


class DeclineForm(TextLimits, forms.Form):
    reason = forms.CharField(
        label="Why it will not be shared",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="The member is sent this, so write it to them kindly and plainly.",
        error_messages={"required": "Say why the point will not be shared, for the member"},
    )


class TellUsForm(TextLimits, forms.Form):
    text = forms.CharField(
        label="What do you want to tell us?",
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=(
            "Something about diabetes services you think the group should take up. "
            "Your coordinator reads it first, then shares it with the group without "
            "your name. Do not include anything about your health you want to keep private."
        ),
        error_messages={"required": "Enter what you want to tell us"},
    )


class SettingsForm(TextLimits, forms.Form):
    answer_within_weeks = forms.IntegerField(
        label="Answer each point within (weeks)",
        min_value=1,
        max_value=52,
        help_text="The owner must give a first answer within this many weeks. Usually 8.",
        error_messages={
            "required": "Enter the number of weeks, like 8",
            "invalid": "Enter the number of weeks using numbers, like 8",
            "min_value": "Enter a number of weeks from 1 to 52",
            "max_value": "Enter a number of weeks from 1 to 52",
        },
    )
    stale_after_weeks = forms.IntegerField(
        label="Bring back a point with no news after (weeks)",
        min_value=1,
        max_value=52,
        help_text="A point being looked at comes back on the agenda after this many weeks "
        "with no update. Usually 6.",
        error_messages={
            "required": "Enter the number of weeks, like 6",
            "invalid": "Enter the number of weeks using numbers, like 6",
            "min_value": "Enter a number of weeks from 1 to 52",
            "max_value": "Enter a number of weeks from 1 to 52",
        },
    )


# --- filters (GET) ----------------------------------------------------------


class ListFilterForm(TextLimits, forms.Form):
    show = forms.ChoiceField(label="Show", required=False, choices=[])
    status = forms.ChoiceField(
        label="Status", required=False, choices=[("", "Any status"), *FeedbackStatus.choices]
    )
    theme = forms.TypedChoiceField(label="Theme", required=False, coerce=int, empty_value=None)
    source = forms.ChoiceField(
        label="Where it was said",
        required=False,
        choices=[("", "Anywhere"), *FeedbackItem.Source.choices],
    )

    def __init__(self, *args, themes, shows, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["show"].choices = list(shows.items())
        self.fields["theme"].choices = [("", "Any theme"), *((t.pk, t.name) for t in themes)]


class BoardFilterForm(TextLimits, forms.Form):
    theme = forms.TypedChoiceField(label="Theme", required=False, coerce=int, empty_value=None)
    status = forms.ChoiceField(
        label="Status", required=False, choices=[("", "Any status"), *FeedbackStatus.choices]
    )
    year = forms.TypedChoiceField(
        label="Year it was said", required=False, coerce=int, empty_value=None
    )

    def __init__(self, *args, themes, years, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].choices = [("", "Any theme"), *((t.pk, t.name) for t in themes)]
        self.fields["year"].choices = [("", "Any year"), *((y, str(y)) for y in years)]
