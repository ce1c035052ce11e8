"""The debrief after a board meeting: written by the representative (or the
coordinator with them), published by the coordinator."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_POST

from involvement.errors import ApplicationError
from involvement.views.flow import act, submit
from meetings import permissions

from ..forms.debriefs import DebriefForm
from ..models import Debrief
from ..seats import seats_for_debrief
from ..services import debriefs as services
from ._common import GET_POST, crumbs


def _debrief_url(meeting) -> str:
    return reverse("meeting-debrief", kwargs={"pk": meeting.pk})


@login_required
@GET_POST
def meeting_debrief(request, pk):
    user = request.user
    meeting = permissions.access_debrief_meeting(user=user, pk=pk, action="write")
    debrief = Debrief.objects.filter(meeting=meeting).first()
    staff = permissions.can_see_support_notes(user, meeting)
    try:
        services.check_debrief_open(meeting)
        closed = ""
    except ApplicationError as exc:
        closed = exc.message
    form = DebriefForm(
        None if closed else (request.POST or None),
        seats=list(seats_for_debrief(meeting)),
        debrief=debrief,
        points=list(debrief.points.all()) if debrief else [],
        follow_ups=list(debrief.follow_ups.all()) if debrief else [],
        notes=staff,
        initial={"representative": _self_person_id(user)} if debrief is None else None,
    )
    if not closed and (
        done := submit(
            request,
            form,
            lambda data: services.debrief_save(
                meeting=meeting, saved_by=user, **form.service_kwargs()
            ),
            message="The debrief has been saved.",
            next=_debrief_url(meeting),
        )
    ):
        return done
    context = {
        "meeting": meeting,
        "debrief": debrief,
        "form": form,
        "closed": closed,
        "can_publish": staff,
        "breadcrumbs": crumbs(meeting, manages=staff),
    }
    return render(request, "meetings/debriefs/edit.html", context)


def _self_person_id(user):
    person = permissions.person_of(user)
    return person.pk if person else None


@login_required
@require_POST
def meeting_debrief_publish(request, pk):
    meeting = permissions.access_debrief_meeting(user=request.user, pk=pk, action="publish")
    debrief = Debrief.objects.filter(meeting=meeting).first()

    def publish():
        if debrief is None:
            raise ApplicationError("Write the debrief before publishing it.")
        return services.debrief_publish(debrief=debrief, published_by=request.user)

    return act(
        request,
        publish,
        message=(
            "The debrief has been published. Each point raised is now a \u201cyou said\u201d "
            "item, with the board's answer as a draft response to check."
        ),
        next=_debrief_url(meeting),
    )
