"""Forms for the claimant's side: a cost line (with its receipt photo),
the answer to an approver's question, and the payment preference. They parse;
the services decide."""

from __future__ import annotations

from decimal import Decimal

from django import forms

from involvement.forms.fields import PoundsField
from involvement.forms.text import TextLimits

from ..models import LineKind, PaymentChoice

MONEY_INPUT = {"class": "nhsuk-input--width-5", "inputmode": "decimal", "spellcheck": "false"}


def _money(label, *, required=False, help_text="", error="Enter the amount, like 3.50"):
    return PoundsField(
        label=label,
        required=required,
        min_value=Decimal("0"),
        max_digits=9,
        decimal_places=2,
        help_text=help_text,
        widget=forms.TextInput(attrs=MONEY_INPUT),
        error_messages={
            "required": error,
            "invalid": error,
            "max_decimal_places": "Enter pounds and pence, like 3.50",
            "min_value": "Enter an amount of 0 or more",
        },
    )


class ReceiptInput(forms.ClearableFileInput):
    """Opens the phone's camera straight from the page."""

    def __init__(self, attrs=None):
        super().__init__(
            attrs={"accept": "image/*,application/pdf", "capture": "environment", **(attrs or {})}
        )


class ClaimLineForm(TextLimits, forms.Form):
    kind = forms.ChoiceField(
        label="What was the cost for?",
        choices=LineKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what the cost was for"},
    )
    amount = _money(
        "Amount in pounds",
        help_text="For example, 3.50. For mileage, leave this empty and enter the miles.",
    )
    miles = forms.DecimalField(
        label="Miles (for mileage only)",
        required=False,
        min_value=Decimal("0.1"),
        max_digits=6,
        decimal_places=1,
        help_text="There and back. We work out the amount for you.",
        widget=forms.TextInput(attrs={"class": "nhsuk-input--width-4", "inputmode": "decimal"}),
        error_messages={
            "invalid": "Enter the number of miles as a number, like 12",
            "min_value": "Miles must be more than 0. Enter the miles there and back, like 12",
            "max_digits": "Miles must be 99,999.9 or fewer",
            "max_whole_digits": "Miles must be 99,999.9 or fewer",
            "max_decimal_places": "Enter the miles to one decimal place, like 12.5",
        },
    )
    reason = forms.CharField(
        label="Why was it needed? (for a taxi)",
        required=False,
        max_length=200,
        help_text="For example, access needs, or no bus at that time.",
    )
    description = forms.CharField(
        label="Anything to add", required=False, max_length=200, help_text="For example, the route."
    )
    receipt = forms.FileField(
        label="Photo or PDF of the receipt",
        required=False,
        help_text=(
            "Not needed for mileage. Take a photo with your phone, or choose a file. "
            "Smaller than 10 MB."
        ),
        widget=ReceiptInput,
    )

    def full_clean(self):
        super().full_clean()
        # A chosen file cannot be kept on a page that comes back with an
        # error: say so, rather than drop it without a word.
        chosen = self.is_bound and self.files.get(self.add_prefix("receipt"))
        if self._errors and chosen and "receipt" not in self._errors:
            self.add_error(
                "receipt",
                "Choose the receipt again: a file cannot be kept when there is a problem "
                "with another answer",
            )


class ReceiptForm(TextLimits, forms.Form):
    receipt = forms.FileField(
        label="Photo or PDF of the receipt",
        help_text="Smaller than 10 MB.",
        widget=ReceiptInput,
        error_messages={"required": "Choose the photo or PDF of the receipt"},
    )


class AnswerForm(TextLimits, forms.Form):
    answer = forms.CharField(
        label="Your answer",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        error_messages={"required": "Enter your answer to the question"},
    )


class PreferenceForm(TextLimits, forms.Form):
    choice = forms.ChoiceField(
        label="Do you want involvement payments?",
        choices=PaymentChoice.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether you want involvement payments"},
    )
    no_claim_reminders = forms.BooleanField(
        label="Do not remind me to claim expenses after a meeting", required=False
    )
