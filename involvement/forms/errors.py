"""Showing a service's refusal on a form, the same way on every page."""

from django import forms
from django.core.exceptions import ValidationError

from ..errors import ApplicationError


def apply_errors(form: forms.Form, exc: ValidationError | ApplicationError) -> None:
    """Field errors beside their fields; anything else at the top of the error
    summary. What the person typed stays on the bound form."""
    if isinstance(exc, ApplicationError):
        form.add_error(None, exc.message)
        return
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc.messages)
        return
    for field, errors in exc.message_dict.items():
        form.add_error(field if field in form.fields else None, errors)
