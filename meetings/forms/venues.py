from django import forms

from involvement.forms.text import TextLimits

from ..models import Venue


class VenueForm(TextLimits, forms.ModelForm):
    map_url = forms.URLField(
        label="Map link",
        required=False,
        assume_scheme="https",
        help_text="A link to the venue on a map website.",
        error_messages={"invalid": "Enter the map link as a web address, like https://…"},
    )

    class Meta:
        model = Venue
        fields = [
            "name",
            "address",
            "postcode",
            "step_free",
            "hearing_loop",
            "accessible_toilet",
            "parking",
            "public_transport",
            "map_url",
        ]
        widgets = {
            "address": forms.Textarea(attrs={"rows": 4}),
            "public_transport": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {
            "name": {"required": "Enter the venue's name"},
            "address": {"required": "Enter the venue's address"},
            "map_url": {"invalid": "Enter the map link as a web address, like https://…"},
        }
        help_texts = {"map_url": "A link to the venue on a map website."}

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organisations is not None and len(organisations) > 1:
            self.fields = {
                "organisation": forms.ModelChoiceField(
                    label="Organisation",
                    queryset=organisations,
                    error_messages={"required": "Choose the organisation whose venue this is"},
                ),
                **self.fields,
            }
