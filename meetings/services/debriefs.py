"""Writes for representatives' debriefs after board meetings.

A debrief belongs to one board meeting. The representative (or the
coordinator with them) writes it once the meeting has started, as often as
they like; the coordinator publishes it. Publishing, and every save after it,
hands the debrief to the registered handlers (meetings/debrief_hooks.py):
workplans makes each point raised a "you said" item, once."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from involvement.errors import ApplicationError
from involvement.models import Person

from .. import debrief_hooks
from ..models import Debrief, DebriefFollowUp, DebriefPoint, Meeting
from ..seats import seat_of
from .report_backs import report_back_place


@dataclass(frozen=True)
class PointIn:
    point: str
    answer: str = ""


@dataclass(frozen=True)
class FollowUpIn:
    what: str
    owner: str = ""
    due_on: datetime.date | None = None


def check_debrief_open(meeting: Meeting) -> None:
    if meeting.body_id is None or meeting.kind != Meeting.Kind.BOARD:
        raise ApplicationError("Only a board meeting has a debrief.")
    if meeting.status == Meeting.Status.CANCELLED:
        raise ApplicationError("This board meeting was cancelled, so there is nothing to debrief.")
    if timezone.now() < meeting.starts_at:
        raise ApplicationError("The debrief can be written once the board meeting has started.")


def _sync_rows(existing, wanted, *, new, fill) -> None:
    """Keep rows in position order: rewrite the first ones (so what links to
    them, like a "you said" item, stays linked), add new ones, delete the rest."""
    existing = list(existing)
    for position, data in enumerate(wanted, start=1):
        row = existing[position - 1] if position <= len(existing) else new()
        fill(row, data)
        row.position = position
        row.full_clean()
        row.save()
    for row in existing[len(wanted) :]:
        row.delete()


def _fill_point(row: DebriefPoint, data: PointIn) -> None:
    row.point, row.answer = data.point.strip(), data.answer.strip()


def _fill_follow_up(row: DebriefFollowUp, data: FollowUpIn) -> None:
    row.what, row.owner, row.due_on = data.what.strip(), data.owner.strip(), data.due_on


@transaction.atomic
def debrief_save(
    *,
    meeting: Meeting,
    representative: Person,
    discussed: str,
    decisions: str,
    points: list[PointIn],
    follow_ups: list[FollowUpIn],
    support_notes: str | None = None,
    saved_by=None,
) -> Debrief:
    """Write (or rewrite) the meeting's debrief. `support_notes` None leaves
    them as they are (the representative never sees or changes them)."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    check_debrief_open(meeting)
    if seat_of(meeting, representative) is None:
        raise ValidationError(
            {"representative": "Choose someone who sat on the board on the day of the meeting"}
        )
    debrief, _ = Debrief.objects.select_for_update().get_or_create(meeting=meeting)
    debrief.representative = representative
    debrief.discussed = discussed.strip()
    debrief.decisions = decisions.strip()
    if support_notes is not None:
        debrief.support_notes = support_notes.strip()
    debrief.updated_by = saved_by
    debrief.full_clean()
    debrief.save()
    _sync_rows(
        debrief.points.order_by("position", "id"),
        [p for p in points if p.point.strip()],
        new=lambda: DebriefPoint(debrief=debrief),
        fill=_fill_point,
    )
    _sync_rows(
        debrief.follow_ups.order_by("position", "id"),
        [f for f in follow_ups if f.what.strip()],
        new=lambda: DebriefFollowUp(debrief=debrief),
        fill=_fill_follow_up,
    )
    if debrief.is_published:
        debrief_hooks.debrief_published(debrief=debrief, user=saved_by)
    return debrief


@transaction.atomic
def debrief_publish(*, debrief: Debrief, published_by=None) -> Debrief:
    """Share the debrief's outcome with the group. Each point raised goes on
    as a "you said" item (through the registered handlers), once."""
    debrief = Debrief.objects.select_for_update().select_related("meeting").get(pk=debrief.pk)
    if debrief.is_published:
        raise ApplicationError("This debrief has been published already.")
    if debrief.representative_id is None:
        raise ApplicationError("Say which representative went to the meeting first.")
    if not (debrief.discussed or debrief.points.exists()):
        raise ApplicationError(
            "Write what was discussed, or the points raised, before publishing the debrief."
        )
    debrief.published_at = timezone.now()
    debrief.published_by = published_by
    debrief.save(update_fields=["published_at", "published_by", "updated_at"])
    debrief_hooks.debrief_published(debrief=debrief, user=published_by)
    # The group hears back at its next meeting, if one is scheduled already
    # (otherwise when the standing items go on a later agenda).
    report_back_place(debrief=debrief)
    return debrief
