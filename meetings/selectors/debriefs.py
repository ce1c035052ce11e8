"""Reads for board debriefs: what the group hears back."""

from __future__ import annotations

from ..models import Debrief
from ..seats import meeting_day
from ..summary_sections import SummaryLine, SummarySection


def report_back_summary_section(*, meeting) -> list[SummarySection]:
    """For the feedback summary of a group's meeting: the board debriefs
    reported back at it, point by point (never the support notes)."""
    if meeting.group_id is None:
        return []
    debriefs = (
        Debrief.objects.filter(report_back_item__meeting=meeting)
        .select_related("meeting__body")
        .prefetch_related("points")
        .order_by("meeting__starts_at")
    )
    sections = []
    for debrief in debriefs:
        lines = [
            SummaryLine(
                heading=f"We raised: {point.point}",
                text=f"The board's answer: {point.answer or 'No answer yet.'}",
            )
            for point in debrief.points.all()
        ]
        if debrief.decisions:
            lines.append(SummaryLine(heading="Decisions", text=debrief.decisions))
        if lines:
            day = meeting_day(debrief.meeting)
            title = f"Report back: {debrief.meeting.body.name}, {day:%-d %B %Y}"
            sections.append(SummarySection(title=title, lines=tuple(lines)))
    return sections
