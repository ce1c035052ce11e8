"""Board meetings from the calendar a board publishes (RFC 5545 iCalendar).

The coordinator uploads the board's .ics file, or gives the address the
board publishes it at: the address is read once, on request ("Refresh from
the address" reads it again), never on a timer. Every event becomes one of
the body's board meetings:

- an event whose UID is new is added;
- an event whose UID was imported before updates that meeting's date, time,
  place and title (no copy is made); the people invited hear of a new time
  or place as for any change;
- an event marked STATUS:CANCELLED cancels its meeting (and the people
  invited are told);
- anything else is skipped, with the reason: no UID, no start time, an
  all-day or repeating event, a meeting already over, a clash with another
  of the body's meetings.

The place: a LOCATION that names one of the organisation's venues is that
venue; any other is kept in words (`external_location`).

Reading an address: http and https only; the host must not resolve to a
private, loopback, link-local or otherwise non-public address (unless
INVOLVE_CALENDAR_FETCH_PRIVATE is on: the tests); redirects are followed only
to addresses that pass the same check; a timeout and a size limit apply.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from involvement.errors import ApplicationError
from involvement.models import DecisionMakingBody

from ..models import CalendarImport, Meeting, Venue
from .agenda import agenda_check_meeting_length
from .meetings import _describe, meeting_cancel, meeting_create, meeting_update

LONDON = ZoneInfo("Europe/London")
DEFAULT_LENGTH = timedelta(hours=2)
CANCELLED_REASON = "The board's own calendar shows this meeting as cancelled."

ADDED, UPDATED, CANCELLED, UNCHANGED, SKIPPED = (
    "added",
    "updated",
    "cancelled",
    "unchanged",
    "skipped",
)
OUTCOME_LABELS = {
    ADDED: "Added",
    UPDATED: "Updated",
    CANCELLED: "Cancelled",
    UNCHANGED: "No change",
    SKIPPED: "Skipped",
}


# --- Reading an address ----------------------------------------------------------


def _max_bytes() -> int:
    return settings.INVOLVE_CALENDAR_MAX_BYTES


def check_address(url: str) -> None:
    """Refuse an address Involve must not read: not http(s), or a host on a
    private, loopback or link-local network (the server's own neighbours)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValidationError({"url": "Enter a web address that starts with https:// (or http://)"})
    if settings.INVOLVE_CALENDAR_FETCH_PRIVATE:
        return
    try:
        infos = socket.getaddrinfo(parts.hostname, parts.port or None, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError) as exc:
        raise ValidationError(
            {"url": "That address could not be found. Check it and try again"}
        ) from exc
    for info in infos:
        _refuse_private(info[4][0])


PRIVATE_ADDRESS = (
    "That address is on a private network, so Involve cannot read it. "
    "Give the address the board publishes on the internet, or upload the file"
)


def _refuse_private(ip: str) -> None:
    address = ipaddress.ip_address(ip.split("%")[0])
    if not address.is_global or address.is_multicast:
        raise ValidationError({"url": PRIVATE_ADDRESS})


class _PeerChecked:
    """A connection that checks the address it actually reached: the name is
    looked up again when connecting, and a name that answered with a public
    address for check_address may answer with a private one now (DNS
    rebinding). Nothing is sent before the check."""

    def connect(self):
        http.client.HTTPConnection.connect(self)
        try:
            _refuse_private(self.sock.getpeername()[0])
        except ValidationError:
            self.sock.close()
            raise


class _PublicHTTPConnection(_PeerChecked, http.client.HTTPConnection):
    pass


class _PublicHTTPSConnection(_PeerChecked, http.client.HTTPSConnection):
    def connect(self):
        super().connect()
        self.sock = self._context.wrap_socket(self.sock, server_hostname=self.host)


class _PublicHTTPHandler(urllib.request.HTTPHandler):
    def http_open(self, req):
        return self.do_open(_PublicHTTPConnection, req)


class _PublicHTTPSHandler(urllib.request.HTTPSHandler):
    def https_open(self, req):
        return self.do_open(_PublicHTTPSConnection, req, context=ssl.create_default_context())


class _CheckedRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        check_address(newurl)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def fetch_calendar(url: str) -> bytes:
    """The calendar at `url`, read once (timeout and size limit)."""
    check_address(url)
    handlers = [_CheckedRedirects]
    if not settings.INVOLVE_CALENDAR_FETCH_PRIVATE:
        # Straight to the board's server (no proxy from the environment), and
        # only if the address connected to is public too.
        handlers += [urllib.request.ProxyHandler({}), _PublicHTTPHandler, _PublicHTTPSHandler]
    opener = urllib.request.build_opener(*handlers)
    # check_address allowed only http and https (and, in production, public hosts).
    request = urllib.request.Request(  # noqa: S310
        url, headers={"User-Agent": "Involve board calendar import", "Accept": "text/calendar"}
    )
    limit = _max_bytes()
    try:
        with opener.open(request, timeout=settings.INVOLVE_CALENDAR_FETCH_TIMEOUT) as response:
            length = response.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > limit:
                raise _too_big("url")
            data = response.read(limit + 1)
    except ValidationError:
        raise
    except urllib.error.HTTPError as exc:
        raise ValidationError(
            {
                "url": f"The board's site answered “{exc.code} {exc.reason}”, so the calendar "
                "could not be read. Check the address, or upload the file instead"
            }
        ) from exc
    except (urllib.error.URLError, OSError, ValueError) as exc:
        raise ValidationError(
            {
                "url": "The calendar could not be read from that address (no answer in time, "
                "or no such site). Check the address, or upload the file instead"
            }
        ) from exc
    if len(data) > limit:
        raise _too_big("url")
    return data


def _too_big(field: str) -> ValidationError:
    size = _max_bytes() // 1024
    return ValidationError(
        {field: f"The calendar is larger than {size:,} KB, which is more than a board publishes"}
    )


# --- Reading the calendar ----------------------------------------------------------


@dataclass
class Event:
    uid: str
    title: str
    starts_at: datetime | None
    ends_at: datetime | None
    location: str
    cancelled: bool
    problem: str = ""


def _aware(value) -> datetime:
    if timezone.is_naive(value):  # "floating" time: the board's local time
        return value.replace(tzinfo=LONDON)
    return value


def _one_line(value, limit: int) -> str:
    text = " ".join(str(value or "").split())
    return text[:limit]


def parse_calendar(data: bytes, *, field: str = "file") -> list[Event]:
    """The events of an iCalendar document; a document that is not one is
    refused with a message saying so (nothing is changed)."""
    from icalendar import Calendar

    if len(data) > _max_bytes():
        raise _too_big(field)
    not_calendar = ValidationError(
        {
            field: "That is not a calendar file Involve can read. Choose the board's .ics "
            "file (it starts with BEGIN:VCALENDAR)"
        }
    )
    if b"BEGIN:VCALENDAR" not in data[:4096].upper():
        raise not_calendar
    try:
        calendar = Calendar.from_ical(data)
        components = list(calendar.walk("VEVENT"))
    except Exception as exc:  # the parser raises ValueError and others on bad text
        raise not_calendar from exc
    events = []
    for component in components:
        try:
            events.append(_event(component))
        except Exception:  # one unreadable event is skipped, not the whole file
            uid = _one_line(component.get("UID"), 255)
            events.append(
                Event(
                    uid=uid,
                    title=_one_line(component.get("SUMMARY"), 150),
                    starts_at=None,
                    ends_at=None,
                    location="",
                    cancelled=False,
                    problem="Its date or time could not be read.",
                )
            )
    if not events:
        raise ValidationError({field: "The calendar has no events in it, so nothing was added"})
    return events


def _event(component) -> Event:
    uid = _one_line(component.get("UID"), 255)
    title = _one_line(component.get("SUMMARY"), 150)
    location = _one_line(component.get("LOCATION"), 255)
    cancelled = str(component.get("STATUS", "")).upper() == "CANCELLED"
    event = Event(uid, title, None, None, location, cancelled)
    if not uid:
        event.problem = "It has no UID, so a later import could not recognise it."
        return event
    start = component.decoded("DTSTART") if component.get("DTSTART") else None
    if start is None:
        event.problem = "It has no start time."
        return event
    if not isinstance(start, datetime) and isinstance(start, date):
        event.problem = "It is an all-day event with no time: add the meeting by hand."
        return event
    if component.get("RRULE"):
        event.problem = (
            "It repeats (a rule, not a list of dates): ask the board for its calendar of "
            "meetings, or add them by hand."
        )
        return event
    event.starts_at = _aware(start)
    if component.get("DTEND"):
        end = component.decoded("DTEND")
        event.ends_at = _aware(end) if isinstance(end, datetime) else None
    elif component.get("DURATION"):
        event.ends_at = event.starts_at + component.decoded("DURATION")
    if event.ends_at is None or event.ends_at <= event.starts_at:
        event.ends_at = event.starts_at + DEFAULT_LENGTH
    if not event.title:
        event.problem = "It has no title (SUMMARY)."
    return event


# --- Making the meetings -------------------------------------------------------------


def _venue_for(location: str, venues: list[Venue]) -> Venue | None:
    wanted = location.lower()
    for venue in venues:
        name = venue.name.lower()
        if wanted == name or wanted.startswith(name + ","):
            return venue
    return None


def _place(event: Event, venues: list[Venue], meeting: Meeting | None) -> dict:
    """The place fields the event gives. A LOCATION unchanged since the last
    import leaves a venue the coordinator chose since."""
    venue = _venue_for(event.location, venues) if event.location else None
    if venue is not None:
        return {"mode": Meeting.Mode.IN_PERSON, "venue": venue, "external_location": ""}
    if meeting is not None and meeting.external_location == event.location:
        return {}
    return {"mode": Meeting.Mode.IN_PERSON, "venue": None, "external_location": event.location}


def _refusal(exc: ValidationError) -> str:
    return " ".join(exc.messages)


def _row(event: Event, outcome: str, reason: str = "", meeting: Meeting | None = None) -> dict:
    return {
        "uid": event.uid,
        "title": event.title or "(no title)",
        "starts_at": event.starts_at.isoformat() if event.starts_at else "",
        "outcome": outcome,
        "reason": reason,
        "meeting": meeting.pk if meeting else None,
    }


def _changes(meeting: Meeting, fields: dict) -> list[str]:
    said = []
    if fields["starts_at"] != meeting.starts_at or fields["ends_at"] != meeting.ends_at:
        said.append(f"time (was {_describe(meeting.starts_at)})")
    if any(
        name in fields and fields[name] != getattr(meeting, name)
        for name in ("mode", "venue", "external_location")
    ):
        said.append("place")
    if fields["title"] != meeting.title:
        said.append(f"title (was “{meeting.title}”)")
    return said


def _apply(body, event: Event, existing: dict, venues: list[Venue], user) -> dict:
    meeting = existing.get(event.uid)
    if event.problem:
        return _row(event, SKIPPED, event.problem, meeting)
    now = timezone.now()
    if event.cancelled:
        if meeting is None:
            return _row(event, SKIPPED, "It is cancelled, and was never added here.")
        if meeting.status == Meeting.Status.CANCELLED:
            return _row(event, UNCHANGED, "Cancelled already.", meeting)
        if meeting.starts_at <= now:
            return _row(event, SKIPPED, "The meeting has been held already.", meeting)
        meeting_cancel(meeting=meeting, reason=CANCELLED_REASON, cancelled_by=user)
        return _row(event, CANCELLED, "Everyone invited has been told.", meeting)
    fields = {
        "title": event.title,
        "starts_at": event.starts_at,
        "ends_at": event.ends_at,
        **_place(event, venues, meeting),
    }
    if meeting is None:
        if event.starts_at <= now:
            return _row(event, SKIPPED, "It is in the past: only meetings to come are added.")
        meeting = meeting_create(
            body=body,
            kind=Meeting.Kind.BOARD,
            external_uid=event.uid,
            created_by=user,
            **{"mode": Meeting.Mode.IN_PERSON, **fields},
        )
        return _row(event, ADDED, "", meeting)
    if meeting.status == Meeting.Status.CANCELLED:
        return _row(
            event,
            SKIPPED,
            "This meeting was cancelled here. Schedule it again by hand if it goes ahead.",
            meeting,
        )
    changes = _changes(meeting, fields)
    if not changes:
        return _row(event, UNCHANGED, "", meeting)
    if meeting.ends_at <= now:
        return _row(event, SKIPPED, "The meeting has been held already.", meeting)
    meeting_update(meeting=meeting, check_agenda=False, **fields)
    reason = "Changed: " + ", ".join(changes) + "."
    try:
        agenda_check_meeting_length(meeting)
    except ValidationError:
        reason += " Its agenda is now longer than the meeting: shorten it."
    return _row(event, UPDATED, reason, meeting)


@transaction.atomic
def board_calendar_import(
    *,
    body: DecisionMakingBody,
    data: bytes,
    source_url: str = "",
    filename: str = "",
    imported_by=None,
    field: str = "file",
) -> CalendarImport:
    """Read the calendar and make its events the body's board meetings.
    Each event is done on its own: one refused (a clash, a past time) is
    skipped with the reason and the others still go in."""
    events = parse_calendar(data, field=field)
    existing = {
        meeting.external_uid: meeting
        for meeting in Meeting.objects.select_for_update(of=("self",))
        .filter(body=body)
        .exclude(external_uid="")
        .select_related("venue")
    }
    venues = list(Venue.objects.filter(organisation_id=body.organisation_id))
    rows, seen = [], set()
    for event in sorted(events, key=lambda e: e.starts_at or timezone.now()):
        if event.uid and event.uid in seen:
            rows.append(_row(event, SKIPPED, "The calendar has this UID twice: the first counts."))
            continue
        seen.add(event.uid)
        try:
            with transaction.atomic():
                rows.append(_apply(body, event, existing, venues, imported_by))
        except (ValidationError, ApplicationError) as exc:
            reason = exc.message if isinstance(exc, ApplicationError) else _refusal(exc)
            rows.append(_row(event, SKIPPED, reason, existing.get(event.uid)))
    counts = {
        outcome: sum(1 for row in rows if row["outcome"] == outcome) for outcome in OUTCOME_LABELS
    }
    return CalendarImport.objects.create(
        body=body,
        source_url=source_url,
        filename=filename[:255],
        imported_by=imported_by,
        rows=rows,
        **counts,
    )


def board_calendar_import_upload(*, body, upload, imported_by=None) -> CalendarImport:
    if upload.size > _max_bytes():
        raise _too_big("file")
    data = upload.read(_max_bytes() + 1)
    return board_calendar_import(
        body=body, data=data, filename=upload.name or "", imported_by=imported_by, field="file"
    )


def board_calendar_import_url(*, body, url: str, imported_by=None) -> CalendarImport:
    data = fetch_calendar(url)
    return board_calendar_import(
        body=body, data=data, source_url=url, imported_by=imported_by, field="url"
    )


def last_address(body) -> str:
    """The address the body's calendar was last read from ("" if none)."""
    return (
        CalendarImport.objects.filter(body=body)
        .exclude(source_url="")
        .values_list("source_url", flat=True)
        .first()
        or ""
    )


def board_calendar_refresh(*, body, imported_by=None) -> CalendarImport:
    """Read the calendar again from the address it was last read from."""
    url = last_address(body)
    if not url:
        raise ApplicationError(
            "This body's calendar has never been read from an address. Give the address first."
        )
    try:
        return board_calendar_import_url(body=body, url=url, imported_by=imported_by)
    except ValidationError as exc:
        raise ApplicationError(_refusal(exc)) from exc
