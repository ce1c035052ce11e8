"""Form fields shared by every app, in the NHS.UK patterns."""

from datetime import date

from django import forms
from django.core.exceptions import ValidationError


class DateInputs(forms.MultiWidget):
    """The NHS.UK date input: separate day, month and year boxes."""

    def __init__(self, attrs=None):
        numeric = {"inputmode": "numeric", "spellcheck": "false"}
        super().__init__(
            [
                forms.TextInput(attrs=numeric),
                forms.TextInput(attrs=numeric),
                forms.TextInput(attrs=numeric),
            ],
            attrs,
        )

    def decompress(self, value):
        if isinstance(value, date):
            return [value.day, value.month, value.year]
        return [None, None, None]


class NHSDateField(forms.MultiValueField):
    """A date typed as day, month and year, with messages that say what to do.

    What the person typed is kept when there is an error."""

    widget = DateInputs
    parts = (("day", "Day", 2), ("month", "Month", 2), ("year", "Year", 4))

    def __init__(self, *, missing: str = "Enter the date", example: str = "15 3 2026", **kwargs):
        self.example = example
        number = {"invalid": f"Enter the date using numbers, like {example}"}
        fields = [forms.IntegerField(required=False, error_messages=number) for _ in range(3)]
        kwargs.setdefault("help_text", f"For example, {example}")
        super().__init__(
            fields=fields,
            require_all_fields=False,
            error_messages={"required": missing, "incomplete": missing},
            **kwargs,
        )

    def compress(self, data_list):
        if not data_list or all(part in (None, "") for part in data_list):
            return None
        day, month, year = data_list
        named = dict(zip(("day", "month", "year"), data_list, strict=True))
        missing = [name for name, value in named.items() if value in (None, "")]
        if missing:
            raise ValidationError(f"The date must include a {' and a '.join(missing)}")
        if year < 1000:
            raise ValidationError(f"Enter the year with 4 numbers, like {self.example.split()[-1]}")
        try:
            return date(year, month, day)
        except (ValueError, OverflowError) as exc:
            raise ValidationError(f"The date must be a real date, like {self.example}") from exc


class PoundsField(forms.DecimalField):
    """An amount of money in pounds, typed the way people write it: "£2.50",
    "2.50", "£1,250" or "1 250" are all read as the number."""

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().removeprefix("£").replace(",", "").replace(" ", "")
        return super().to_python(value)
