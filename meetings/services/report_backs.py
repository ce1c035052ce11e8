"""Report back: a published debrief becomes an item on the agenda of the
representative's group's next meeting, once.

Placed when the debrief is published (if the group's next meeting is
scheduled already), and otherwise when the standing items are added to a
later meeting's agenda. `reported_back_at` is set the first time, so a
debrief is never placed twice, even if its agenda item is later removed."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from ..models import AgendaItem, Debrief, Meeting
from ..seats import meeting_day, seat_of

REPORT_BACK_MINUTES = 10


def report_back_text(debrief: Debrief) -> str:
    """What the group hears: discussed, points and answers, decisions. Never
    the support notes (they are for coordinators only)."""
    parts = []
    if debrief.discussed:
        parts.append(f"What was discussed: {debrief.discussed}")
    for point in debrief.points.all():
        answer = point.answer or "No answer yet."
        parts.append(f"We raised: {point.point} The board's answer: {answer}")
    if debrief.decisions:
        parts.append(f"Decisions: {debrief.decisions}")
    return "\n\n".join(parts)


def group_of(debrief: Debrief):
    seat = seat_of(debrief.meeting, debrief.representative) if debrief.representative_id else None
    return seat.membership.group if seat else None


def _next_group_meeting(group, after) -> Meeting | None:
    return (
        Meeting.objects.filter(
            group=group,
            kind=Meeting.Kind.GROUP,
            status=Meeting.Status.SCHEDULED,
            starts_at__gt=max(after, timezone.now()),
        )
        .order_by("starts_at")
        .first()
    )


@transaction.atomic
def report_back_place(*, debrief: Debrief, meeting: Meeting | None = None) -> AgendaItem | None:
    """Put a published debrief on the agenda of its group's next meeting (or
    `meeting`), unless it has been placed before. None if there is nowhere yet."""
    debrief = (
        Debrief.objects.select_for_update(of=("self",))
        .select_related("meeting__body")
        .get(pk=debrief.pk)
    )
    if not debrief.is_published or debrief.reported_back_at is not None:
        return None
    group = group_of(debrief)
    if group is None:
        return None
    if meeting is None:
        meeting = _next_group_meeting(group, debrief.meeting.starts_at)
    if meeting is None or meeting.group_id != group.pk:
        return None
    person = debrief.representative
    top = meeting.agenda_items.aggregate(top=Max("position"))["top"] or 0
    item = AgendaItem(
        meeting=meeting,
        position=top + 1,
        kind=AgendaItem.Kind.REPRESENTATIVES,
        title=(
            f"Report back: {debrief.meeting.body.name}, {meeting_day(debrief.meeting):%-d %B %Y}"
        )[:200],
        description=report_back_text(debrief),
        minutes_allowed=REPORT_BACK_MINUTES,
        presenter=person.display_name[:150],
    )
    item.full_clean()
    item.save()
    debrief.reported_back_at = timezone.now()
    debrief.report_back_item = item
    debrief.save(update_fields=["reported_back_at", "report_back_item"])
    return item


def report_backs_for_meeting(*, meeting: Meeting) -> list[AgendaItem]:
    """Place the group's published debriefs not yet reported back (board
    meetings before this one) on this meeting's agenda."""
    if meeting.group_id is None or meeting.kind != Meeting.Kind.GROUP:
        return []
    waiting = Debrief.objects.filter(
        published_at__isnull=False,
        reported_back_at__isnull=True,
        meeting__organisation_id=meeting.organisation_id,
        meeting__starts_at__lt=meeting.starts_at,
    ).select_related("meeting")
    placed = []
    for debrief in waiting:
        item = report_back_place(debrief=debrief, meeting=meeting)
        if item is not None:
            placed.append(item)
    return placed
