"""A body's board meetings read from the calendar the board publishes: an
uploaded .ics file or an address read once on request; UIDs recognised on a
second import (updated, not copied), cancelled events cancel, the summary
says what happened and why; bad files and private addresses refused with
nothing lost. The .ics texts are real iCalendar (RFC 5545), with dates
counted from today so the tests pass on any date."""

from __future__ import annotations

import datetime
import http.server
import threading
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from involvement.models import Notification
from meetings.models import CalendarImport, Invitation, Meeting, Venue
from meetings.services.board_calendar import board_calendar_import, fetch_calendar

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")


def _day(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


def _stamp(day: datetime.date, hhmm: str) -> str:
    return f"{day:%Y%m%d}T{hhmm}00"


def vevent(uid, summary, *, days, start="1000", end="1230", location="", status="", tz=True):
    day = _day(days)
    lines = ["BEGIN:VEVENT"]
    if uid:
        lines.append(f"UID:{uid}")
    lines.append("DTSTAMP:20260101T090000Z")
    zone = ";TZID=Europe/London" if tz else ""
    lines.append(f"DTSTART{zone}:{_stamp(day, start)}")
    lines.append(f"DTEND{zone}:{_stamp(day, end)}")
    lines.append(f"SUMMARY:{summary}")
    if location:
        lines.append(f"LOCATION:{location}")
    if status:
        lines.append(f"STATUS:{status}")
    lines.append("END:VEVENT")
    return "\r\n".join(lines)


VTIMEZONE = "\r\n".join(
    [
        "BEGIN:VTIMEZONE",
        "TZID:Europe/London",
        "BEGIN:DAYLIGHT",
        "TZOFFSETFROM:+0000",
        "TZOFFSETTO:+0100",
        "TZNAME:BST",
        "DTSTART:19700329T010000",
        "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
        "END:DAYLIGHT",
        "BEGIN:STANDARD",
        "TZOFFSETFROM:+0100",
        "TZOFFSETTO:+0000",
        "TZNAME:GMT",
        "DTSTART:19701025T020000",
        "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
        "END:STANDARD",
        "END:VTIMEZONE",
    ]
)


def calendar(*events) -> bytes:
    return "\r\n".join(
        [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//Testshire ICB//Board meetings//EN",
            "METHOD:PUBLISH",
            VTIMEZONE,
            *events,
            "END:VCALENDAR",
            "",
        ]
    ).encode()


def _upload(client, body, data: bytes, name="board.ics"):
    return client.post(
        reverse("body-calendar-import", args=[body.pk]),
        {"file": SimpleUploadedFile(name, data, content_type="text/calendar")},
    )


@pytest.fixture
def body(world):
    return world.objects["body"]


@pytest.fixture
def town_hall(world):
    return Venue.objects.create(
        organisation=world.organisation, name="Testshire Town Hall", address="1 High Street"
    )


def test_upload_adds_the_boards_meetings_and_says_what_was_skipped(world, login, body, town_hall):
    client = login(world.user("coordinator"))
    data = calendar(
        vevent("board-1@testshire-icb", "Network Board", days=20, location="Testshire Town Hall"),
        vevent(
            "board-2@testshire-icb", "Network Board (extra)", days=40, location="ICB HQ, Room 4"
        ),
        vevent("board-0@testshire-icb", "Network Board last month", days=-30),
        vevent("", "A meeting with no UID", days=25),
        vevent("board-9@testshire-icb", "Called off", days=50, status="CANCELLED"),
    )

    response = _upload(client, body, data)

    record = CalendarImport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("calendar-import-detail", args=[record.pk])
    assert (record.added, record.updated, record.cancelled, record.skipped) == (2, 0, 0, 3)
    first = Meeting.objects.get(external_uid="board-1@testshire-icb")
    assert first.body == body and first.kind == Meeting.Kind.BOARD
    assert first.venue == town_hall and first.external_location == ""
    local = timezone.localtime(first.starts_at, LONDON)
    assert (local.date(), local.hour, local.minute) == (_day(20), 10, 0)
    assert timezone.localtime(first.ends_at, LONDON).hour == 12
    second = Meeting.objects.get(external_uid="board-2@testshire-icb")
    assert second.venue is None and second.external_location == "ICB HQ, Room 4"

    page = client.get(response["Location"]).content.decode()
    assert "What the board's calendar changed" in page
    assert "It is in the past: only meetings to come are added." in page
    assert "It has no UID" in page
    assert "It is cancelled, and was never added here." in page
    # The body's page lists them, the place in words where no venue matched.
    body_page = client.get(reverse("body-detail", args=[body.pk])).content.decode()
    assert "Network Board (extra)" in body_page and "ICB HQ, Room 4" in body_page
    assert "Read the board's own calendar" in body_page


def test_a_second_import_updates_the_same_uid_instead_of_adding_a_copy(world, login, body):
    client = login(world.user("coordinator"))
    _upload(client, body, calendar(vevent("b1@icb", "Network Board", days=20, location="Room 1")))
    meeting = Meeting.objects.get(external_uid="b1@icb")
    Invitation.objects.create(meeting=meeting, person=world.objects["person"])

    again = calendar(
        vevent(
            "b1@icb", "Network Board (moved)", days=21, start="1400", end="1600", location="Room 2"
        )
    )
    _upload(client, body, again)

    assert Meeting.objects.filter(body=body).count() == 1
    meeting.refresh_from_db()
    assert meeting.title == "Network Board (moved)"
    assert timezone.localtime(meeting.starts_at, LONDON).hour == 14
    assert meeting.external_location == "Room 2"
    assert meeting.sequence == 1
    record = CalendarImport.objects.first()
    assert (record.added, record.updated) == (0, 1)
    assert "Changed: time" in record.rows[0]["reason"]
    # The person invited hears of the new time at once.
    assert Notification.objects.filter(
        recipient=world.objects["person"], kind="meeting_changed"
    ).exists()
    # The same calendar a third time changes nothing.
    third = _upload(client, body, again)
    assert CalendarImport.objects.first().unchanged == 1
    assert "No change" in client.get(third["Location"]).content.decode()


def test_a_board_meeting_shortened_in_its_calendar_takes_the_new_time_and_flags_the_agenda(
    world, login, body
):
    """The board's calendar says when its meeting is: a shorter meeting is taken
    even when its agenda no longer fits, and the import says so."""
    from meetings.services.agenda import agenda_item_create

    client = login(world.user("coordinator"))
    _upload(client, body, calendar(vevent("b2@icb", "Network Board", days=20)))  # 2h30
    meeting = Meeting.objects.get(external_uid="b2@icb")
    agenda_item_create(meeting=meeting, title="Annual plan", minutes_allowed=120)

    _upload(client, body, calendar(vevent("b2@icb", "Network Board", days=20, end="1100")))

    meeting.refresh_from_db()
    assert meeting.ends_at - meeting.starts_at == datetime.timedelta(hours=1)
    reason = CalendarImport.objects.first().rows[0]["reason"]
    assert "Its agenda is now longer than the meeting: shorten it." in reason


def test_a_cancelled_event_cancels_the_meeting(world, login, body):
    client = login(world.user("coordinator"))
    _upload(client, body, calendar(vevent("b1@icb", "Network Board", days=20)))
    _upload(client, body, calendar(vevent("b1@icb", "Network Board", days=20, status="CANCELLED")))

    meeting = Meeting.objects.get(external_uid="b1@icb")
    assert meeting.status == Meeting.Status.CANCELLED
    assert "cancelled" in meeting.cancelled_reason
    assert CalendarImport.objects.first().cancelled == 1


def test_a_clash_with_a_meeting_scheduled_by_hand_is_skipped_with_the_reason(world, body):
    starts = datetime.datetime.combine(_day(20), datetime.time(10, 30), tzinfo=LONDON)
    Meeting.objects.create(
        organisation=world.organisation,
        body=body,
        kind=Meeting.Kind.BOARD,
        title="Board (typed in)",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=1),
    )
    record = board_calendar_import(body=body, data=calendar(vevent("x@icb", "Board", days=20)))
    assert record.skipped == 1
    assert "overlaps" in record.rows[0]["reason"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"Minutes of the last meeting\nNothing to see.", "not a calendar file Involve can read"),
        (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n", "no events in it"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 50, "not a calendar file Involve can read"),
    ],
)
def test_a_bad_file_is_refused_with_a_clear_message_and_nothing_changes(
    world, login, body, data, message
):
    client = login(world.user("org_admin"))
    response = _upload(client, body, data)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not CalendarImport.objects.exists() and not Meeting.objects.exists()


