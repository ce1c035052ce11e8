"""Forms of the notification outbox pages."""

from __future__ import annotations

from django import forms

from .. import message_kinds
from ..models import Notification
from ..models.outbox import number_from_reference
from .text import TextLimits

ALL = [("", "All")]


class MessageFilterForm(TextLimits, forms.Form):
    """The organisation's Messages page, narrowed by status, channel, kind and
    person. Every filter is optional; a choice not in the list is refused
    with a message, and the list is shown unfiltered by it."""

    status = forms.ChoiceField(
        label="Status",
        required=False,
        choices=ALL + list(Notification.Status.choices),
        error_messages={"invalid_choice": "Choose a status from the list"},
    )
    channel = forms.ChoiceField(
        label="How it goes",
        required=False,
        choices=ALL + list(Notification.Channel.choices),
        error_messages={"invalid_choice": "Choose a way of sending from the list"},
    )
    kind = forms.ChoiceField(
        label="Kind of message",
        required=False,
        error_messages={"invalid_choice": "Choose a kind of message from the list"},
    )
    person = forms.CharField(
        label="Person's name",
        max_length=150,
        required=False,
        widget=forms.TextInput(attrs={"spellcheck": "false"}),
    )

    reference = forms.CharField(
        label="Reference on a letter",
        help_text="For example, M-4K7Q. Someone who rings about a letter can read it out.",
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"spellcheck": "false", "autocomplete": "off"}),
    )

    FILTERS = ("status", "channel", "kind", "person", "reference")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        kinds = message_kinds.essential_kinds() + message_kinds.optional_kinds()
        self.fields["kind"].choices = ALL + sorted(
            ((kind.code, kind.label) for kind in kinds), key=lambda choice: choice[1]
        )

    def clean_reference(self) -> str:
        reference = self.cleaned_data["reference"].strip()
        if reference and number_from_reference(reference) is None:
            raise forms.ValidationError(
                "Enter the reference as it is printed on the letter, like M-4K7Q"
            )
        return reference

    def filters(self) -> dict[str, str]:
        """The filters to apply: only the valid, chosen ones."""
        if not self.is_bound:
            return {}
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {name: data[name].strip() for name in self.FILTERS if data.get(name, "").strip()}
