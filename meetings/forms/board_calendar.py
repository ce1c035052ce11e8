"""Reading a board's calendar: upload its .ics file, or give the address the
board publishes it at (one or the other)."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from involvement.forms.text import TextLimits


class CalendarImportForm(TextLimits, forms.Form):
    file = forms.FileField(
        label="The board's calendar file",
        required=False,
        help_text="An iCalendar file (it ends in .ics), smaller than 1 MB.",
    )
    url = forms.URLField(
        label="Or the address the board publishes its calendar at",
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text="For example, https://www.example-icb.nhs.uk/board/meetings.ics. "
        "Involve reads it once now; you can refresh it from the body's page.",
    )

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        if data.get("file") and data.get("url"):
            raise ValidationError(
                {"url": "Upload the file or give the address, not both"}, code="both"
            )
        if not data.get("file") and not data.get("url"):
            raise ValidationError(
                {"file": "Choose the board's calendar file, or give the address it is at"},
                code="neither",
            )
        return data