def test_neither_file_nor_address_says_what_to_give(world, login, body):
    client = login(world.user("coordinator"))
    response = client.post(reverse("body-calendar-import", args=[body.pk]), {"url": ""})
    assert "Choose the board&#x27;s calendar file, or give the address" in response.content.decode()


class _Calendar(http.server.BaseHTTPRequestHandler):
    body = b""

    def do_GET(self):  # noqa: N802
        self.send_response(200)
        self.send_header("Content-Type", "text/calendar")
        self.send_header("Content-Length", str(len(self.body)))
        self.end_headers()
        self.wfile.write(self.body)

    def log_message(self, *args):
        pass


@pytest.fixture
def served():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Calendar)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/board.ics"
    server.shutdown()
    server.server_close()


def test_an_address_is_read_once_and_refreshed_on_request(world, login, body, served):
    client = login(world.user("coordinator"))
    _Calendar.body = calendar(vevent("b1@icb", "Network Board", days=20))
    response = client.post(reverse("body-calendar-import", args=[body.pk]), {"url": served})
    assert response.status_code == 302
    assert Meeting.objects.get(external_uid="b1@icb").title == "Network Board"

    # The board publishes a change; nothing happens until someone asks.
    _Calendar.body = calendar(
        vevent("b1@icb", "Network Board", days=20),
        vevent("b2@icb", "Network Board (extra)", days=30),
    )
    assert Meeting.objects.count() == 1
    page = client.get(reverse("body-calendar-import", args=[body.pk])).content.decode()
    assert "Refresh from the address" in page and served in page

    response = client.post(reverse("body-calendar-refresh", args=[body.pk]))
    record = CalendarImport.objects.first()
    assert response["Location"] == reverse("calendar-import-detail", args=[record.pk])
    assert (record.added, record.unchanged, record.source_url) == (1, 1, served)
    assert Meeting.objects.count() == 2


