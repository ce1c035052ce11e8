"""Build a meeting's agenda from the work plan. meetings knows nothing of work
plans: this service, above it, creates the agenda items and links the work
items to them (ARCHITECTURE.md)."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from involvement.errors import ApplicationError
from meetings.models import AgendaItem, Meeting

from ..models import WorkItem

# The standing items every group meeting has, in the order they come.
STANDING_ITEMS = [
    (AgendaItem.Kind.ACTIONS, "Actions from last time", 10),
    (AgendaItem.Kind.YOU_SAID_WE_DID, "You said, we did: updates", 15),
    (AgendaItem.Kind.REPRESENTATIVES, "Reports back from board representatives", 15),
]


def _refuse_other_group(meeting: Meeting, group_id: int) -> None:
    if meeting.group_id != group_id:
        raise ApplicationError(
            f"{meeting} is not a meeting of this group, so its agenda cannot take this "
            "group's work items."
        )


@transaction.atomic
def work_item_link_agenda_item(*, item: WorkItem, agenda_item: AgendaItem) -> None:
    """Plan a work item for an existing agenda item of the group's meeting."""
    _refuse_other_group(agenda_item.meeting, item.plan.group_id)
    item.agenda_items.add(agenda_item)


@transaction.atomic
def agenda_build_from_plan(
    *, meeting: Meeting, items: Iterable[WorkItem], add_standing: bool = True
) -> list[AgendaItem]:
    """Put work items on a meeting's agenda: one agenda item per work item
    (once: an item already on this meeting's agenda is left as it is), linked
    to the work item, and the standing items if the agenda lacks them.
    Returns the agenda items created."""
    items = list(items)
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.status == Meeting.Status.CANCELLED:
        raise ApplicationError(f"{meeting} has been cancelled.")
    for item in items:
        _refuse_other_group(meeting, item.plan.group_id)
    existing = list(meeting.agenda_items.all())
    kinds = {agenda.kind for agenda in existing}
    position = max((a.position for a in existing), default=0)
    created: list[AgendaItem] = []

    def new(**fields) -> AgendaItem:
        nonlocal position
        position += 1
        agenda = AgendaItem(meeting=meeting, position=position, **fields)
        agenda.full_clean()
        agenda.save()
        created.append(agenda)
        return agenda

    if add_standing and AgendaItem.Kind.ACTIONS not in kinds:
        kind, title, minutes = STANDING_ITEMS[0]
        new(kind=kind, title=title, minutes_allowed=minutes)
    already = set(
        WorkItem.agenda_items.through.objects.filter(
            agendaitem__meeting=meeting, workitem__in=[i.pk for i in items]
        ).values_list("workitem_id", flat=True)
    )
    for item in items:
        if item.pk in already:
            continue
        agenda = new(
            kind=AgendaItem.Kind.TOPIC,
            title=item.title[:200],
            description=item.description,
            presenter=item.lead[:150],
        )
        item.agenda_items.add(agenda)
    if add_standing:
        for kind, title, minutes in STANDING_ITEMS[1:]:
            if kind not in kinds:
                new(kind=kind, title=title, minutes_allowed=minutes)
    return created
