"""Writes for meetings: schedule one, generate the next ones from a group's
cadence, change, cancel.

Cadence rule (how the next dates are worked out):
- "monthly" and "every two months" step whole calendar months from the first
  meeting's date, keeping its day of the month. When a month is too short for
  that day, the meeting is on the month's last day (the 31st of January gives
  28 or 29 February, 31 March, 30 April...): the series always returns to the
  first meeting's day, it never drifts.
- "every six weeks" and another pattern of weeks step whole weeks (6, or the
  group's number of weeks) from the first meeting's date.
- Every meeting keeps the first one's local time of day in Europe/London, so a
  7pm meeting stays at 7pm across the March and October clock changes (its
  UTC time moves by an hour).
"""

from __future__ import annotations

import calendar
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from involvement.clock import clock
from involvement.models import DecisionMakingBody, Group, Person
from involvement.services.outbox import notification_queue

from ..models import Meeting, Venue

LONDON = ZoneInfo("Europe/London")
Kind = Meeting.Kind
Mode = Meeting.Mode
Status = Meeting.Status
CADENCE_KINDS = (Kind.GROUP, Kind.INDUCTION, Kind.REFLECTIVE_REVIEW)
GENERATE_COUNT = 6


def add_months(day: date, months: int) -> date:
    """The same day of the month `months` later, or the month's last day when
    that month is shorter."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    last = calendar.monthrange(year, month)[1]
    return date(year, month, min(day.day, last))


def cadence_dates(group: Group, first: date, count: int) -> list[date]:
    """`count` dates from `first` (included) on the group's cadence."""
    cadence = group.cadence
    if cadence == Group.Cadence.MONTHLY:
        return [add_months(first, i) for i in range(count)]
    if cadence == Group.Cadence.BI_MONTHLY:
        return [add_months(first, 2 * i) for i in range(count)]
    weeks = 6 if cadence == Group.Cadence.SIX_WEEKLY else (group.cadence_weeks or 4)
    return [first + timedelta(weeks=weeks * i) for i in range(count)]


def next_cadence_date(group: Group, after: date) -> date:
    return cadence_dates(group, after, 2)[1]


def local_datetime(day: date, at: time) -> datetime:
    """A wall-clock time in Europe/London on that day, as an aware datetime."""
    return datetime.combine(day, at).replace(tzinfo=LONDON)


def _check_place(
    *,
    mode: str,
    venue: Venue | None,
    video_link: str,
    organisation_id: int,
    imported: bool = False,
):
    """A board meeting read from the board's own calendar may say its place
    in words (external_location) rather than as one of the venues here."""
    errors = {}
    if mode in (Mode.IN_PERSON, Mode.HYBRID) and venue is None and not imported:
        errors["venue"] = "Choose the venue: an in-person or hybrid meeting needs one."
    if mode in (Mode.ONLINE, Mode.HYBRID) and not video_link:
        errors["video_link"] = "Enter the video link: an online or hybrid meeting needs one."
    if venue is not None and venue.organisation_id != organisation_id:
        errors["venue"] = "Choose one of your organisation's venues."
    if errors:
        raise ValidationError(errors)


def _overlapping(meeting: Meeting):
    clash = Meeting.objects.filter(
        status=Status.SCHEDULED, starts_at__lt=meeting.ends_at, ends_at__gt=meeting.starts_at
    )
    if meeting.group_id:
        clash = clash.filter(group_id=meeting.group_id)
    else:
        clash = clash.filter(body_id=meeting.body_id)
    if meeting.pk:
        clash = clash.exclude(pk=meeting.pk)
    return clash.first()


def _describe(moment: datetime) -> str:
    """The day and time as every page writes them: "Tuesday 8 December 2026 at 10:30am"."""
    local = timezone.localtime(moment)
    return f"{local:%A %-d %B %Y} at {clock(local)}"


