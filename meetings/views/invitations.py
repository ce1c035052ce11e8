"""Invitations, replies and attendance."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from involvement import permissions as core
from involvement.views.flow import Info, act, submit
from meetings import permissions

from ..forms.invitations import RecordReplyForm, ReplyForm
from ..models import Invitation
from ..selectors import attendance as attendance_selectors
from ..services import invitations as services
from ._common import GET_POST, crumbs


def _meeting_url(meeting):
    return reverse("meeting-detail", kwargs={"pk": meeting.pk})


@login_required
@require_POST
def meeting_invite(request, pk):
    meeting = permissions.access_meeting(user=request.user, pk=pk, action="manage")
    return act(
        request,
        lambda: services.invitation_invite_all(meeting=meeting, invited_by=request.user),
        message=lambda created: (
            f"{len(created)} people have been invited and told."
            if created
            else Info("Everyone who should come is already invited.")
        ),
        next=_meeting_url(meeting),
    )


@login_required
@GET_POST
def invitation_reply(request, pk):
    invitation = permissions.access_invitation(user=request.user, pk=pk, action="reply")
    if invitation.person.user_id != request.user.pk:
        # Staff record replies on the record page, saying how the person replied.
        return redirect("invitation-record", pk=invitation.pk)
    meeting = invitation.meeting
    initial = {"rsvp": invitation.rsvp} if invitation.rsvp != Invitation.Rsvp.NO_REPLY else {}
    form = ReplyForm(request.POST or None, initial=initial)
    if done := submit(
        request,
        form,
        lambda data: services.invitation_reply(invitation=invitation, rsvp=data["rsvp"]),
        message="Thank you: your reply has been saved.",
        next=_meeting_url(meeting),
    ):
        return done
    context = {
        "form": form,
        "invitation": invitation,
        "meeting": meeting,
        "breadcrumbs": crumbs(meeting, manages=False),
    }
    return render(request, "meetings/invitations/reply.html", context)


@login_required
@GET_POST
def invitation_record(request, pk):
    invitation = permissions.access_invitation(user=request.user, pk=pk, action="record")
    meeting = invitation.meeting
    form = RecordReplyForm(request.POST or None)
    if done := submit(
        request,
        form,
        lambda data: services.invitation_reply(
            invitation=invitation, rsvp=data["rsvp"], via=data["via"]
        ),
        message=f"{invitation.person.full_name}'s reply has been recorded.",
        next=_meeting_url(meeting),
    ):
        return done
    context = {
        "form": form,
        "invitation": invitation,
        "meeting": meeting,
        "breadcrumbs": crumbs(meeting, manages=True),
    }
    return render(request, "meetings/invitations/record.html", context)


@login_required
@GET_POST
def meeting_attendance(request, pk):
    """Phone-sized: one big button per person; each tap is a plain form post."""
    meeting = permissions.access_meeting(user=request.user, pk=pk, action="manage")
    if request.method == "POST":
        invitation = core.get_or_404(
            meeting.invitations.select_related("person"), pk=request.POST.get("invitation") or 0
        )
        invitation.meeting = meeting
        attended = request.POST.get("attended") == "yes"
        return act(
            request,
            lambda: services.invitation_record_attendance(
                invitation=invitation, attended=attended, recorded_by=request.user
            ),
            message=f"{invitation.person.full_name}: {'here' if attended else 'not here'}.",
            next=reverse("meeting-attendance", kwargs={"pk": meeting.pk})
            + f"#invitation-{invitation.pk}",
        )
    sheet = attendance_selectors.attendance_sheet(meeting=meeting)
    context = {
        "meeting": meeting,
        "sheet": sheet,
        "open": services.can_take_attendance(meeting),
        "present": sum(1 for i in sheet if i.attended),
        "breadcrumbs": crumbs(meeting, manages=True),
    }
    return render(request, "meetings/invitations/attendance.html", context)


@login_required
@require_safe
def person_attendance(request, pk):
    person = permissions.access_attendance_history(user=request.user, pk=pk)
    org_ids = None
    if not (core.is_self(request.user, person) or core.is_platform_admin(request.user)):
        org_ids = core.organisation_ids(request.user, *permissions.MEETING_ROLES)
    history = attendance_selectors.attendance_history(person=person, organisation_ids=org_ids)
    context = {
        "person": person,
        "history": history,
        "summary": attendance_selectors.attendance_summary(history),
        "own": core.is_self(request.user, person),
    }
    return render(request, "meetings/invitations/history.html", context)


__all__ = ["PermissionDenied"]
