"""'You said' items captured from a group's meeting."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from involvement.errors import ApplicationError
from meetings.models import AgendaItem, Meeting

from ..models import FeedbackItem, WorkItem


@transaction.atomic
def feedback_capture(
    *,
    meeting: Meeting,
    text: str,
    agenda_item: AgendaItem | None = None,
    work_item: WorkItem | None = None,
    recorded_by=None,
) -> FeedbackItem:
    """Keep something members said at a meeting as an open "you said" item."""
    if meeting.group_id is None:
        raise ApplicationError("'You said' items come from a group's meetings.")
    if agenda_item is not None and agenda_item.meeting_id != meeting.pk:
        raise ValidationError({"agenda_item": "Choose an item on this meeting's agenda"})
    if work_item is not None and work_item.plan.group_id != meeting.group_id:
        raise ValidationError({"work_item": "Choose one of this group's work items"})
    if work_item is None and agenda_item is not None:
        work_item = agenda_item.work_items.filter(plan__status="current").first()
    item = FeedbackItem(
        group_id=meeting.group_id,
        text=text.strip(),
        meeting=meeting,
        agenda_item=agenda_item,
        work_item=work_item,
        recorded_by=recorded_by,
    )
    item.full_clean()
    item.save()
    return item
