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
    from involvement.permissions import user_can

    can_schedule = permissions.can_manage_meetings(user, body.organisation_id)
    # Reading the board's own calendar: for those who manage the body.
    can_import = user_can(user, "manage", body)
    upcoming, past = board_meetings_of(user=user, body=body)
    if not (can_schedule or can_import or upcoming or past):
        return None
    for meeting in past:
        meeting.debrief_state = _debrief_state(meeting)
    return {
        "body": body,
        "upcoming": upcoming,
        "past": past[:12],
        "can_schedule": can_schedule,
        "can_import": can_import,
    }


def _debrief_state(meeting: Meeting) -> str:
    if meeting.status == Meeting.Status.CANCELLED:
        return ""
    debrief = getattr(meeting, "debrief", None)
    if debrief is None:
        return "Not written"
    return "Published" if debrief.is_published else "Written, not yet published"


def representative_attendance(*, body) -> list[dict]:
    """Each representative's board meetings attended out of those held in
    their term (past, not cancelled). Three queries however many seats and
    meetings."""
    from involvement.models import RepresentativeSeat

    from ..models import Invitation
    from ..seats import meeting_day

    now = timezone.now()
    seats = list(
        RepresentativeSeat.objects.filter(body=body)
        .select_related("membership__person", "membership__group")
        .order_by("membership__person__full_name", "term_start")
    )
    held = list(
        Meeting.objects.filter(
            body=body,
            kind=Meeting.Kind.BOARD,
            status=Meeting.Status.SCHEDULED,
            starts_at__lt=now,
        ).only("id", "starts_at")
    )
    came = set(
        Invitation.objects.filter(meeting__in=[m.pk for m in held], attended=True).values_list(
            "meeting_id", "person_id"
        )
    )
    rows = []
    for seat in seats:
        person = seat.membership.person
        in_term = [
            m
            for m in held
            if seat.term_start <= meeting_day(m)
            and (seat.term_end is None or meeting_day(m) <= seat.term_end)
        ]
        attended = sum(1 for m in in_term if (m.pk, person.pk) in came)
        rows.append({"seat": seat, "person": person, "held": len(in_term), "attended": attended})
    return rows


def attendance_panel(*, user, body) -> dict | None:
    """Representatives' attendance at board meetings, for those who may see
    who the representatives are (not commissioners: person-level data)."""
    if not permissions.can_see_representatives(user, body.organisation_id):
        return None
    rows = representative_attendance(body=body)
    if not rows:
        return None
    return {"body": body, "rows": rows}
