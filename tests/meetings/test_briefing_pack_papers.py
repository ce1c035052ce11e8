"""The board's papers appended to the briefing pack (pypdf): each PDF paper
after a page naming it, pictures and broken files listed as not included
(never breaking the pack), and the pack made again when a paper or the
board meeting's date, time or place changes."""

from __future__ import annotations

import datetime
import io
from contextlib import contextmanager
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from pypdf import PdfReader

from meetings.models import Briefing, Meeting, Venue
from meetings.services.briefing_packs import _enqueue_build, briefing_pack_build
from meetings.services.briefings import briefing_save
from meetings.services.meetings import meeting_update
from meetings.services.papers import paper_delete, paper_upload
from meetings.tasks import build_briefing_pack
from tests.platform.helpers import pdf_objects

pytestmark = [pytest.mark.django_db, pytest.mark.calendar_sensitive]

LONDON = ZoneInfo("Europe/London")
TODAY = datetime.datetime(2026, 3, 2, 10, 0, tzinfo=LONDON)
BOARD_STARTS = datetime.datetime(2026, 3, 12, 18, 0, tzinfo=LONDON)
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(TODAY, tick=False):
        yield


def paper_pdf(label: str, pages: int) -> bytes:
    """A real PDF of `pages` pages, each saying which paper and page it is."""
    from weasyprint import HTML

    body = "".join(
        f'<p style="break-before: page">{label} page {n}</p>' for n in range(1, pages + 1)
    )
    return HTML(string=f"<html><body>{body}</body></html>").write_pdf()


def upload(meeting, title, content, name="paper.pdf"):
    return paper_upload(meeting=meeting, title=title, upload=SimpleUploadedFile(name, content))


def page_texts(content: bytes) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(content)).pages]


@pytest.fixture
def board(world) -> Meeting:
    return Meeting.objects.create(
        organisation=world.organisation,
        body=world.objects["body"],
        kind=Meeting.Kind.BOARD,
        title="Network board, spring",
        starts_at=BOARD_STARTS,
        ends_at=BOARD_STARTS + datetime.timedelta(hours=2),
        venue=Venue.objects.create(organisation=world.organisation, name="Board room"),
    )


def make_briefing(meeting) -> Briefing:
    return briefing_save(
        meeting=meeting,
        what_to_expect="The chair asks the representatives to speak after each item.",
        points_close_on=datetime.date(2026, 3, 9),
        glossary_terms=[],
        summaries={},
    )


def test_each_pdf_paper_follows_a_page_naming_it_and_the_rest_are_listed(board):
    upload(board, "Foot care business case", paper_pdf("Alpha", 3))
    upload(board, "Clinic map", PNG, name="map.png")
    upload(board, "Finance report", b"%PDF-1.7\nthis is not really a PDF at all\n%%EOF")
    upload(board, "Eye screening update", paper_pdf("Bravo", 2))
    briefing = make_briefing(board)
    only_briefing = briefing_pack_build(briefing_id=briefing.pk)
    assert only_briefing.pack_state == Briefing.PackState.READY  # the broken paper broke nothing

    briefing.refresh_from_db()
    with briefing.pack_file.open("rb") as handle:
        content = handle.read()
    texts = page_texts(content)
    assert len(texts) == briefing.pack_pages
    alpha = [i for i, text in enumerate(texts) if text.startswith("Alpha page")]
    bravo = [i for i, text in enumerate(texts) if text.startswith("Bravo page")]
    assert len(alpha) == 3 and len(bravo) == 2
    assert alpha == list(range(alpha[0], alpha[0] + 3))  # together and in order
    assert bravo == list(range(bravo[0], bravo[0] + 2)) and bravo[-1] == len(texts) - 1
    assert "Board paper 1 of 2" in texts[alpha[0] - 1]
    assert "Foot care business case" in texts[alpha[0] - 1]
    assert "Board paper 2 of 2" in texts[bravo[0] - 1]
    assert "Eye screening update" in texts[bravo[0] - 1]
    briefing_part = " ".join(texts[: alpha[0] - 1])
    assert "Clinic map: not included, ask the coordinator" in briefing_part
    assert "Finance report: not included, ask the coordinator" in briefing_part
    assert b"/StructTreeRoot" in pdf_objects(content)  # the briefing part stays tagged

    with briefing.pack_large_print_file.open("rb") as handle:
        large = page_texts(handle.read())
    assert sum(text.startswith("Alpha page") for text in large) == 3
    assert any("is not in large print" in text for text in large)


