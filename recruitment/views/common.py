"""Small helpers the recruitment pages share."""

from __future__ import annotations

from django.urls import reverse

from involvement.views.pages import pdf_response  # noqa: F401 - shared


def crumbs(*extra):
    return [("Home", reverse("home")), ("Recruitment", reverse("recruitment-home")), *extra]


def form_data(request):
    """The POST data on a POST (even an empty one: every field may be optional), else None."""
    return request.POST if request.method == "POST" else None