def test_refresh_with_no_address_says_so(world, login, body):
    client = login(world.user("coordinator"))
    response = client.post(reverse("body-calendar-refresh", args=[body.pk]), follow=True)
    assert "never been read from an address" in response.content.decode()


@override_settings(INVOLVE_CALENDAR_FETCH_PRIVATE=False)
@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/board.ics",
        "http://localhost:8000/board.ics",
        "http://10.0.0.7/board.ics",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]/board.ics",
    ],
)
def test_private_and_loopback_addresses_are_never_read(world, login, body, url):
    client = login(world.user("coordinator"))
    response = client.post(reverse("body-calendar-import", args=[body.pk]), {"url": url})
    assert response.status_code == 200
    assert "on a private network, so Involve cannot read it" in response.content.decode()
    assert not CalendarImport.objects.exists()


@override_settings(INVOLVE_CALENDAR_FETCH_PRIVATE=False)
def test_a_name_that_changes_to_a_private_address_after_the_check_is_not_read(
    world, login, body, served, monkeypatch
):
    """DNS rebinding: the board's name answers with a public address when it is
    checked, then with the server's own loopback address when connecting. The
    address actually reached is checked too, so nothing is read."""
    import socket

    port = int(served.rsplit(":", 1)[1].split("/")[0])
    _Calendar.body = calendar(vevent("b1@icb", "Network Board", days=20))
    real = socket.getaddrinfo
    answers = []

    def rebinding(host, *args, **kwargs):
        if host != "calendar.board.example":
            return real(host, *args, **kwargs)
        answers.append(host)
        ip = "93.184.216.34" if len(answers) == 1 else "127.0.0.1"
        return [(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP, "", (ip, port))]

    monkeypatch.setattr(socket, "getaddrinfo", rebinding)
    client = login(world.user("coordinator"))
    response = client.post(
        reverse("body-calendar-import", args=[body.pk]),
        {"url": f"http://calendar.board.example:{port}/board.ics"},
    )

    assert len(answers) == 2  # checked, then looked up again to connect
    assert response.status_code == 200
    assert "on a private network, so Involve cannot read it" in response.content.decode()
    assert not Meeting.objects.exists() and not CalendarImport.objects.exists()


@pytest.mark.parametrize("url", ["ftp://example.org/board.ics", "file:///etc/passwd"])
def test_only_web_addresses_are_read(url):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="starts with https://"):
        fetch_calendar(url)


@override_settings(INVOLVE_CALENDAR_MAX_BYTES=2000)
def test_a_calendar_over_the_size_limit_is_refused(world, login, body, served):
    _Calendar.body = calendar(*[vevent(f"b{i}@icb", "Board", days=20 + i) for i in range(30)])
    client = login(world.user("coordinator"))
    response = client.post(reverse("body-calendar-import", args=[body.pk]), {"url": served})
    assert "larger than 1 KB" in response.content.decode()
    assert not Meeting.objects.exists()


def test_members_may_not_import_and_another_organisation_gets_404(world, login, body):
    assert login(world.user("member")).get(
        reverse("body-calendar-import", args=[body.pk])
    ).status_code in (403, 404)
    assert (
        login(world.user("other_org"))
        .get(reverse("body-calendar-import", args=[body.pk]))
        .status_code
        == 404
    )
    assert (
        login(world.user("coordinator"))
        .get(reverse("body-calendar-import", args=[body.pk]))
        .status_code
        == 200
    )


def test_an_https_connection_to_a_private_address_stops_before_the_handshake(served):
    """The same check for https: the address reached is refused before TLS."""
    from django.core.exceptions import ValidationError

    from meetings.services.board_calendar import _PublicHTTPSConnection

    port = int(served.rsplit(":", 1)[1].split("/")[0])
    connection = _PublicHTTPSConnection("127.0.0.1", port, timeout=5)
    with pytest.raises(ValidationError, match="on a private network"):
        connection.connect()