def _validate(meeting: Meeting, *, new_time: bool) -> None:
    if meeting.ends_at and meeting.starts_at and meeting.ends_at <= meeting.starts_at:
        raise ValidationError({"ends_at": "The meeting must end after it starts."})
    if new_time and meeting.starts_at <= timezone.now():
        raise ValidationError(
            {
                "starts_at": "The meeting must start in the future: "
                "you cannot schedule one in the past."
            }
        )
    _check_place(
        mode=meeting.mode,
        venue=meeting.venue,
        video_link=meeting.video_link,
        organisation_id=meeting.organisation_id,
        imported=bool(meeting.external_uid),
    )
    if meeting.status == Status.SCHEDULED:
        clash = _overlapping(meeting)
        if clash is not None:
            raise ValidationError(
                {
                    "starts_at": f"This overlaps “{clash.title}” on {_describe(clash.starts_at)}. "
                    "Choose another time, or move or cancel that meeting first."
                }
            )
    if meeting.mode == Mode.IN_PERSON:
        meeting.video_link = ""
    if meeting.mode == Mode.ONLINE:
        meeting.venue = None
    meeting.full_clean()


@transaction.atomic
def meeting_create(
    *,
    group: Group | None = None,
    body: DecisionMakingBody | None = None,
    kind: str = Kind.GROUP,
    title: str,
    starts_at: datetime,
    ends_at: datetime,
    mode: str = Mode.IN_PERSON,
    venue: Venue | None = None,
    video_link: str = "",
    external_uid: str = "",
    external_location: str = "",
    created_by=None,
) -> Meeting:
    owner = group or body
    if owner is None:
        raise ValidationError("A meeting belongs to a group or a decision-making body.")
    meeting = Meeting(
        organisation_id=owner.organisation_id,
        group=group,
        body=body,
        kind=kind,
        title=title,
        starts_at=starts_at,
        ends_at=ends_at,
        mode=mode,
        venue=venue,
        video_link=video_link,
        external_uid=external_uid,
        external_location=external_location,
        created_by=created_by,
    )
    _validate(meeting, new_time=True)
    meeting.save()
    return meeting


MEETING_FIELDS = (
    "kind",
    "title",
    "starts_at",
    "ends_at",
    "mode",
    "venue",
    "video_link",
    "external_location",
)
# A change to any of these is news to calendars (iCalendar SEQUENCE goes up).
CALENDAR_FIELDS = (
    "title",
    "starts_at",
    "ends_at",
    "mode",
    "venue",
    "video_link",
    "external_location",
)
# A change to any of these is news to the people invited: they are told at once.
NOTICE_FIELDS = ("starts_at", "mode", "venue", "external_location")


@transaction.atomic
def meeting_update(*, meeting: Meeting, check_agenda: bool = True, **fields) -> Meeting:
    """Change a meeting. A new start or end may not leave its agenda longer
    than the meeting, unless `check_agenda` is off (a board's own calendar
    says when its meeting is: the import takes the time and says the agenda
    needs shortening)."""
    if meeting.status == Status.CANCELLED:
        raise ValidationError("This meeting was cancelled, so it cannot be changed.")
    before = {name: getattr(meeting, name) for name in CALENDAR_FIELDS}
    from .briefing_packs import MEETING_FIELDS as PACK_FIELDS
    from .briefing_packs import briefing_pack_refresh_for

    shown = [getattr(meeting, name) for name in PACK_FIELDS]
    for name, value in fields.items():
        if name in MEETING_FIELDS:
            setattr(meeting, name, value)
    new_time = meeting.starts_at != before["starts_at"]
    _validate(meeting, new_time=new_time)
    moved = (meeting.starts_at, meeting.ends_at) != (before["starts_at"], before["ends_at"])
    if check_agenda and moved:
        from .agenda import agenda_check_meeting_length

        agenda_check_meeting_length(meeting)
    if any(getattr(meeting, name) != before[name] for name in CALENDAR_FIELDS):
        meeting.sequence += 1
    meeting.save()
    if any(getattr(meeting, name) != before[name] for name in NOTICE_FIELDS):
        # The people invited hear at once; reminders already queued are
        # written afresh with the new time when they go.
        from .reminders import meeting_tell_changed

        meeting_tell_changed(meeting=meeting)
    if [getattr(meeting, name) for name in PACK_FIELDS] != shown:
        briefing_pack_refresh_for(meeting=meeting)  # a board meeting's kept pack
    return meeting


