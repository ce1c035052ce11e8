"""Forms for actions agreed at meetings."""

from __future__ import annotations

from django import forms

from involvement.forms.groups import date_field
from involvement.forms.text import TextLimits

from ..models import Action
from ..services.actions import action_problems


class ActionForm(TextLimits, forms.Form):
    description = forms.CharField(
        label="What will be done?",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter what will be done"},
    )
    agenda_item = forms.ModelChoiceField(
        label="Agenda item", queryset=None, required=False, empty_label="Not about one item"
    )
    owner_person = forms.ModelChoiceField(
        label="Member who will do it",
        queryset=None,
        required=False,
        empty_label="A staff member (name below)",
    )
    owner_name = forms.CharField(
        label="Or the staff member who will do it",
        required=False,
        max_length=150,
        help_text="For example, Dr Ana Lopez, diabetes nurse.",
    )
    due_on = date_field("Due date")

    def __init__(self, *args, items, people, meeting=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.meeting = meeting
        self.fields["agenda_item"].queryset = items
        self.fields["owner_person"].queryset = people

    def clean(self):
        """Every problem at once: the service's rules are asked here too, so a
        missing owner shows beside a missing description, not after it."""
        data = super().clean()
        if self.meeting is None:
            return data
        problems = action_problems(
            meeting=self.meeting,
            description=data.get("description", "") or "",
            due_on=data.get("due_on"),
            owner_person=data.get("owner_person"),
            owner_name=data.get("owner_name", "") or "",
            agenda_item=data.get("agenda_item"),
        )
        for field, message in problems.items():
            if field not in self.errors:
                self.add_error(field, message)
        return data


class ActionUpdateForm(TextLimits, forms.Form):
    status = forms.ChoiceField(
        label="Status",
        choices=Action.Status.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the action's status"},
    )
    progress = forms.CharField(
        label="Progress",
        required=False,
        help_text="What has happened so far. Members see this in the feedback summary.",
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    due_on = date_field("Due date")
