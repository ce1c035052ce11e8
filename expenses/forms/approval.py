"""Forms for deciding on a claim: approve (with an optional note), query (a
question to the claimant) or reject (with a reason)."""

from __future__ import annotations

from django import forms

from involvement.forms.text import TextLimits


class ApproveForm(TextLimits, forms.Form):
    note = forms.CharField(
        label="Note for the record",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class QueryForm(TextLimits, forms.Form):
    question = forms.CharField(
        label="Your question for the person who claimed",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Say what you need, for example: please add the bus ticket for the way home.",
        error_messages={"required": "Enter your question for the person who claimed"},
    )


class RejectForm(TextLimits, forms.Form):
    reason = forms.CharField(
        label="Why the claim cannot be paid",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="The person will see this, so write it plainly and kindly.",
        error_messages={"required": "Enter the reason the claim cannot be paid"},
    )
