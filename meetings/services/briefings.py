"""Writes for the briefing before a board meeting: the coordinator prepares
it (summaries of the board's papers, glossary terms, what to expect, the
cut-off for points and the pre-meeting); the group's members add points
for the representatives until the cut-off (the coordinator also adds the
pre-meeting's points until the board meets)."""

from __future__ import annotations

import datetime
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from involvement.errors import ApplicationError
from involvement.models import Person
from involvement.selectors.glossary import glossary_of

from ..models import AgendaItem, Briefing, BriefingPoint, BriefingSummary, Meeting, Paper
from ..seats import meeting_day
from .briefing_packs import briefing_pack_refresh

# A pre-meeting is a group meeting in the eight weeks before the board meets.
PRE_MEETING_WINDOW = timedelta(weeks=8)
DEFAULT_CUT_OFF_DAYS = 3


def check_briefing_possible(meeting: Meeting) -> None:
    if meeting.body_id is None or meeting.kind != Meeting.Kind.BOARD:
        raise ApplicationError("Only a board meeting has a briefing.")
    if meeting.status == Meeting.Status.CANCELLED:
        raise ApplicationError("This board meeting was cancelled, so it needs no briefing.")


def default_cut_off(meeting: Meeting) -> datetime.date:
    """Three days before the board meets, or today if that has passed."""
    return max(timezone.localdate(), meeting_day(meeting) - timedelta(days=DEFAULT_CUT_OFF_DAYS))


def pre_meeting_choices(meeting: Meeting):
    """Group meetings of the organisation that could be the pre-meeting: not
    cancelled, in the eight weeks before the board meets."""
    return (
        Meeting.objects.filter(
            organisation_id=meeting.organisation_id,
            group__isnull=False,
            kind__in=[Meeting.Kind.GROUP, Meeting.Kind.PRE_MEETING],
            status=Meeting.Status.SCHEDULED,
            starts_at__lt=meeting.starts_at,
            starts_at__gte=meeting.starts_at - PRE_MEETING_WINDOW,
        )
        .select_related("group")
        .order_by("starts_at")
    )


def board_papers(meeting: Meeting):
    return meeting.papers.filter(kind=Paper.Kind.UPLOADED).order_by("created_at", "id")


@transaction.atomic
def briefing_save(
    *,
    meeting: Meeting,
    what_to_expect: str,
    points_close_on: datetime.date,
    pre_meeting: Meeting | None = None,
    glossary_terms: list[str] = (),
    summaries: dict[int, str] | None = None,
    saved_by=None,
) -> Briefing:
    """Write (or rewrite) the board meeting's briefing. `summaries` maps a
    board paper's id to its plain-English summary; an empty one is removed."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    check_briefing_possible(meeting)
    errors = {}
    if points_close_on > meeting_day(meeting):
        errors["points_close_on"] = (
            "The last day for points must be on or before the day of the board meeting"
        )
    if pre_meeting is not None and not pre_meeting_choices(meeting).filter(pk=pre_meeting.pk):
        errors["pre_meeting"] = "Choose a group meeting in the eight weeks before the board meeting"
    glossary = glossary_of(organisation_id=meeting.organisation_id)
    known = {entry.term.lower(): entry.term for entry in glossary}
    unknown = [term for term in glossary_terms if term.lower() not in known]
    if unknown:
        errors["glossary_terms"] = "Choose terms from the organisation's glossary"
    if errors:
        raise ValidationError(errors)
    briefing = Briefing.objects.select_for_update().filter(meeting=meeting).first()
    if briefing is None:
        briefing = Briefing(meeting=meeting)
    briefing.what_to_expect = what_to_expect.strip()
    briefing.points_close_on = points_close_on
    briefing.pre_meeting = pre_meeting
    briefing.glossary_terms = sorted(
        {known[term.lower()] for term in glossary_terms}, key=str.lower
    )
    briefing.updated_by = saved_by
    briefing.full_clean()
    briefing.save()
    papers = {paper.pk: paper for paper in board_papers(meeting)}
    existing = {row.paper_id: row for row in briefing.summaries.all()}
    for paper_id, text in (summaries or {}).items():
        if paper_id not in papers:
            continue
        text = text.strip()
        row = existing.get(paper_id)
        if not text:
            if row is not None:
                row.delete()
            continue
        if row is None:
            row = BriefingSummary(briefing=briefing, paper=papers[paper_id])
        if row.summary != text or row.pk is None:
            row.summary = text
            row.full_clean()
            row.save()
    briefing_pack_refresh(briefing=briefing)
    return briefing


def points_closed_reason(briefing: Briefing, *, staff: bool, now=None) -> str:
    """Why no point can be added now ("" while they can be)."""
    meeting = briefing.meeting
    now = now or timezone.now()
    if meeting.status == Meeting.Status.CANCELLED:
        return "This board meeting was cancelled, so no more points are being gathered."
    if now >= meeting.starts_at:
        return "The board meeting has started, so points can no longer be added."
    if not staff and timezone.localtime(now).date() > briefing.points_close_on:
        return (
            "The last day for points was "
            f"{briefing.points_close_on.strftime('%A %-d %B %Y')}, so points can no longer "
            "be added here. If something is urgent, tell your coordinator."
        )
    return ""


@transaction.atomic
def briefing_point_add(
    *,
    briefing: Briefing,
    point: str,
    person: Person | None,
    agenda_item: AgendaItem | None = None,
    staff: bool = False,
    added_by=None,
) -> BriefingPoint:
    """Add a point for the representatives. A member adds their own until
    the cut-off; the coordinator adds the pre-meeting's (no name) until the
    board meets."""
    briefing = Briefing.objects.select_for_update().select_related("meeting").get(pk=briefing.pk)
    reason = points_closed_reason(briefing, staff=staff)
    if reason:
        raise ApplicationError(reason)
    point = point.strip()
    if not point:
        raise ValidationError({"point": "Enter the point you want the representatives to raise"})
    if agenda_item is not None and agenda_item.meeting_id != briefing.meeting_id:
        raise ValidationError({"agenda_item": "Choose an item on the board meeting's agenda"})
    row = BriefingPoint(
        briefing=briefing,
        person=None if staff else person,
        agenda_item=agenda_item,
        point=point,
        from_pre_meeting=staff,
        added_by=added_by,
    )
    row.full_clean()
    row.save()
    briefing_pack_refresh(briefing=briefing)
    return row
