"""Writes for actions agreed at meetings: who does what by when, and progress."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from involvement.models import Person

from ..models import Action, AgendaItem, Meeting


def _owner_problem(
    meeting: Meeting, owner_person: Person | None, owner_name: str
) -> tuple[str, str] | None:
    """(field, what to do) when the owner is missing, doubled or not from the meeting."""
    if owner_person is None and not owner_name.strip():
        return "owner_person", "Choose the member who will do this, or enter a staff member's name"
    if owner_person is not None and owner_name.strip():
        return "owner_name", "Choose a member or enter a staff member's name, not both"
    if owner_person is not None:
        in_group = (
            meeting.group_id and owner_person.memberships.filter(group_id=meeting.group_id).exists()
        )
        invited = meeting.invitations.filter(person=owner_person).exists()
        if not (in_group or invited):
            return "owner_person", "Choose a member of this group or someone invited to the meeting"
    return None


def _due_problem(meeting: Meeting, due_on: datetime.date) -> str:
    held_on = timezone.localtime(meeting.starts_at).date()
    if due_on < held_on:
        return f"The due date must be on or after the meeting, {held_on:%-d %B %Y}"
    return ""


def action_problems(
    *,
    meeting: Meeting,
    description: str = "",
    due_on: datetime.date | None = None,
    owner_person: Person | None = None,
    owner_name: str = "",
    agenda_item: AgendaItem | None = None,
) -> dict[str, str]:
    """Everything wrong with a new action at once (field -> what to do), so a
    form can show every error together."""
    problems = {}
    if not description.strip():
        problems["description"] = "Enter what will be done"
    if due_on is None:
        problems["due_on"] = "Enter the date it is due, like 15 3 2026"
    elif late := _due_problem(meeting, due_on):
        problems["due_on"] = late
    if agenda_item is not None and agenda_item.meeting_id != meeting.pk:
        problems["agenda_item"] = "Choose an item from this meeting's agenda"
    if owner := _owner_problem(meeting, owner_person, owner_name or ""):
        field, message = owner
        problems[field] = message
    return problems


@transaction.atomic
def action_create(
    *,
    meeting: Meeting,
    description: str,
    due_on: datetime.date | None,
    owner_person: Person | None = None,
    owner_name: str = "",
    agenda_item: AgendaItem | None = None,
) -> Action:
    """Record an action agreed at a meeting."""
    if problems := action_problems(
        meeting=meeting,
        description=description,
        due_on=due_on,
        owner_person=owner_person,
        owner_name=owner_name,
        agenda_item=agenda_item,
    ):
        raise ValidationError(problems)
    action = Action(
        meeting=meeting,
        agenda_item=agenda_item,
        description=description.strip(),
        owner_person=owner_person,
        owner_name=owner_name.strip(),
        due_on=due_on,
    )
    action.full_clean()
    action.save()
    return action


@transaction.atomic
def action_update(
    *,
    action: Action,
    status: str,
    progress: str = "",
    due_on: datetime.date | None = None,
) -> Action:
    """Record progress on an action, move its status on or change its due date."""
    if status not in Action.Status.values:
        raise ValidationError({"status": "Choose the action's status"})
    problems = {}
    if status == Action.Status.DROPPED and not progress.strip():
        problems["progress"] = "Say why the action was dropped"
    if due_on is not None and (late := _due_problem(action.meeting, due_on)):
        problems["due_on"] = late
    if problems:
        raise ValidationError(problems)
    action.status = status
    action.progress = progress.strip()
    if due_on is not None:
        action.due_on = due_on
    if status == Action.Status.DONE and action.completed_on is None:
        action.completed_on = timezone.localdate()
    if status != Action.Status.DONE:
        action.completed_on = None
    action.full_clean()
    action.save(update_fields=["status", "progress", "due_on", "completed_on", "updated_at"])
    return action
