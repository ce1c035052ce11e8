"""Calendar feeds: a person's secret-address feed (no login, so calendar apps
can subscribe) and a group's feed for its members and staff."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from involvement import permissions as core
from involvement.views.flow import act
from meetings import permissions

from ..models import CalendarToken
from ..services import calendar as services
from ._common import GET_POST


def _ics(content: bytes, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{name}.ics"'
    response["Cache-Control"] = "private, max-age=900"
    return response


@login_required
@GET_POST
def my_calendar(request):
    person = core.person_of(request.user)
    feed_url = subscribe_url = None
    if person is not None:
        token = services.calendar_token_for(person=person)
        feed_url = request.build_absolute_uri(
            reverse("calendar-feed", kwargs={"token": token.token})
        )
        # webcal:// opens the phone's or computer's calendar app, ready to subscribe.
        subscribe_url = "webcal://" + feed_url.split("://", 1)[1]
    return render(
        request,
        "meetings/calendar/mine.html",
        {
            "feed_url": feed_url,
            "subscribe_url": subscribe_url,
            "breadcrumbs": [("Your meetings", reverse("my-meetings"))],
        },
    )


@login_required
@require_POST
def calendar_regenerate(request):
    person = core.person_of(request.user)
    if person is None:
        raise Http404("No calendar for this login")
    return act(
        request,
        lambda: services.calendar_token_regenerate(person=person),
        message=(
            "Your calendar has a new address. The old one no longer works: add the new one to "
            "your calendar app."
        ),
        next=reverse("my-calendar"),
    )


@require_safe
def calendar_feed(request, token):
    found = CalendarToken.objects.filter(token=token).select_related("person").first()
    if found is None:
        raise Http404("No calendar at this address")
    meetings = services.feed_meetings_for_person(found.person)
    site = request.build_absolute_uri("/")[:-1]
    return _ics(services.build_calendar(meetings, name="Your meetings", site_url=site), "meetings")


@login_required
@require_safe
def group_calendar_feed(request, pk):
    group = core.access_group(user=request.user, pk=pk)
    is_member = (
        core.person_of(request.user) is not None
        and group.memberships.filter(person=core.person_of(request.user)).exists()
    )
    if not (is_member or permissions.can_manage_meetings(request.user, group.organisation_id)):
        raise PermissionDenied
    meetings = services.feed_meetings_for_group(group)
    site = request.build_absolute_uri("/")[:-1]
    return _ics(
        services.build_calendar(meetings, name=group.name, site_url=site), f"group-{group.pk}"
    )
