"""Forms for finance: mark approved claims paid (date, method, reference)."""

from __future__ import annotations

from django import forms

from involvement.forms.groups import date_field
from involvement.forms.text import TextLimits
from involvement.money import money

from ..models import ExpenseClaim, PaymentMethod


class ClaimChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        total = obj.expenses + obj.involvement_payment
        day = obj.meeting.starts_at.strftime("%-d %b %Y")
        return f"{obj.person.full_name}: {obj.meeting.title}, {day}, {money(total)}"


class MarkPaidForm(TextLimits, forms.Form):
    claims = ClaimChoice(
        label="Claims paid",
        queryset=ExpenseClaim.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "Choose at least one claim you have paid",
            "invalid_choice": (
                "A claim you chose is not waiting for payment any more: it may have been "
                "paid already. Check the list and choose again"
            ),
            "invalid_pk_value": "Choose claims from the list",
            "invalid_list": "Choose claims from the list",
        },
    )
    paid_on = date_field("Date paid", help_text="For example, 27 11 2026")
    method = forms.ChoiceField(
        label="How it was paid",
        choices=PaymentMethod.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how the claims were paid"},
    )
    reference = forms.CharField(
        label="Payment reference",
        max_length=60,
        help_text="The reference in the finance system, for example BACS-2026-11-27.",
        error_messages={"required": "Enter the payment reference"},
    )

    def __init__(self, *args, claims, payable=None, **kwargs):
        """`claims`: the claims offered (those on the page shown, already
        fetched with their totals: no query per choice). `payable`: every claim
        that may be chosen (all those waiting, so a claim that moved to another
        page since the form was drawn is still accepted); by default `claims`."""
        super().__init__(*args, **kwargs)
        self.fields["claims"].queryset = (
            payable
            if payable is not None
            else ExpenseClaim.objects.filter(pk__in=[claim.pk for claim in claims])
        )
        self.fields["claims"].choices = [
            (claim.pk, self.fields["claims"].label_from_instance(claim)) for claim in claims
        ]
