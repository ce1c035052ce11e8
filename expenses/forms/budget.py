"""Form for setting a group's budget for a year."""

from __future__ import annotations

from django import forms

from involvement.forms.text import TextLimits


class BudgetForm(TextLimits, forms.Form):
    group = forms.ModelChoiceField(
        label="Group",
        queryset=None,
        error_messages={"required": "Choose the group"},
    )
    year = forms.TypedChoiceField(
        label="Budget year",
        coerce=int,
        choices=(),
        error_messages={"required": "Choose the budget year"},
    )
    amount = forms.DecimalField(
        label="Budget for the year (£)",
        min_value=0,
        max_digits=9,
        decimal_places=2,
        help_text="For example, 4500.00",
        error_messages={
            "required": "Enter the budget, like 4500.00",
            "invalid": "Enter the budget as an amount of money, like 4500.00",
            "min_value": "Enter a budget of £0 or more",
            "max_decimal_places": "Enter the budget in pounds and pence, like 4500.50",
        },
    )

    def __init__(self, *args, groups, years, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = groups
        self.fields["year"].choices = [
            (year, f"April {year} to March {year + 1}") for year in years
        ]
