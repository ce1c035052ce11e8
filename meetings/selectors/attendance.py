"""Attendance: who came to a meeting, and one person's record over time."""

from __future__ import annotations

from ..models import Invitation


def attendance_sheet(*, meeting) -> list[Invitation]:
    return list(meeting.invitations.select_related("person").order_by("person__full_name"))


def attendance_history(*, person, organisation_ids=None) -> list[Invitation]:
    """The person's invitations, latest first (limited to some organisations
    for staff who see only theirs)."""
    queryset = Invitation.objects.filter(person=person).select_related(
        "meeting__group", "meeting__body", "meeting__organisation"
    )
    if organisation_ids is not None:
        queryset = queryset.filter(meeting__organisation_id__in=organisation_ids)
    return list(queryset.order_by("-meeting__starts_at"))


def attendance_summary(invitations) -> dict:
    held = [i for i in invitations if i.attended is not None]
    came = sum(1 for i in held if i.attended)
    return {
        "taken": len(held),
        "came": came,
        "apologies": sum(1 for i in invitations if i.rsvp == Invitation.Rsvp.APOLOGIES),
    }
