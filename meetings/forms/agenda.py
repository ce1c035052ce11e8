from django import forms

from involvement.forms.text import TextLimits

from ..models import AgendaItem


class AgendaItemForm(TextLimits, forms.ModelForm):
    class Meta:
        model = AgendaItem
        fields = [
            "kind",
            "title",
            "description",
            "minutes_allowed",
            "presenter",
            "presenter_is_guest",
            "format",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "format": forms.RadioSelect,
            "minutes_allowed": forms.NumberInput(attrs={"class": "nhsuk-input--width-3"}),
        }
        error_messages = {
            "title": {"required": "Enter the item's title"},
            "minutes_allowed": {
                "required": "Enter how many minutes the item has",
                "invalid": "Enter the minutes as a number, like 20",
            },
        }
