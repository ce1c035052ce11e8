"""Writes for agendas: items, the standing items in one action, reordering."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Sum
from django.utils import timezone

from involvement.clock import clock

from ..models import AgendaItem, Meeting
from .report_backs import report_backs_for_meeting

ItemKind = AgendaItem.Kind

# The standing items every group meeting has, in this order, with their time.
STANDING_ITEMS = (
    (ItemKind.ACTIONS, "Actions from last time", 10),
    (ItemKind.YOU_SAID_WE_DID, "You said, we did: updates", 15),
    (ItemKind.REPRESENTATIVES, "Reports back from board representatives", 15),
)
ITEM_FIELDS = (
    "kind",
    "title",
    "description",
    "minutes_allowed",
    "presenter",
    "presenter_is_guest",
    "format",
)


# The most one agenda item may have: a whole afternoon.
MOST_MINUTES = 240


def _minutes(count: int) -> str:
    return f"{count} minute{'' if count == 1 else 's'}"


def _check_fits(meeting: Meeting, item: AgendaItem) -> None:
    """Refuse an item that would run the agenda past the meeting's end, saying
    by how much and how long the item may be."""
    others = meeting.agenda_items.exclude(pk=item.pk) if item.pk else meeting.agenda_items
    taken = others.aggregate(total=Sum("minutes_allowed"))["total"] or 0
    length = int((meeting.ends_at - meeting.starts_at).total_seconds() // 60)
    over = taken + (item.minutes_allowed or 0) - length
    if over <= 0:
        return
    ends = clock(timezone.localtime(meeting.ends_at))
    room = length - taken
    advice = (
        f"Give it {_minutes(room)} or fewer, or shorten another item."
        if room > 0
        else "Shorten or remove another item first, or make the meeting longer."
    )
    raise ValidationError(
        {
            "minutes_allowed": (
                f"This item would make the agenda run {_minutes(over)} past the meeting's "
                f"end at {ends}. {advice}"
            )
        }
    )


def agenda_check_meeting_length(meeting: Meeting) -> None:
    """Refuse to make a meeting shorter than its agenda (a changed start or end
    time), saying when it could end instead."""
    taken = meeting.agenda_items.aggregate(total=Sum("minutes_allowed"))["total"] or 0
    length = int((meeting.ends_at - meeting.starts_at).total_seconds() // 60)
    if taken <= length:
        return
    earliest = clock(timezone.localtime(meeting.starts_at + datetime.timedelta(minutes=taken)))
    raise ValidationError(
        {
            "ends_at": (
                f"The agenda takes {_minutes(taken)}, {_minutes(taken - length)} more than "
                f"the meeting would last. End it at {earliest} or later, or shorten the "
                "agenda first."
            )
        }
    )


def _next_position(meeting: Meeting) -> int:
    return (meeting.agenda_items.aggregate(top=Max("position"))["top"] or 0) + 1


def _editable(meeting: Meeting) -> None:
    if meeting.status == Meeting.Status.CANCELLED:
        raise ValidationError("This meeting was cancelled, so its agenda cannot be changed.")


@transaction.atomic
def agenda_item_create(*, meeting: Meeting, **fields) -> AgendaItem:
    _editable(meeting)
    item = AgendaItem(
        meeting=meeting,
        position=_next_position(meeting),
        **{k: v for k, v in fields.items() if k in ITEM_FIELDS},
    )
    item.full_clean()
    _check_fits(meeting, item)
    item.save()
    return item


@transaction.atomic
def agenda_item_update(*, item: AgendaItem, **fields) -> AgendaItem:
    _editable(item.meeting)
    for name, value in fields.items():
        if name in ITEM_FIELDS:
            setattr(item, name, value)
    item.full_clean()
    _check_fits(item.meeting, item)
    item.save()
    return item


@transaction.atomic
def agenda_item_delete(*, item: AgendaItem) -> None:
    meeting = item.meeting
    _editable(meeting)
    item.delete()
    _renumber(meeting)


def _renumber(meeting: Meeting) -> None:
    for position, item in enumerate(meeting.agenda_items.order_by("position", "id"), start=1):
        if item.position != position:
            AgendaItem.objects.filter(pk=item.pk).update(position=position)


@transaction.atomic
def agenda_add_standing_items(*, meeting: Meeting) -> list[AgendaItem]:
    """Add the standing items the agenda does not have yet (running it twice
    adds nothing), and a report back for each of the group's published board
    debriefs not yet reported back at a meeting."""
    _editable(meeting)
    present = set(meeting.agenda_items.values_list("kind", flat=True))
    added = []
    for kind, title, minutes in STANDING_ITEMS:
        if kind not in present:
            added.append(
                agenda_item_create(meeting=meeting, kind=kind, title=title, minutes_allowed=minutes)
            )
    return added + report_backs_for_meeting(meeting=meeting)


@transaction.atomic
def agenda_item_move(*, item: AgendaItem, direction: str) -> None:
    """Move an item one place up or down."""
    if direction not in ("up", "down"):
        raise ValidationError("Choose up or down.")
    meeting = item.meeting
    _editable(meeting)
    _renumber(meeting)
    items = list(meeting.agenda_items.order_by("position", "id"))
    index = next(i for i, other in enumerate(items) if other.pk == item.pk)
    swap = index - 1 if direction == "up" else index + 1
    if swap < 0 or swap >= len(items):
        return
    items[index], items[swap] = items[swap], items[index]
    for position, other in enumerate(items, start=1):
        AgendaItem.objects.filter(pk=other.pk).update(position=position)
