"""Forms for enquiries and signposting, and the public "apply another way" request."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from involvement.forms.text import TextLimits

from ..models import SignpostEntry, Vacancy
from ..services.enquiries import OTHER_FORMATS
from .roles import NameChoiceField
from .vacancies import date_field


class SignpostChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.get_kind_display().lower()})"


class VacancyChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.title


class EnquiryForm(TextLimits, forms.Form):
    name = forms.CharField(
        label="Their name", max_length=150, error_messages={"required": "Enter the person's name"}
    )
    contact = forms.CharField(
        label="How to contact them",
        max_length=200,
        required=False,
        help_text="A phone number, email or address, if they gave one.",
    )
    summary = forms.CharField(
        label="What they asked about",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter what they asked about"},
    )
    notes = forms.CharField(
        label="Notes",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example, what you agreed to send them.",
    )
    received_on = date_field(
        label="Date of the enquiry", required=True, missing="Enter the date they got in touch"
    )

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["received_on"].initial = timezone.localdate()
        self.fields["vacancy"] = VacancyChoiceField(
            queryset=Vacancy.objects.filter(role_description__organisation=organisation)
            .exclude(status=Vacancy.Status.DRAFT)
            .order_by("-opens_on"),
            required=False,
            label="About the vacancy",
            empty_label="Not about a particular vacancy",
        )
        self.fields["signposted_to"] = SignpostChoiceField(
            queryset=SignpostEntry.objects.filter(organisation=organisation).order_by(
                "kind", "name"
            ),
            required=False,
            label="Where you signposted them",
            help_text="Tick every service you told them about.",
            widget=forms.CheckboxSelectMultiple,
        )
        self.order_fields(["name", "contact", "vacancy", "summary", "signposted_to", "notes"])


class OtherFormatForm(TextLimits, forms.Form):
    wants = forms.ChoiceField(
        label="How would you like to apply?",
        choices=list(OTHER_FORMATS.items()),
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how you would like to apply"},
    )
    name = forms.CharField(
        label="Your name", max_length=150, error_messages={"required": "Enter your name"}
    )
    contact = forms.CharField(
        label="Your phone number or postal address",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="So that we can send you the form or call you.",
        error_messages={
            "required": "Enter a phone number or postal address so that we can reach you"
        },
    )
    details = forms.CharField(
        label="Anything else we should know",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example, the best time to call, or help you need to take part.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["wants"].choices = [
            ("paper", "Send me a paper form"),
            ("large_print", "Send me a large-print paper form"),
            ("phone", "Phone me and fill it in with me"),
        ]


__all__ = ["EnquiryForm", "NameChoiceField", "OtherFormatForm"]
