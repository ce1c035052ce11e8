"""Reads for a decision-making body's board meetings (the section meetings
adds to the body's page, see involvement/body_panels.py)."""

from __future__ import annotations

from django.db.models import Count, Q
from django.utils import timezone

from meetings import permissions

from ..models import Meeting, Paper


def board_meetings_of(*, user, body) -> tuple[list[Meeting], list[Meeting]]:
    """(upcoming, past) meetings of the body this person may see, each with
    `paper_count`: the board's papers uploaded to it. Two queries at most,
    however many meetings."""
    now = timezone.now()
    meetings = list(
        permissions.meetings_visible_to(user)
        .filter(body=body)
        .select_related("venue", "debrief")
        .annotate(
            paper_count=Count("papers", filter=Q(papers__kind=Paper.Kind.UPLOADED), distinct=True)
        )
        .order_by("starts_at")
    )
    upcoming = [m for m in meetings if m.ends_at >= now]
    past = [m for m in meetings if m.ends_at < now][::-1]
    return upcoming, past


def body_panel(*, user, body) -> dict | None:
    """The "Board meetings" section of a body's page: shown to those who run
    the organisation's meetings, and to anyone who may see one of them."""
    can_schedule = permissions.can_manage_meetings(user, body.organisation_id)
    upcoming, past = board_meetings_of(user=user, body=body)
    if not (can_schedule or upcoming or past):
        return None
    for meeting in past:
        meeting.debrief_state = _debrief_state(meeting)
    return {"body": body, "upcoming": upcoming, "past": past[:12], "can_schedule": can_schedule}


def _debrief_state(meeting: Meeting) -> str:
    if meeting.status == Meeting.Status.CANCELLED:
        return ""
    debrief = getattr(meeting, "debrief", None)
    if debrief is None:
        return "Not written"
    return "Published" if debrief.is_published else "Written, not yet published"
