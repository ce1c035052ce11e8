from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from involvement.views.flow import submit
from meetings import permissions

from ..forms.venues import VenueForm
from ..selectors import meetings as selectors
from ..services import venues as services
from ._common import GET_POST


def _crumbs():
    return [("Meetings", reverse("meeting-list")), ("Venues", reverse("venue-list"))]


@login_required
@require_safe
def venue_list(request):
    if not permissions.can_run_meetings(request.user):
        raise PermissionDenied
    venues = [
        v
        for v in selectors.venues_for(user=request.user)
        if permissions.can_manage_meetings(request.user, v.organisation_id)
    ]
    return render(
        request,
        "meetings/venues/list.html",
        {"venues": venues, "breadcrumbs": _crumbs()[:1]},
    )


@login_required
@GET_POST
def venue_create(request):
    organisations = permissions.organisations_managing_meetings(request.user)
    first = organisations.first()
    if first is None:
        raise PermissionDenied
    form = VenueForm(request.POST or None, organisations=organisations)

    def create(data):
        fields = dict(data)
        organisation = fields.pop("organisation", None) or first
        return services.venue_create(organisation=organisation, **fields)

    if done := submit(
        request,
        form,
        create,
        message=lambda venue: f"{venue.name} has been added.",
        next=reverse("venue-list"),
    ):
        return done
    return render(
        request,
        "meetings/venues/form.html",
        {"form": form, "creating": True, "breadcrumbs": _crumbs()},
    )


@login_required
@GET_POST
def venue_edit(request, pk):
    venue = permissions.access_venue(user=request.user, pk=pk, action="manage")
    form = VenueForm(request.POST or None, instance=venue)
    if done := submit(
        request,
        form,
        lambda data: services.venue_update(venue=venue, **data),
        message=lambda _: f"{venue.name} has been saved.",
        next=reverse("venue-list"),
    ):
        return done
    return render(
        request,
        "meetings/venues/form.html",
        {"form": form, "venue": venue, "breadcrumbs": _crumbs()},
    )