def test_a_pack_with_no_readable_paper_is_still_made(board):
    upload(board, "Finance report", b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n")
    briefing = make_briefing(board)

    built = briefing_pack_build(briefing_id=briefing.pk)

    assert built.pack_state == Briefing.PackState.READY
    with built.pack_file.open("rb") as handle:
        text = " ".join(page_texts(handle.read()))
    assert "Finance report: not included, ask the coordinator" in text


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Capture what a change queues on commit, then forget it as a real
    commit would (the test's transaction never commits)."""

    @contextmanager
    def capture(*, execute: bool):
        start = len(connection.run_on_commit)
        with django_capture_on_commit_callbacks(execute=execute) as queued:
            yield queued
        del connection.run_on_commit[start:]

    return capture


def builds(queued) -> int:
    """How many pack builds a change queued (other callbacks remove old files)."""
    return sum(getattr(callback, "func", None) is _enqueue_build for callback in queued)


def built(briefing) -> Briefing:
    build_briefing_pack(briefing.pk)
    briefing.refresh_from_db()
    assert briefing.pack_state == Briefing.PackState.READY
    return briefing


def test_the_pack_is_made_again_when_a_paper_is_added_replaced_or_removed(board, committed):
    first = upload(board, "Foot care business case", paper_pdf("Alpha", 1))
    briefing = built(make_briefing(board))
    pages = briefing.pack_pages

    with committed(execute=False) as queued:
        second = upload(board, "Eye screening update", paper_pdf("Bravo", 2))
    briefing.refresh_from_db()
    assert briefing.pack_state == Briefing.PackState.BUILDING  # the kept pack is stale
    assert briefing.pack_file  # and still there until the new one is made
    assert builds(queued) == 1
    queued[0]()
    briefing.refresh_from_db()
    assert briefing.pack_state == Briefing.PackState.READY
    assert briefing.pack_pages == pages + 3  # a cover and two pages

    with committed(execute=True) as queued:
        paper_delete(paper=second)
    assert builds(queued) == 1
    briefing.refresh_from_db()
    assert briefing.pack_pages == pages

    # Replaced: the same title, a new file.
    with committed(execute=True) as queued:
        paper_delete(paper=first)
        upload(board, "Foot care business case", paper_pdf("Alpha", 4))
    assert builds(queued) == 1  # one build for the whole change
    briefing.refresh_from_db()
    assert briefing.pack_pages == pages + 3


def test_the_pack_is_made_again_when_the_board_meeting_moves_and_not_for_other_edits(
    world, board, committed
):
    briefing = built(make_briefing(board))
    venue = Venue.objects.create(organisation=world.organisation, name="County Hall")

    def edit(**changes):
        fields = {
            "title": board.title,
            "starts_at": board.starts_at,
            "ends_at": board.ends_at,
            "venue": board.venue,
        }
        fields.update(changes)
        with committed(execute=False) as queued:
            meeting_update(meeting=board, **fields)
        briefing.refresh_from_db()
        return queued

    assert not builds(edit())  # nothing the pack shows changed
    assert briefing.pack_state == Briefing.PackState.READY
    for change in (
        {
            "starts_at": BOARD_STARTS + datetime.timedelta(days=1),
            "ends_at": BOARD_STARTS + datetime.timedelta(days=1, hours=2),
        },
        {"ends_at": BOARD_STARTS + datetime.timedelta(days=1, hours=3)},
        {"venue": venue},
    ):
        queued = edit(**change)
        assert briefing.pack_state == Briefing.PackState.BUILDING
        assert builds(queued) == 1
        for callback in queued:
            callback()
        board.refresh_from_db()
        briefing.refresh_from_db()
        assert briefing.pack_state == Briefing.PackState.READY


def test_a_board_meeting_with_no_pack_made_yet_waits_for_the_coordinator(board, committed):
    briefing = make_briefing(board)
    with committed(execute=False) as queued:
        upload(board, "Foot care business case", paper_pdf("Alpha", 1))
    briefing.refresh_from_db()
    assert briefing.pack_state == Briefing.PackState.NONE
    assert not builds(queued)
