from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator

from involvement.forms.text import TextLimits

from ..models import AgendaItem
from ..services.agenda import MOST_MINUTES

_MINUTES_RANGE = f"Enter the minutes as a whole number from 1 to {MOST_MINUTES}"


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
                "min_value": _MINUTES_RANGE,
                "max_value": _MINUTES_RANGE,
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        minutes = self.fields["minutes_allowed"]
        minutes.min_value, minutes.max_value = 1, MOST_MINUTES
        minutes.validators = [
            MinValueValidator(1, message=_MINUTES_RANGE),
            MaxValueValidator(MOST_MINUTES, message=_MINUTES_RANGE),
        ]
        minutes.widget.attrs.update({"min": 1, "max": MOST_MINUTES})
        minutes.help_text = f"From 1 to {MOST_MINUTES}. The agenda must end by the meeting's end."
