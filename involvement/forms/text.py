"""Limits on the text people type, for every form of the project.

Every text box has a limit, and the page says it: a box of text shows the
NHS.UK character count ("You can enter up to 5,000 characters"); a one-line
box stops at its limit. Text over the limit is refused with a message that
says what to do, and what was typed is kept. One-line boxes (names, titles)
also refuse line breaks and other control characters, which would otherwise
reach email subjects; boxes of text refuse control characters other than
line breaks and tabs.

The models' TextFields have no limit of their own (a database change for each
would gain nothing): the forms and the API hold the limits. A field that sets
`max_length` keeps it; one that does not gets the default for its kind.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, ProhibitNullCharactersValidator

from ..text import (
    DOCUMENT_TEXT,
    LONG_TEXT,
    SHORT_TEXT,
    has_control_characters,
    too_long_message,
)
from .messages import plain_messages

__all__ = ["DOCUMENT_TEXT", "LONG_TEXT", "SHORT_TEXT", "TextLimits", "limit_text_fields"]


def _subject(field: forms.Field) -> str:
    """What a message calls the field: its label, or "Your answer" when the
    label is a question (or there is none)."""
    label = str(field.label or "").strip()
    if not label or label.endswith("?"):
        return "Your answer"
    return label


class RefuseControlCharacters:
    """Refuse line breaks, tabs and other control characters (in a box of
    text, only those other than line breaks and tabs)."""

    def __init__(self, message: str, *, line_breaks_allowed: bool):
        self.message = message
        self.line_breaks_allowed = line_breaks_allowed

    def __call__(self, value):
        if value and has_control_characters(value, line_breaks_allowed=self.line_breaks_allowed):
            raise ValidationError(self.message, code="control_characters")


def limit_text_field(field: forms.Field) -> None:
    """Give one field its limit, its messages and its validators (once)."""
    if getattr(field, "_text_limited", False) or not isinstance(field, forms.CharField):
        return
    field._text_limited = True
    widget = field.widget
    if widget.is_hidden or isinstance(widget, forms.PasswordInput):
        return
    multiline = isinstance(widget, forms.Textarea)
    if field.max_length is None:
        field.max_length = LONG_TEXT if multiline else SHORT_TEXT
        field.validators.append(MaxLengthValidator(field.max_length))
    subject = _subject(field)
    # Messages are %-formatted with the validator's numbers: a % typed into a
    # label (an agenda item's title) must not be read as a placeholder.
    field.error_messages.setdefault(
        "max_length", too_long_message(subject, field.max_length).replace("%", "%%")
    )
    if multiline:
        # The character count says the limit; a hard maxlength would cut a
        # pasted text short without a word.
        widget.attrs.pop("maxlength", None)
        control = f"{subject} contains hidden control characters. Remove them and try again"
    else:
        widget.attrs["maxlength"] = str(field.max_length)
        control = f"{subject} must be on one line. Remove any line breaks or tabs"
    control = control.replace("%", "%%")
    field.error_messages["null_characters_not_allowed"] = control
    # Email addresses and web addresses refuse these already, with their own message.
    if not isinstance(field, forms.EmailField | forms.URLField):
        # Null characters are control characters too: one message, not two.
        field.validators = [
            validator
            for validator in field.validators
            if not isinstance(validator, ProhibitNullCharactersValidator)
        ]
        field.validators.append(RefuseControlCharacters(control, line_breaks_allowed=multiline))


def limit_text_fields(fields) -> None:
    """Each field's text limit, and messages of the project's own in place of
    Django's (involvement.forms.messages)."""
    for field in fields.values():
        limit_text_field(field)
        plain_messages(field)


class TextLimits:
    """Mixed into every form of the project, before forms.Form or ModelForm:
    each text field gets its limit (module docstring).

    The limits are applied when the form is validated or a field is shown, not
    in __init__, so fields a form adds in its own __init__ (one box per agenda
    item, say) are limited too."""

    def full_clean(self):
        limit_text_fields(self.fields)
        super().full_clean()

    def __getitem__(self, name):
        limit_text_fields(self.fields)
        return super().__getitem__(name)
