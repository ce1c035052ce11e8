"""Showing a service's refusal on a form, the same way on every page."""

from django import forms
from django.core.exceptions import ValidationError

from ..errors import ApplicationError


def apply_errors(form: forms.Form, exc: ValidationError | ApplicationError) -> None:
    """Field errors beside their fields; anything else at the top of the error
    summary. What the person typed stays on the bound form.

    A form whose boxes are not named as the service's fields says which box
    each of those fields is typed in, as ``service_fields`` (service field ->
    form field)."""
    if isinstance(exc, ApplicationError):
        form.add_error(None, exc.message)
        return
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc.messages)
        return
    boxes = getattr(form, "service_fields", {})
    for field, errors in exc.message_dict.items():
        field = boxes.get(field, field)
        form.add_error(field if field in form.fields else None, errors)
