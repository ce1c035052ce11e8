from __future__ import annotations

from django.core.exceptions import ValidationError
from django.urls import reverse


def add_errors(form, error: ValidationError) -> None:
    """Put a service's ValidationError on the form, by field where it can."""
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def crumbs(group=None, *extra):
    trail = [("Home", reverse("home")), ("Work plans", reverse("workplan-index"))]
    if group is not None:
        trail.append((group.name, reverse("workplan-group", args=[group.pk])))
    return [*trail, *extra]
