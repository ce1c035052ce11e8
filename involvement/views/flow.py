"""One way to write a form view: who may, which form, which service, where next.

Every page that changes something does the same four things: check who may
(the view's access fetcher), bind the form, hand the cleaned data to a
service, and either go on with a success message or show the service's
refusal on the form, keeping what the person typed. ``submit`` is the middle
of that, written once::

    meeting = permissions.access_minutes_meeting(user=request.user, pk=pk, action="write")
    form = ActionForm(request.POST or None, ...)
    if done := submit(
        request,
        form,
        lambda data: services.action_create(meeting=meeting, **data),
        message="The action has been added.",
        next=lambda action: reverse("meeting-minutes", kwargs={"pk": meeting.pk}),
    ):
        return done
    return render(request, "meetings/actions/form.html", {"form": form, ...})

Pages with no form (a single button) use ``act``: it calls the service and
shows a refusal as an error message instead of beside a field.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponseRedirect
from django.shortcuts import redirect

from ..errors import ApplicationError
from ..forms.errors import apply_errors

Next = str | Callable[[Any], str]
Message = str | Callable[[Any], str]

REFUSALS = (ValidationError, ApplicationError)


def _resolve(value, result):
    return value(result) if callable(value) else value


def submit(
    request: HttpRequest,
    form: forms.Form,
    service: Callable[[dict], Any],
    *,
    next: Next,
    message: Message = "",
) -> HttpResponseRedirect | None:
    """On a valid POST, run ``service(form.cleaned_data)``.

    Returns the redirect to ``next`` (a URL, or a function of the service's
    result giving one) after flashing ``message``; returns ``None`` when the
    page should be shown again: a GET, an invalid form, or a refusal from the
    service, which is put on the form by ``apply_errors``.
    """
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        result = service(form.cleaned_data)
    except REFUSALS as exc:
        apply_errors(form, exc)
        return None
    if text := _resolve(message, result):
        messages.success(request, text)
    return redirect(_resolve(next, result))


def act(
    request: HttpRequest,
    service: Callable[[], Any],
    *,
    next: Next,
    message: Message = "",
    refused_next: str | None = None,
) -> HttpResponseRedirect:
    """Run a one-button action and go on.

    A refusal from the service becomes an error message (its own words) and
    the person goes to ``refused_next`` (by default the same ``next``)."""
    try:
        result = service()
    except REFUSALS as exc:
        for text in _messages(exc):
            messages.error(request, text)
        return redirect(refused_next or _resolve(next, None))
    if text := _resolve(message, result):
        messages.success(request, text)
    return redirect(_resolve(next, result))


def _messages(exc: ValidationError | ApplicationError) -> list[str]:
    if isinstance(exc, ApplicationError):
        return [exc.message]
    return list(exc.messages)
