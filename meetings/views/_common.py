"""Helpers the meeting pages share."""

from __future__ import annotations

from django.urls import reverse
from django.views.decorators.http import require_http_methods

GET_POST = require_http_methods(["GET", "POST"])


def meetings_crumb(manages: bool):
    if manages:
        return ("Meetings", reverse("meeting-list"))
    return ("My meetings", reverse("my-meetings"))


def crumbs(meeting, *, manages: bool, detail: bool = True):
    trail = [meetings_crumb(manages)]
    if detail:
        trail.append((meeting.title, reverse("meeting-detail", kwargs={"pk": meeting.pk})))
    return trail
