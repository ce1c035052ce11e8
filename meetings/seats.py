"""Who sat on a board on a board meeting's day (read by the debrief's access
rules, services and pages alike)."""

from __future__ import annotations

import datetime

from django.utils import timezone

from involvement.models import Person, RepresentativeSeat


def meeting_day(meeting) -> datetime.date:
    return timezone.localtime(meeting.starts_at).date()


def seats_for_debrief(meeting):
    """The seats on the meeting's body whose term covered the meeting's day."""
    day = meeting_day(meeting)
    return (
        RepresentativeSeat.objects.filter(body_id=meeting.body_id, term_start__lte=day)
        .exclude(term_end__lt=day)
        .select_related("membership__person", "membership__group")
        .order_by("membership__person__full_name")
    )


def seat_of(meeting, person: Person) -> RepresentativeSeat | None:
    return seats_for_debrief(meeting).filter(membership__person=person).first()
