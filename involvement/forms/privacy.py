"""Asking for one's data to be deleted."""

from django import forms

from .text import TextLimits


class ErasureRequestForm(TextLimits, forms.Form):
    note = forms.CharField(
        label="Anything you want us to know (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        help_text="For example, the best way to tell you when it is done.",
    )
