"""The agenda as a PDF, standard or large print (involvement.pdf does the work)."""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone

from involvement.pdf import insert_pdfs, pdf_filename, render_pdf, render_pdf_anchored

from .models import Meeting, Paper

logger = logging.getLogger(__name__)


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


@dataclass
class BoardPaperFile:
    """A board paper as the pack takes it: `content` is the paper's PDF,
    read and written out again by pypdf (so a file that cannot be read is
    found here, never half-way through a pack), or None with `reason`."""

    paper: Paper
    content: bytes | None = None
    pages: int = 0
    reason: str = ""

    @property
    def included(self) -> bool:
        return self.content is not None

    @property
    def anchor(self) -> str:
        return f"board-paper-{self.paper.pk}"


NOT_A_PDF = "It is a picture, not a PDF, so it is not in this pack. Ask the coordinator for it."
UNREADABLE = "The file could not be read, so it is not in this pack. Ask the coordinator for it."
LOCKED = (
    "The file is locked with a password, so it is not in this pack. Ask the coordinator for it."
)


def board_paper_file(paper: Paper) -> BoardPaperFile:
    """Read one uploaded paper for appending. Never raises: a broken,
    locked or missing file is listed as not included."""
    from pypdf import PdfReader, PdfWriter

    if paper.content_type != "application/pdf":
        return BoardPaperFile(paper, reason=NOT_A_PDF)
    try:
        with paper.file.open("rb") as handle:
            data = handle.read()
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            return BoardPaperFile(paper, reason=LOCKED)
        writer = PdfWriter()
        writer.append(reader, import_outline=False)
        if not len(writer.pages):
            return BoardPaperFile(paper, reason=UNREADABLE)
        out = io.BytesIO()
        writer.write(out)
    except Exception:  # any fault in a paper's file leaves it out, never the pack
        logger.warning("Board paper %s could not be read for the briefing pack", paper.pk)
        return BoardPaperFile(paper, reason=UNREADABLE)
    return BoardPaperFile(paper, content=out.getvalue(), pages=len(writer.pages))


def board_paper_files(view) -> list[BoardPaperFile]:
    return [board_paper_file(item.paper) for item in view.papers]


def append_papers(content: bytes, pages: int, anchors: dict[str, int], files) -> tuple[bytes, int]:
    """Put each included paper's pages after the page that names it: where
    the next paper's cover starts, the last at the end. The briefing part
    keeps its tags; the papers are the board's own files, as they are."""
    included = [f for f in files if f.included and f.anchor in anchors]
    if not included:
        return content, pages
    starts = [anchors[f.anchor] for f in included[1:]] + [pages]
    content = insert_pdfs(
        content, [(start, f.content) for start, f in zip(starts, included, strict=True)]
    )
    return content, pages + sum(f.pages for f in included)


def briefing_pack_pdf(view, *, large_print: bool = False, counted: bool = False, papers=None):
    """The briefing pack of a board meeting (`view`: selectors.briefings.BriefingView).

    Points go without the names of who made them: the pack travels further
    than the page (printed, posted, forwarded). After the briefing come the
    board's papers, each after a page naming it (`papers`: board_paper_files,
    read once for both variants). `counted`: (bytes, pages)."""
    meeting = view.meeting
    pre = view.briefing.pre_meeting if view.briefing else None
    if papers is None:
        papers = board_paper_files(view)
    content, pages, anchors = render_pdf_anchored(
        "meetings/pdf/briefing.html",
        {
            "meeting": meeting,
            "briefing": view.briefing,
            "view": view,
            "starts": timezone.localtime(meeting.starts_at),
            "ends": timezone.localtime(meeting.ends_at),
            "pre_starts": timezone.localtime(pre.starts_at) if pre else None,
            "appended": [f for f in papers if f.included],
            "left_out": [f for f in papers if not f.included],
        },
        large_print=large_print,
        title=f"Briefing: {meeting.title}",
    )
    content, pages = append_papers(content, pages, anchors, papers)
    return (content, pages) if counted else content


def briefing_pack_filename(meeting: Meeting, *, large_print: bool = False) -> str:
    day = timezone.localtime(meeting.starts_at).date().isoformat()
    return pdf_filename(f"briefing-{day}", large_print=large_print)
