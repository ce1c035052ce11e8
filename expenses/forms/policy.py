"""Forms for an organisation's payment policy and its rules."""

from __future__ import annotations

from decimal import Decimal

from django import forms

from involvement.forms.text import TextLimits
from meetings.models.core import MeetingKind

from ..models import LineKind, PaymentMode, RoleLevel
from .claims import _money


class PolicyForm(TextLimits, forms.Form):
    mileage_rate = _money(
        "Mileage rate (£ a mile)",
        required=True,
        help_text="For example, 0.45.",
        error="Enter the mileage rate, like 0.45",
    )
    mileage_warning_miles = forms.DecimalField(
        label="Warn when a journey is longer than (miles)",
        min_value=Decimal("0"),
        max_digits=9,
        decimal_places=2,
        widget=forms.TextInput(attrs={"class": "nhsuk-input--width-4", "inputmode": "decimal"}),
        error_messages={
            "required": "Enter the number of miles, like 60",
            "invalid": "Enter the number of miles, like 60",
        },
    )
    receipt_required_over = _money(
        "A receipt is needed for a cost over (£)",
        required=True,
        error="Enter the amount, like 10.00",
    )
    receipt_always_for = forms.MultipleChoiceField(
        label="Costs that always need a receipt",
        required=False,
        choices=LineKind.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    claim_cap = _money(
        "Warn when a claim's expenses are over (£)",
        help_text="Leave empty for no limit. Approvers see a warning; the claim is not refused.",
    )
    payroll_for_involvement_payments = forms.BooleanField(
        label="Involvement payments go through payroll (tax and National Insurance deducted)",
        required=False,
    )
    target_working_days = forms.IntegerField(
        label="Pay claims within this many working days",
        min_value=1,
        max_value=60,
        widget=forms.NumberInput(attrs={"class": "nhsuk-input--width-3"}),
        error_messages={
            "required": "Enter the number of working days, like 5",
            "invalid": "Enter the number of working days, like 5",
            "min_value": "Enter 1 or more working days",
        },
    )
    strategic_hourly_rate = _money(
        "Representatives' strategic rate (£ an hour)",
        required=True,
        help_text=(
            "Paid to a representative for a board meeting, the briefing meeting before it and "
            "the debrief after it, unless a payment rule for strategic roles says otherwise. "
            "For example, 25.00."
        ),
        error="Enter the strategic rate, like 25.00",
    )
    debrief_hours = forms.DecimalField(
        label="Hours paid for a representative's debrief",
        min_value=Decimal("0"),
        max_digits=9,
        decimal_places=2,
        help_text="Added to the board meeting's payment of the representative who writes it.",
        widget=forms.TextInput(attrs={"class": "nhsuk-input--width-4", "inputmode": "decimal"}),
        error_messages={
            "required": "Enter the hours paid for a debrief, like 1",
            "invalid": "Enter the hours paid for a debrief, like 1",
            "min_value": "Enter 0 hours or more",
            "max_decimal_places": "Enter the hours to two decimal places at most, like 1.25",
            "max_digits": "Enter fewer hours, like 1",
            "max_whole_digits": "Enter fewer hours, like 1",
        },
    )
    benefits_advice = forms.CharField(
        label="Where people can get advice about benefits",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Shown to everyone choosing whether to accept involvement payments.",
    )


class PaymentRuleForm(TextLimits, forms.Form):
    role_level = forms.ChoiceField(
        label="Who",
        choices=RoleLevel.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose who the rule is for"},
    )
    activity = forms.ChoiceField(
        label="Kind of meeting",
        choices=MeetingKind.choices,
        error_messages={"required": "Choose the kind of meeting"},
    )
    mode = forms.ChoiceField(
        label="How it is paid",
        choices=PaymentMode.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how it is paid"},
    )
    hourly_rate = _money("Hourly rate (£)", help_text="For an hourly rate, like 13.85.")
    half_day_rate = _money("Half-day rate (£)")
    full_day_rate = _money("Full-day rate (£)")
    full_day_from_hours = forms.DecimalField(
        label="Full-day rate from (hours)",
        required=False,
        min_value=Decimal("0.25"),
        max_digits=4,
        decimal_places=2,
        help_text="A meeting this long or longer is paid the full-day rate, like 4.",
        widget=forms.TextInput(attrs={"class": "nhsuk-input--width-3", "inputmode": "decimal"}),
        error_messages={"invalid": "Enter the hours, like 4"},
    )
    fixed_fee = _money("Fixed fee (£)")
    preparation_fee = _money("Extra for preparation (£)", help_text="Leave empty if none.")
