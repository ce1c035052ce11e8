"""Board meetings read from a board's own calendar (issue 12): those who
manage the body (coordinators and organisation admins of its organisation)
import and refresh it and read each import's summary; anyone else who sees
the body gets 403; another organisation, 404."""

from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from meetings.models import CalendarImport

from .bodies import MANAGE
from .rules import Page, expect, redirects


def _body(w):
    return {"pk": w.objects["body"].pk}


def _calendar_file(w):
    day = timezone.localdate() + timedelta(days=45)
    text = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Testshire ICB//Board//EN\r\n"
        "BEGIN:VEVENT\r\nUID:walk-board@testshire-icb\r\nDTSTAMP:20260101T090000Z\r\n"
        f"DTSTART:{day:%Y%m%d}T100000\r\nDTEND:{day:%Y%m%d}T120000\r\n"
        "SUMMARY:Testshire Network Board\r\nLOCATION:ICB headquarters\r\n"
        "END:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    return {"file": SimpleUploadedFile("board.ics", text.encode(), "text/calendar")}


def calendar_import(w):
    """An import of the world's body's calendar (from a file: refreshing
    reads no address on the walk)."""
    if "calendar_import" not in w.objects:
        w.objects["calendar_import"] = CalendarImport.objects.create(
            body=w.objects["body"],
            filename="board.ics",
            added=1,
            rows=[
                {
                    "uid": "walk@testshire-icb",
                    "title": "Testshire Network Board",
                    "starts_at": "",
                    "outcome": "skipped",
                    "reason": "It has no start time.",
                    "meeting": None,
                }
            ],
        )
    return w.objects["calendar_import"]


PAGES = {
    "body-calendar-import": Page(kwargs=_body, status=MANAGE, form=_calendar_file),
    # The world's body was read from a file, so a refresh is refused with a
    # message ("never read from an address") and writes nothing: the walk
    # reads no address on the internet.
    "body-calendar-refresh": Page(
        kwargs=_body,
        status=expect(405, anonymous=302),
        post=redirects(MANAGE),
        writes=False,
    ),
    "calendar-import-detail": Page(kwargs=lambda w: {"pk": calendar_import(w).pk}, status=MANAGE),
}
