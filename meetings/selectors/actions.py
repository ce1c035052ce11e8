"""Reads for the actions list of a group."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q

from involvement.models import Group

from ..models import Action


@dataclass
class ActionProgress:
    total: int
    done: int
    open: int
    overdue: int

    @property
    def percent_done(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0


OPEN = (Action.Status.OPEN, Action.Status.IN_PROGRESS)


def group_actions(*, group: Group, show: str = "open") -> list[Action]:
    """A group's actions from all its meetings, the open ones first by due date."""
    actions = Action.objects.filter(meeting__group=group).select_related(
        "owner_person", "meeting", "agenda_item"
    )
    if show == "open":
        actions = actions.filter(status__in=OPEN)
    return list(actions.order_by("due_on", "pk"))


def group_action_progress(*, group: Group, today) -> ActionProgress:
    counts = Action.objects.filter(meeting__group=group).aggregate(
        total=Count("pk"),
        done=Count("pk", filter=Q(status=Action.Status.DONE)),
        open=Count("pk", filter=Q(status__in=OPEN)),
        overdue=Count("pk", filter=Q(status__in=OPEN, due_on__lt=today)),
    )
    return ActionProgress(**counts)
