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
shows a refusal as an error message instead of beside a field. A button that
removes something uses ``confirm``: GET shows a confirmation page, its POST
does what ``act`` does.

Two refinements, for the pages that need them:

- ``refused_next`` on ``submit``: a refusal that means the page itself no
  longer applies (the application was sent meanwhile, the plan is no longer
  current) is an ``ApplicationError``; with ``refused_next`` it becomes an
  error message and the person goes there. A ``ValidationError`` is about
  what was typed, so it always stays on the form.
- ``Info(text)`` as the message: news rather than a success ("everyone is
  already invited"), shown without the success banner.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render

from ..errors import ApplicationError
from ..forms.errors import apply_errors

Next = str | Callable[[Any], str]
Message = str | Callable[[Any], str]

REFUSALS = (ValidationError, ApplicationError)


class Info(str):
    """A message that tells rather than confirms: flashed at info level."""


def _resolve(value, result):
    return value(result) if callable(value) else value


def _flash(request: HttpRequest, text: str) -> None:
    if text:
        (messages.info if isinstance(text, Info) else messages.success)(request, text)


def submit(
    request: HttpRequest,
    form: forms.Form,
    service: Callable[[dict], Any],
    *,
    next: Next,
    message: Message = "",
    refused_next: str | None = None,
) -> HttpResponseRedirect | None:
    """On a valid POST, run ``service(form.cleaned_data)``.

    Returns the redirect to ``next`` (a URL, or a function of the service's
    result giving one) after flashing ``message``; returns ``None`` when the
    page should be shown again: a GET, an invalid form, or a refusal from the
    service, which is put on the form by ``apply_errors``. With
    ``refused_next``, an ``ApplicationError`` goes there as an error message.
    """
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        result = service(form.cleaned_data)
    except REFUSALS as exc:
        if refused_next and isinstance(exc, ApplicationError):
            messages.error(request, exc.message)
            return redirect(refused_next)
        apply_errors(form, exc)
        return None
    _flash(request, _resolve(message, result))
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
        messages.error(request, refusal_text(exc))
        return redirect(refused_next or _resolve(next, None))
    _flash(request, _resolve(message, result))
    return redirect(_resolve(next, result))


def confirm(
    request: HttpRequest,
    service: Callable[[], Any],
    *,
    next: Next,
    message: Message = "",
    page: dict[str, Any],
) -> HttpResponse:
    """A destructive one-button action behind a confirmation page.

    GET shows "Are you sure ...?" (``page``: ``heading``, ``lines`` saying what
    will happen, ``button``, ``back_url``, ``back_text``, and optionally
    ``caption`` and ``breadcrumbs``); the POST from that page does it, as
    ``act`` does."""
    if request.method == "POST":
        return act(request, service, next=next, message=message)
    return render(request, "components/confirm.html", page)


def refusal_text(exc: ValidationError | ApplicationError) -> str:
    """A refusal in one message: its own words, several joined."""
    if isinstance(exc, ApplicationError):
        return exc.message
    return " ".join(exc.messages)