@transaction.atomic
def meeting_generate_from_cadence(
    *,
    group: Group,
    first_date: date | None = None,
    start_time: time,
    duration: timedelta,
    kind: str = Kind.GROUP,
    mode: str = Mode.IN_PERSON,
    venue: Venue | None = None,
    video_link: str = "",
    count: int = GENERATE_COUNT,
    created_by=None,
) -> list[Meeting]:
    """The group's next `count` meetings on its cadence, at `start_time`
    (Europe/London) each time. Without `first_date`, the series continues one
    step after the group's last scheduled meeting of the same kind. All or nothing: if any
    date clashes or is past, none is created and the message says which."""
    if kind not in CADENCE_KINDS:
        raise ValidationError(
            {"kind": "Choose a group meeting, an induction or a reflective review."}
        )
    if duration <= timedelta(0):
        raise ValidationError({"duration": "The meeting must end after it starts."})
    if first_date is None:
        last = (
            Meeting.objects.filter(group=group, kind=kind, status=Status.SCHEDULED)
            .order_by("-starts_at")
            .first()
        )
        if last is None:
            raise ValidationError(
                {"first_date": "Enter the date of the first meeting: the group has none yet."}
            )
        first_date = next_cadence_date(group, timezone.localtime(last.starts_at, LONDON).date())
    label = Kind(kind).label
    created = []
    for day in cadence_dates(group, first_date, count):
        starts_at = local_datetime(day, start_time)
        try:
            created.append(
                meeting_create(
                    group=group,
                    kind=kind,
                    title=f"{group.name}: {label.lower() if kind != Kind.GROUP else 'meeting'}",
                    starts_at=starts_at,
                    ends_at=starts_at + duration,
                    mode=mode,
                    venue=venue,
                    video_link=video_link,
                    created_by=created_by,
                )
            )
        except ValidationError as exc:
            if hasattr(exc, "error_dict") and "starts_at" in exc.error_dict:
                message = " ".join(exc.message_dict["starts_at"])
                raise ValidationError(
                    {"first_date": f"The meeting on {day:%-d %B %Y} cannot be scheduled. {message}"}
                ) from exc
            raise
    return created


@transaction.atomic
def meeting_cancel(*, meeting: Meeting, reason: str, cancelled_by=None) -> Meeting:
    """Cancel, and tell everyone invited (once each, however often this runs)."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            {"reason": "Say why the meeting is cancelled: the people invited are told."}
        )
    if meeting.status == Status.CANCELLED:
        raise ValidationError("This meeting is already cancelled.")
    meeting.status = Status.CANCELLED
    meeting.cancelled_reason = reason
    meeting.sequence += 1
    meeting.full_clean()
    meeting.save()
    when = _describe(meeting.starts_at)
    for invitation in meeting.invitations.select_related("person"):
        person: Person = invitation.person
        name = person.preferred_name or person.full_name
        notification_queue(
            recipient=person,
            organisation=meeting.organisation,
            subject=f"Cancelled: {meeting.title}, {when}",
            body_text=(
                f"Dear {name},\n\n{meeting.title} on {when} has been cancelled.\n\n"
                f"Why: {reason}\n\nWe are sorry for any trouble this causes. "
                "We will let you know the date of the next meeting."
            ),
            idempotency_key=f"meetings:cancelled:{meeting.pk}:{person.pk}",
            kind="meeting_cancelled",
            about=f"meeting:{meeting.pk}",
        )
    return meeting
