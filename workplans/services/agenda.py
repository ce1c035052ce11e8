"""Build a meeting's agenda from the work plan. meetings knows nothing of work
plans: this service, above it, creates the agenda items and links the work
items to them (ARCHITECTURE.md)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from involvement.errors import ApplicationError
from involvement.text import render_plain_text
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
        agenda_fill_you_said(meeting=meeting)
    return created


# --- "You said, we did": the standing item, filled in --------------------------

# The filled-in description starts with this; a description the coordinator
# wrote themselves is left alone.
YOU_SAID_MARK = "Filled in from the group's “You said” list"
# How many points of each kind the description names (the rest are counted).
YOU_SAID_SHOWN = 12
# With no earlier meeting, answers from this far back are "new".
FIRST_MEETING_LOOKS_BACK = datetime.timedelta(weeks=12)


@transaction.atomic
def agenda_fill_you_said(
    *, meeting: Meeting, today: datetime.date | None = None
) -> AgendaItem | None:
    """Fill in the meeting's "You said, we did" standing item (adding it if
    the agenda lacks it): the points answered since the group's last meeting,
    and the points to come back to (overdue with no answer, or with no news
    for too long). Each point named is linked to the agenda item, so its
    history shows the meeting. Safe to run again: it rewrites its own
    description and links, and leaves a description the coordinator wrote
    alone. Nothing is changed once the meeting has begun, or for a cancelled
    meeting or a body's meeting (None)."""
    from ..selectors.feedback import answered_since, revisit_due

    # Locked alone: FOR UPDATE cannot reach the nullable side of a join (group).
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if (
        meeting.group_id is None
        or meeting.status == Meeting.Status.CANCELLED
        or meeting.starts_at <= timezone.now()
    ):
        return None
    previous = (
        Meeting.objects.filter(
            group_id=meeting.group_id,
            starts_at__lt=meeting.starts_at,
            status=Meeting.Status.SCHEDULED,
        )
        .order_by("-starts_at")
        .first()
    )
    since = previous.starts_at if previous else meeting.starts_at - FIRST_MEETING_LOOKS_BACK
    answered = answered_since(group=meeting.group, since=since)
    due = [i for i in revisit_due(group=meeting.group, today=today) if i not in answered]
    agenda = meeting.agenda_items.filter(kind=AgendaItem.Kind.YOU_SAID_WE_DID).first()
    if agenda is None:
        _kind, title, minutes = STANDING_ITEMS[1]
        position = (max(meeting.agenda_items.values_list("position", flat=True), default=0)) + 1
        agenda = AgendaItem(
            meeting=meeting,
            position=position,
            kind=AgendaItem.Kind.YOU_SAID_WE_DID,
            title=title,
            minutes_allowed=minutes,
        )
        agenda.full_clean()
        agenda.save()
    agenda.feedback_revisits.set([*answered, *due])
    if agenda.description and not agenda.description.startswith(YOU_SAID_MARK):
        return agenda
    agenda.description = render_plain_text(
        "workplans/agenda/you_said.txt",
        {
            "mark": YOU_SAID_MARK,
            "since": timezone.localtime(previous.starts_at) if previous else None,
            "answered": answered[:YOU_SAID_SHOWN],
            "answered_more": max(len(answered) - YOU_SAID_SHOWN, 0),
            "due": due[:YOU_SAID_SHOWN],
            "due_more": max(len(due) - YOU_SAID_SHOWN, 0),
        },
    ).strip()
    agenda.full_clean()
    agenda.save(update_fields=["description"])
    return agenda


def agenda_fill_next(*, group) -> AgendaItem:
    """Fill in the "You said, we did" item of the group's next meeting now."""
    meeting = (
        Meeting.objects.filter(
            group=group, status=Meeting.Status.SCHEDULED, starts_at__gt=timezone.now()
        )
        .order_by("starts_at")
        .first()
    )
    if meeting is None:
        raise ApplicationError(
            f"{group.name} has no meeting coming up. Schedule the next meeting first."
        )
    return agenda_fill_you_said(meeting=meeting)


# The next meeting of each group is filled in from this many days before it.
FILL_DAYS_AHEAD = 14


def agendas_fill_due(*, today: datetime.date | None = None) -> int:
    """Fill in the "You said, we did" item of each group's next meeting in
    the coming fortnight (daily; safe to run twice). Returns how many."""
    now = timezone.now()
    today = today or timezone.localdate()
    upcoming = Meeting.objects.filter(
        group__isnull=False,
        status=Meeting.Status.SCHEDULED,
        starts_at__gt=now,
        starts_at__date__lte=today + datetime.timedelta(days=FILL_DAYS_AHEAD),
    ).order_by("group_id", "starts_at")
    filled = 0
    seen: set[int] = set()
    for meeting in upcoming:
        if meeting.group_id in seen:
            continue
        seen.add(meeting.group_id)
        if agenda_fill_you_said(meeting=meeting, today=today) is not None:
            filled += 1
    return filled
