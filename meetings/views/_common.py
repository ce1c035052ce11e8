"""Helpers the meeting pages share."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from involvement.errors import ApplicationError
from involvement.forms.groups import apply_errors

GET_POST = require_http_methods(["GET", "POST"])

__all__ = ["GET_POST", "ApplicationError", "ValidationError", "apply_errors", "crumbs"]


def meetings_crumb(manages: bool):
    if manages:
        return ("Meetings", reverse("meeting-list"))
    return ("My meetings", reverse("my-meetings"))


def crumbs(meeting, *, manages: bool, detail: bool = True):
    trail = [meetings_crumb(manages)]
    if detail:
        trail.append((meeting.title, reverse("meeting-detail", kwargs={"pk": meeting.pk})))
    return trail


def error_text(exc) -> str:
    if isinstance(exc, ApplicationError):
        return exc.message
    return " ".join(exc.messages)
