"""allauth's forms in NHS.UK style: plain labels, no placeholders, and error
messages that say what to do."""

from allauth.account.forms import LoginForm, SignupForm
from django import forms

from .text import TextLimits


def _plain(field, *, label, required_message, autocomplete=None, help_text=None):
    field.label = label
    field.widget.attrs.pop("placeholder", None)
    field.error_messages["required"] = required_message
    if autocomplete:
        field.widget.attrs["autocomplete"] = autocomplete
    if help_text is not None:
        field.help_text = help_text


class InvolveLoginForm(TextLimits, LoginForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _plain(
            self.fields["login"],
            label="Email address",
            required_message="Enter your email address",
            autocomplete="email",
        )
        _plain(
            self.fields["password"],
            label="Password",
            required_message="Enter your password",
            autocomplete="current-password",
            help_text="",
        )
        if "remember" in self.fields:
            self.fields["remember"].label = "Keep me logged in on this device"


class InvolveSignupForm(TextLimits, SignupForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Asked first, so that messages and coordinators use the person's name,
        # not the start of their email address.
        self.fields = {
            "full_name": forms.CharField(
                label="Full name",
                max_length=150,
                help_text="The name we use when we write to you.",
                error_messages={"required": "Enter your full name"},
                widget=forms.TextInput(attrs={"autocomplete": "name", "spellcheck": "false"}),
            ),
            **self.fields,
        }
        _plain(
            self.fields["email"],
            label="Email address",
            required_message="Enter your email address",
            autocomplete="email",
            help_text="We will send you an email to check it is yours.",
        )
        _plain(
            self.fields["password1"],
            label="Create a password",
            required_message="Create a password",
            autocomplete="new-password",
            help_text="Use at least 8 characters. Do not use a common password.",
        )
        if "password2" in self.fields:
            _plain(
                self.fields["password2"],
                label="Type your password again",
                required_message="Type your password again",
                autocomplete="new-password",
            )

    def clean_full_name(self):
        return " ".join(self.cleaned_data["full_name"].split())

    def custom_signup(self, request, user):
        user.full_name = self.cleaned_data["full_name"]
        user.save(update_fields=["full_name"])
