"""Forms for writing minutes, sending them for corrections, correcting and
approving them. They parse; the services decide."""

from __future__ import annotations

from django import forms

from involvement.forms.groups import date_field
from involvement.forms.text import DOCUMENT_TEXT, TextLimits


class MinutesForm(TextLimits, forms.Form):
    """Two boxes per agenda item: what was said, what was agreed."""

    def __init__(self, *args, rows, **kwargs):
        super().__init__(*args, **kwargs)
        self.items = []
        for row in rows:
            item = row.item
            said = f"said_{item.pk}"
            agreed = f"agreed_{item.pk}"
            self.fields[said] = forms.CharField(
                label=f"{item.position}. {item.title}: what was said",
                required=False,
                max_length=DOCUMENT_TEXT,
                widget=forms.Textarea(attrs={"rows": 5}),
                initial=row.entry.said if row.entry else "",
            )
            self.fields[agreed] = forms.CharField(
                label=f"{item.position}. {item.title}: what was agreed",
                required=False,
                max_length=DOCUMENT_TEXT,
                widget=forms.Textarea(attrs={"rows": 3}),
                initial=row.entry.agreed if row.entry else "",
            )
            self.items.append((item, said, agreed))

    def clean(self):
        cleaned = super().clean()
        if self.items and not any(
            (cleaned.get(said) or "").strip() or (cleaned.get(agreed) or "").strip()
            for _, said, agreed in self.items
        ):
            raise forms.ValidationError("Write the minutes for at least one agenda item")
        return cleaned

    def entries(self) -> dict[int, tuple[str, str]]:
        return {
            item.pk: (self.cleaned_data.get(said, ""), self.cleaned_data.get(agreed, ""))
            for item, said, agreed in self.items
        }


class CirculateForm(TextLimits, forms.Form):
    corrections_due = date_field(
        "Last day for corrections",
        help_text="Attendees can send corrections until this day ends. For example, 15 3 2026",
    )


class CorrectionForm(TextLimits, forms.Form):
    agenda_item = forms.ModelChoiceField(
        label="Which part of the minutes is it about?",
        queryset=None,
        required=False,
        empty_label="The minutes as a whole",
    )
    text = forms.CharField(
        label="Your correction",
        help_text="Say what is wrong or missing, and what it should say.",
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Enter your correction"},
    )

    def __init__(self, *args, items, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agenda_item"].queryset = items


class CorrectionResolveForm(TextLimits, forms.Form):
    made = forms.TypedChoiceField(
        label="Was the correction made?",
        choices=[("yes", "Yes, the minutes now say this"), ("no", "No")],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether the correction was made"},
    )
    response = forms.CharField(
        label="Reply to the person",
        required=False,
        help_text="Needed if the correction was not made: say why.",
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ApproveForm(TextLimits, forms.Form):
    note = forms.CharField(
        label="How were they approved?",
        required=False,
        max_length=200,
        help_text="For example, approved by the chair, or agreed at the meeting on 4 March.",
    )
