"""Forms for the reflective review."""

from __future__ import annotations

from django import forms

from involvement.forms.groups import date_field
from involvement.forms.text import TextLimits

from ..models import ReflectiveReview


class ReviewOpenForm(TextLimits, forms.Form):
    title = forms.CharField(
        label="Name of the review",
        max_length=150,
        help_text="For example, Spring check-in.",
        error_messages={"required": "Enter a name for the review, like Spring check-in"},
    )
    closes_on = date_field("Last day for answers")


def _scale(label):
    return forms.TypedChoiceField(
        label=label,
        choices=ReflectiveReview.SCALE,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": f"Choose an answer to: {label}"},
    )


class ReviewResponseForm(TextLimits, forms.Form):
    person = forms.ModelChoiceField(
        label="Whose answers are these?",
        queryset=None,
        error_messages={"required": "Choose the member whose answers you are entering"},
    )
    working_well = _scale("How well is the group working?")
    heard = _scale("How well are members' views heard?")
    making_difference = _scale("How much difference is the group making?")
    change = forms.CharField(
        label="Should we change anything?",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    may_name = forms.BooleanField(
        label="The coordinator may see my name with my comments",
        help_text="If you leave this unticked, your comments are shown without your name.",
        required=False,
    )

    def __init__(self, *args, people=None, **kwargs):
        super().__init__(*args, **kwargs)
        if people is None:
            del self.fields["person"]
        else:
            self.fields["person"].queryset = people
