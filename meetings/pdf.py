"""The agenda as a PDF, standard or large print (involvement.pdf does the work)."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from involvement.pdf import pdf_filename, render_pdf, render_pdf_counted

from .models import Meeting


def agenda_context(meeting: Meeting) -> dict:
    items = list(meeting.agenda_items.all())
    start = timezone.localtime(meeting.starts_at)
    running = start
    rows = []
    for item in items:
        rows.append((running, item))
        running = running + timedelta(minutes=item.minutes_allowed)
    return {
        "meeting": meeting,
        "rows": rows,
        "starts": start,
        "ends": timezone.localtime(meeting.ends_at),
    }


def agenda_pdf(meeting: Meeting, *, large_print: bool = False) -> bytes:
    return render_pdf(
        "meetings/pdf/agenda.html",
        agenda_context(meeting),
        large_print=large_print,
        title=f"Agenda: {meeting.title}",
    )


def agenda_filename(meeting: Meeting, *, large_print: bool = False) -> str:
    day = timezone.localtime(meeting.starts_at).date().isoformat()
    return pdf_filename(f"agenda-{day}", large_print=large_print)


def briefing_pack_pdf(view, *, large_print: bool = False, counted: bool = False):
    """The briefing pack of a board meeting (`view`: selectors.briefings.BriefingView).

    Points go without the names of who made them: the pack travels further
    than the page (printed, posted, forwarded). `counted`: (bytes, pages)."""
    meeting = view.meeting
    pre = view.briefing.pre_meeting if view.briefing else None
    return (render_pdf_counted if counted else render_pdf)(
        "meetings/pdf/briefing.html",
        {
            "meeting": meeting,
            "briefing": view.briefing,
            "view": view,
            "starts": timezone.localtime(meeting.starts_at),
            "ends": timezone.localtime(meeting.ends_at),
            "pre_starts": timezone.localtime(pre.starts_at) if pre else None,
        },
        large_print=large_print,
        title=f"Briefing: {meeting.title}",
    )


def briefing_pack_filename(meeting: Meeting, *, large_print: bool = False) -> str:
    day = timezone.localtime(meeting.starts_at).date().isoformat()
    return pdf_filename(f"briefing-{day}", large_print=large_print)
