"""Pages for decision-making bodies and the representative seats on them."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms.models import model_to_dict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from .. import permissions
from ..errors import ApplicationError
from ..forms.bodies import BodyForm, SeatAppointForm, SeatEndForm
from ..forms.errors import apply_errors as add_errors
from ..models import MINIMUM_REPRESENTATIVES
from ..selectors import bodies as selectors
from ..services import bodies as services


def _crumbs(*extra):
    return [("Home", reverse("home")), ("Decision-making bodies", reverse("body-list")), *extra]


@login_required
@require_GET
def body_list(request):
    bodies = list(selectors.body_list_visible_to(user=request.user))
    show_organisation = len({body.organisation_id for body in bodies}) > 1
    context = {
        "bodies": bodies,
        "flagged": [body for body in bodies if body.below_minimum],
        "show_organisation": show_organisation,
        "can_create": permissions.organisations_managing_bodies(request.user).exists(),
        "minimum": MINIMUM_REPRESENTATIVES,
        "flag_text": selectors.FLAG_TEXT,
        "breadcrumbs": [("Home", reverse("home"))],
    }
    return render(request, "involvement/bodies/list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def body_create(request):
    organisations = permissions.organisations_managing_bodies(request.user)
    if not organisations.exists():
        raise PermissionDenied
    form = BodyForm(request.POST or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            body = services.body_create(
                organisation=data["organisation"],
                name=data["name"],
                level=data["level"],
                remit=data["remit"],
                meeting_pattern=data["meeting_pattern"],
                contact_name=data["contact_name"],
                contact_email=data["contact_email"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, f"{body} has been added.")
            return redirect("body-detail", pk=body.pk)
    context = {"form": form, "breadcrumbs": _crumbs()}
    return render(request, "involvement/bodies/form.html", context)


@login_required
@require_GET
def body_detail(request, pk):
    body = permissions.access_body(user=request.user, pk=pk)
    body = selectors.body_get_with_counts(body=body)
    can_see_names = permissions.can_see_representatives(request.user, body.organisation_id)
    current, upcoming, past = selectors.seats_of_body(body=body)
    context = {
        "body": body,
        "current_seats": current,
        "upcoming_seats": upcoming,
        "past_seats": past,
        "can_see_names": can_see_names,
        "can_manage": permissions.can_manage_bodies(request.user, body.organisation_id),
        "minimum": MINIMUM_REPRESENTATIVES,
        "flag_text": selectors.FLAG_TEXT,
        "breadcrumbs": _crumbs(),
    }
    return render(request, "involvement/bodies/detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def body_edit(request, pk):
    body = permissions.access_body(user=request.user, pk=pk, action="manage")
    # The form gets the body's values, not the body itself: a ModelForm would
    # write the input onto the instance, and the service decides what changed.
    form = BodyForm(request.POST or None, initial=model_to_dict(body, fields=services.BODY_FIELDS))
    if request.method == "POST" and form.is_valid():
        try:
            services.body_update(
                body=body,
                **{field: form.cleaned_data[field] for field in services.BODY_FIELDS},
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, f"{body} has been updated.")
            return redirect("body-detail", pk=body.pk)
    context = {
        "form": form,
        "body": body,
        "breadcrumbs": _crumbs((body.name, reverse("body-detail", args=[body.pk]))),
    }
    return render(request, "involvement/bodies/form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def seat_appoint(request, pk):
    body = permissions.access_body(user=request.user, pk=pk, action="manage")
    members = selectors.members_who_can_be_appointed(body=body)
    form = SeatAppointForm(request.POST or None, members=members)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            seat = services.seat_appoint(
                body=body,
                membership=data["membership"],
                term_start=data["term_start"],
                term_end=data["term_end"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, f"{seat.membership.person} has been appointed to {body}.")
            return redirect("body-detail", pk=body.pk)
    context = {
        "form": form,
        "body": body,
        "has_members": members.exists(),
        "breadcrumbs": _crumbs((body.name, reverse("body-detail", args=[body.pk]))),
    }
    return render(request, "involvement/bodies/seat_appoint.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def seat_end(request, pk, seat_pk):
    body = permissions.access_body(user=request.user, pk=pk, action="manage")
    seat = selectors.seat_get(body=body, pk=seat_pk)
    form = SeatEndForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.seat_end(
                seat=seat,
                end_date=form.cleaned_data["end_date"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            add_errors(form, error)
        except ApplicationError as error:
            messages.error(request, error.message)
            return redirect("body-detail", pk=body.pk)
        else:
            seat.refresh_from_db(fields=["term_end"])
            messages.success(
                request,
                f"{seat.membership.person}'s seat on {body} ends on "
                f"{seat.term_end.day} {seat.term_end:%B %Y}.",
            )
            return redirect("body-detail", pk=body.pk)
    context = {
        "form": form,
        "body": body,
        "seat": seat,
        "breadcrumbs": _crumbs((body.name, reverse("body-detail", args=[body.pk]))),
    }
    return render(request, "involvement/bodies/seat_end.html", context)
