from django import forms

from involvement.forms.text import TextLimits

from ..models import Invitation, Paper


class ReplyForm(TextLimits, forms.Form):
    rsvp = forms.ChoiceField(
        label="Can you come?",
        choices=[
            (Invitation.Rsvp.ATTENDING, "Yes, I am coming"),
            (Invitation.Rsvp.APOLOGIES, "No, I send my apologies"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether you are coming"},
    )


class RecordReplyForm(TextLimits, forms.Form):
    rsvp = forms.ChoiceField(
        label="Their reply",
        choices=[
            (Invitation.Rsvp.ATTENDING, "Coming"),
            (Invitation.Rsvp.APOLOGIES, "Sent apologies"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose their reply"},
    )
    via = forms.ChoiceField(
        label="How they replied",
        choices=[
            (Invitation.Route.PHONE, "By phone"),
            (Invitation.Route.EMAIL, "By email"),
            (Invitation.Route.POST, "By post"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how they replied"},
    )


class PaperUploadForm(TextLimits, forms.Form):
    title = forms.CharField(
        label="Title of the paper",
        max_length=150,
        error_messages={"required": "Enter the paper's title"},
    )
    file = forms.FileField(
        label="File",
        help_text="A PDF, or a picture (PNG or JPEG), smaller than 10 MB.",
        error_messages={"required": "Choose the file to upload"},
    )


__all__ = ["Paper", "PaperUploadForm", "RecordReplyForm", "ReplyForm"]
