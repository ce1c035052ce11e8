"""Small helpers the recruitment pages share."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.urls import reverse


def add_errors(form, error: ValidationError) -> None:
    """Put a service's ValidationError on the form, by field where it can."""
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def crumbs(*extra):
    return [("Home", reverse("home")), ("Recruitment", reverse("recruitment-home")), *extra]


def pdf_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def form_data(request):
    """The POST data on a POST (even an empty one: every field may be optional), else None."""
    return request.POST if request.method == "POST" else None
