"""Pages for decision-making bodies and the representative seats on them."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.forms.models import model_to_dict
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_safe

from .. import body_panels, permissions
from ..forms.bodies import BodyForm, SeatAppointForm, SeatEndForm
from ..models import MINIMUM_REPRESENTATIVES
from ..selectors import bodies as selectors
from ..services import bodies as services
from .flow import submit


def _body_fields(data):
    return {field: data[field] for field in services.BODY_FIELDS}


def _crumbs(*extra):
    return [("Home", reverse("home")), ("Decision-making bodies", reverse("body-list")), *extra]


@login_required
@require_safe
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
@require_http_methods(["GET", "HEAD", "POST"])
def body_create(request):
    organisations = permissions.organisations_managing_bodies(request.user)
    if not organisations.exists():
        raise PermissionDenied
    form = BodyForm(request.POST or None, organisations=organisations)
    if done := submit(
        request,
        form,
        lambda data: services.body_create(organisation=data["organisation"], **_body_fields(data)),
        message=lambda body: f"{body} has been added.",
        next=lambda body: reverse("body-detail", args=[body.pk]),
    ):
        return done
    context = {"form": form, "breadcrumbs": _crumbs()}
    return render(request, "involvement/bodies/form.html", context)


@login_required
@require_safe
def body_detail(request, pk):
    body = permissions.access_body(user=request.user, pk=pk)
    body = selectors.body_get_with_counts(body=body)
    can_see_names = permissions.can_see_representatives(request.user, body.organisation_id)
    current, upcoming, past = selectors.seats_of_body(body=body)
    ending_soon = selectors.seats_ending_soon(current)
    context = {
        "body": body,
        "current_seats": current,
        "ending_soon": ending_soon,
        "upcoming_seats": upcoming,
        "past_seats": past,
        "can_see_names": can_see_names,
        "can_manage": permissions.can_manage_bodies(request.user, body.organisation_id),
        "minimum": MINIMUM_REPRESENTATIVES,
        "flag_text": selectors.FLAG_TEXT,
        "breadcrumbs": _crumbs(),
        "panels": body_panels.panels_for(user=request.user, body=body),
    }
    return render(request, "involvement/bodies/detail.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def body_edit(request, pk):
    body = permissions.access_body(user=request.user, pk=pk, action="manage")
    # The form gets the body's values, not the body itself: a ModelForm would
    # write the input onto the instance, and the service decides what changed.
    form = BodyForm(request.POST or None, initial=model_to_dict(body, fields=services.BODY_FIELDS))
    if done := submit(
        request,
        form,
        lambda data: services.body_update(body=body, **_body_fields(data)),
        message=lambda _: f"{body} has been updated.",
        next=reverse("body-detail", args=[body.pk]),
    ):
        return done
    context = {
        "form": form,
        "body": body,
        "breadcrumbs": _crumbs((body.name, reverse("body-detail", args=[body.pk]))),
    }
    return render(request, "involvement/bodies/form.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def seat_appoint(request, pk):
    body = permissions.access_body(user=request.user, pk=pk, action="manage")
    members = selectors.members_who_can_be_appointed(body=body)
    form = SeatAppointForm(request.POST or None, members=members)
    if done := submit(
        request,
        form,
        lambda data: services.seat_appoint(body=body, **data),
        message=lambda seat: f"{seat.membership.person} has been appointed to {body}.",
        next=reverse("body-detail", args=[body.pk]),
    ):
        return done
    context = {
        "form": form,
        "body": body,
        "has_members": members.exists(),
        "breadcrumbs": _crumbs((body.name, reverse("body-detail", args=[body.pk]))),
    }
    return render(request, "involvement/bodies/seat_appoint.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def seat_end(request, pk, seat_pk):
    body = permissions.access_body(user=request.user, pk=pk, action="manage")
    seat = selectors.seat_get(body=body, pk=seat_pk)
    form = SeatEndForm(request.POST or None)
    body_url = reverse("body-detail", args=[body.pk])
    if done := submit(
        request,
        form,
        lambda data: services.seat_end(seat=seat, **data),
        message=lambda ended: (
            f"{seat.membership.person}'s seat on {body} ends on "
            f"{ended.term_end.day} {ended.term_end:%B %Y}."
        ),
        next=body_url,
        refused_next=body_url,
    ):
        return done
    context = {
        "form": form,
        "body": body,
        "seat": seat,
        "breadcrumbs": _crumbs((body.name, reverse("body-detail", args=[body.pk]))),
    }
    return render(request, "involvement/bodies/seat_end.html", context)
