"""Writes for invitations: invite in one action, replies (online until the
meeting starts; recorded by the coordinator), attendance on the day."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from involvement.links import absolute_reverse
from involvement.models import Membership, RepresentativeSeat
from involvement.services.outbox import notification_queue

from ..models import Invitation, Meeting
from .meetings import _describe

Rsvp = Invitation.Rsvp
Route = Invitation.Route


def _invitees(meeting: Meeting):
    """Active members of the group; for a body's meeting, its current representatives."""
    if meeting.group_id:
        return [
            m.person
            for m in Membership.objects.filter(
                group_id=meeting.group_id, status=Membership.Status.ACTIVE
            ).select_related("person")
        ]
    today = timezone.localdate()
    seats = RepresentativeSeat.objects.filter(
        body_id=meeting.body_id, term_start__lte=today
    ).select_related("membership__person")
    return [s.membership.person for s in seats if s.term_end is None or s.term_end >= today]


@transaction.atomic
def invitation_invite_all(*, meeting: Meeting, invited_by=None) -> list[Invitation]:
    """Invite everyone who should come and has not been invited yet, and tell them."""
    if meeting.status == Meeting.Status.CANCELLED:
        raise ValidationError("This meeting was cancelled, so nobody can be invited.")
    if meeting.ends_at <= timezone.now():
        raise ValidationError("This meeting is over, so nobody can be invited.")
    already = set(meeting.invitations.values_list("person_id", flat=True))
    created = []
    when = _describe(meeting.starts_at)
    for person in _invitees(meeting):
        if person.pk in already:
            continue
        already.add(person.pk)
        invitation = Invitation(meeting=meeting, person=person)
        invitation.full_clean()
        invitation.save()
        created.append(invitation)
        name = person.preferred_name or person.full_name
        notification_queue(
            recipient=person,
            organisation=meeting.organisation,
            subject=f"You are invited: {meeting.title}, {when}",
            body_text=(
                f"Dear {name},\n\nYou are invited to {meeting.title} on {when}.\n\n"
                "Please let us know if you can come: reply on Involve under Your meetings "
                f"({absolute_reverse('my-meetings')}), or call or write to your coordinator."
            ),
            idempotency_key=f"meetings:invited:{meeting.pk}:{person.pk}",
            kind="meeting_invitation",
            about=f"meeting:{meeting.pk}",
        )
    return created


@transaction.atomic
def invitation_reply(*, invitation: Invitation, rsvp: str, via: str = Route.ONLINE) -> Invitation:
    """A reply: online by the person until the meeting starts; by phone, email
    or post recorded by the coordinator until the meeting ends."""
    meeting = invitation.meeting
    if rsvp not in (Rsvp.ATTENDING, Rsvp.APOLOGIES):
        raise ValidationError({"rsvp": "Choose whether you are coming."})
    if meeting.status == Meeting.Status.CANCELLED:
        raise ValidationError("This meeting was cancelled, so there is nothing to reply to.")
    now = timezone.now()
    if via == Route.ONLINE and now >= meeting.starts_at:
        raise ValidationError(
            "The meeting has already started, so replies online are closed. "
            "If you need to tell us something, contact your coordinator."
        )
    if via != Route.ONLINE and now >= meeting.ends_at:
        raise ValidationError(
            "The meeting is over: record who came on the attendance page instead."
        )
    invitation.rsvp = rsvp
    invitation.replied_via = via
    invitation.replied_at = now
    invitation.full_clean()
    invitation.save()
    return invitation


def can_take_attendance(meeting: Meeting) -> bool:
    """From the day of the meeting on (local date)."""
    return timezone.localdate() >= timezone.localtime(meeting.starts_at).date()


@transaction.atomic
def invitation_record_attendance(
    *, invitation: Invitation, attended: bool, recorded_by=None
) -> Invitation:
    meeting = invitation.meeting
    if meeting.status == Meeting.Status.CANCELLED:
        raise ValidationError("This meeting was cancelled, so there is no attendance to take.")
    if not can_take_attendance(meeting):
        raise ValidationError("Attendance can be taken from the day of the meeting.")
    invitation.attended = attended
    invitation.attendance_recorded_at = timezone.now()
    invitation.recorded_by = recorded_by
    invitation.full_clean()
    invitation.save()
    return invitation
