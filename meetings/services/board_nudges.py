"""Nudges around a board meeting, through the outbox (issue 12):

- to the members of the representatives' groups: the last day for points is
  close (from POINTS_DAYS_BEFORE days before it), with a link to add one;
- to the body's representatives: the briefing pack is ready, when it is first
  made and again when it is made afresh after a change (the key names the
  pack's version, so each version is told once; a pack still changing is
  left to settle for PACK_SETTLE first);
- to the organisation's coordinators and the representatives: the debrief is
  due, DEBRIEF_DAYS after the board met while none is published.

The database is the schedule: a short periodic task (meetings.send_board_nudges)
finds what is due and queues each message once by its idempotency key, so a
task run twice queues nothing new. Each message is looked at again just
before it goes (send_check): a cancelled or moved meeting, a changed cut-off,
a newer pack, or a debrief published meanwhile stops it, with the reason.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from involvement.links import absolute_reverse
from involvement.models import Notification, Person, StaffRole
from involvement.services.outbox import SendCheck, notification_queue

from ..models import Briefing, Debrief, Meeting
from ..seats import meeting_day, seats_for_debrief
from .meetings import _describe

KIND_POINTS = "briefing_points_closing"
KIND_PACK = "briefing_pack_ready"
KIND_DEBRIEF = "debrief_due"
KINDS = (KIND_POINTS, KIND_PACK, KIND_DEBRIEF)

POINTS_DAYS_BEFORE = 3
PACK_SETTLE = timedelta(minutes=30)
DEBRIEF_DAYS = (2, 7)
# After this long a debrief not written is the coordinators' lists' business.
DEBRIEF_WINDOW = timedelta(days=21)
ACTIVE_MEMBER_STATUSES = ("selected", "inducted", "active", "paused")

Status = Meeting.Status


def _name(person: Person) -> str:
    return person.preferred_name or person.full_name


def _day(value) -> str:
    return f"{value:%A %-d %B %Y}"


def _representatives(meeting: Meeting) -> dict[int, Person]:
    seats = seats_for_debrief(meeting)
    return {seat.membership.person_id: seat.membership.person for seat in seats}


def _group_members(meeting: Meeting) -> dict[int, Person]:
    """Members of the groups whose members sat on the board that day."""
    from involvement.models import Membership

    groups = {seat.membership.group_id for seat in seats_for_debrief(meeting)}
    return {
        m.person_id: m.person
        for m in Membership.objects.filter(
            group_id__in=groups, status__in=ACTIVE_MEMBER_STATUSES
        ).select_related("person")
    }


def _queue(keys: dict[str, tuple], *, kind: str, organisation) -> int:
    """Queue each (person, about, subject, body) under its key, once."""
    existing = set(
        Notification.objects.filter(idempotency_key__in=list(keys)).values_list(
            "idempotency_key", flat=True
        )
    )
    queued = 0
    for key, (person, about, subject, body) in keys.items():
        if key in existing:
            continue
        notification_queue(
            recipient=person,
            organisation=organisation,
            subject=subject,
            body_text=body,
            idempotency_key=key,
            kind=kind,
            about=about,
        )
        queued += 1
    return queued


# --- The last day for points is close ------------------------------------------------


def points_message(*, briefing: Briefing, person: Person) -> tuple[str, str]:
    meeting = briefing.meeting
    days = (briefing.points_close_on - timezone.localdate()).days
    when = "today" if days <= 0 else ("tomorrow" if days == 1 else f"in {days} days")
    subject = f"Points for {meeting.title}: the last day is {_day(briefing.points_close_on)}"
    body = (
        f"Dear {_name(person)},\n\n"
        f"The group's representatives go to {meeting.title} on {_describe(meeting.starts_at)}. "
        f"The last day to add a point you want them to raise is {when}, "
        f"{_day(briefing.points_close_on)}.\n\n"
        f"Add a point: {absolute_reverse('meeting-briefing-point', kwargs={'pk': meeting.pk})}\n\n"
        "If you would rather tell someone, call or write to your coordinator."
    )
    return subject, body


def _points_due(now: datetime) -> int:
    today = timezone.localdate(now)
    briefings = Briefing.objects.filter(
        meeting__status=Status.SCHEDULED,
        meeting__starts_at__gt=now,
        points_close_on__gte=today,
        points_close_on__lte=today + timedelta(days=POINTS_DAYS_BEFORE),
    ).select_related("meeting__organisation")
    queued = 0
    for briefing in briefings:
        meeting = briefing.meeting
        about = f"briefing:{briefing.pk}:points:{briefing.points_close_on.isoformat()}"
        keys = {}
        for person in _group_members(meeting).values():
            subject, body = points_message(briefing=briefing, person=person)
            key = f"{about}:person:{person.pk}"
            keys[key] = (person, about, subject, body)
        queued += _queue(keys, kind=KIND_POINTS, organisation=meeting.organisation)
    return queued


# --- The briefing pack is ready -------------------------------------------------------


def pack_message(*, briefing: Briefing, person: Person) -> tuple[str, str]:
    meeting = briefing.meeting
    link = absolute_reverse("meeting-briefing-pack", kwargs={"pk": meeting.pk})
    if person.large_print:
        link += "?large_print=1"
    subject = f"Your briefing pack is ready: {meeting.title}, {_describe(meeting.starts_at)}"
    body = (
        f"Dear {_name(person)},\n\n"
        f"The briefing pack for {meeting.title} on {_describe(meeting.starts_at)} is ready"
        + (" (it was made again after a change)" if briefing.sent_at else "")
        + ": what to expect, the board's papers in plain English, the points the group "
        "wants raised and a glossary.\n\n"
        f"Download it: {link}\n"
        f"Read it online: {absolute_reverse('meeting-briefing', kwargs={'pk': meeting.pk})}\n\n"
        "If you would like it in another format, or to talk it through, tell your coordinator."
    )
    return subject, body


def _pack_version(briefing: Briefing) -> str:
    return briefing.pack_inputs[:16]


def _packs_ready(now: datetime) -> int:
    briefings = Briefing.objects.filter(
        pack_state=Briefing.PackState.READY,
        pack_built_at__lte=now - PACK_SETTLE,
        meeting__status=Status.SCHEDULED,
        meeting__starts_at__gt=now,
    ).select_related("meeting__organisation")
    queued = 0
    for briefing in briefings:
        meeting = briefing.meeting
        about = f"briefing:{briefing.pk}:pack:{_pack_version(briefing)}"
        keys = {}
        for person in _representatives(meeting).values():
            subject, body = pack_message(briefing=briefing, person=person)
            keys[f"{about}:person:{person.pk}"] = (person, about, subject, body)
        queued += _queue(keys, kind=KIND_PACK, organisation=meeting.organisation)
    return queued


# --- The debrief is due -----------------------------------------------------------------


def debrief_message(*, meeting: Meeting, person: Person, days: int) -> tuple[str, str]:
    link = absolute_reverse("meeting-debrief", kwargs={"pk": meeting.pk})
    subject = f"Debrief due: {meeting.title} on {_day(meeting_day(meeting))}"
    body = (
        f"Dear {_name(person)},\n\n"
        f"{meeting.title} met {days} days ago, on {_describe(meeting.starts_at)}, and its "
        "debrief has not been published yet. The group is waiting to hear what was said "
        "about its points.\n\n"
        f"Write the debrief (it works on a phone): {link}\n\n"
        "If you need help with it, the representative and the coordinator can write it together."
    )
    return subject, body


def _coordinators(organisation_id: int, cache: dict) -> list[Person]:
    from involvement.services.people import person_get_or_create_for_user

    if organisation_id not in cache:
        cache[organisation_id] = [
            person_get_or_create_for_user(user=role.user)
            for role in StaffRole.objects.filter(
                organisation_id=organisation_id, role=StaffRole.Role.COORDINATOR
            ).select_related("user")
        ]
    return cache[organisation_id]


def _debriefs_due(now: datetime) -> int:
    published = Debrief.objects.filter(published_at__isnull=False).values("meeting_id")
    meetings = (
        Meeting.objects.filter(
            kind=Meeting.Kind.BOARD,
            status=Status.SCHEDULED,
            body__isnull=False,
            starts_at__lte=now - timedelta(days=min(DEBRIEF_DAYS)),
            starts_at__gte=now - DEBRIEF_WINDOW,
        )
        .exclude(pk__in=published)
        .select_related("organisation")
    )
    coordinators: dict[int, list[Person]] = {}
    queued = 0
    for meeting in meetings:
        due = [d for d in DEBRIEF_DAYS if meeting.starts_at + timedelta(days=d) <= now]
        days = max(due)
        about = f"debrief-due:{meeting.pk}:{days}"
        people = {
            **_representatives(meeting),
            **{p.pk: p for p in _coordinators(meeting.organisation_id, coordinators)},
        }
        keys = {}
        for person in people.values():
            subject, body = debrief_message(meeting=meeting, person=person, days=days)
            keys[f"meeting:{meeting.pk}:debrief-due:{days}d:person:{person.pk}"] = (
                person,
                about,
                subject,
                body,
            )
        queued += _queue(keys, kind=KIND_DEBRIEF, organisation=meeting.organisation)
    return queued


@transaction.atomic
def board_nudges_queue(*, now: datetime | None = None) -> int:
    """Queue every board nudge due now, each once. Returns how many."""
    now = now or timezone.now()
    return _points_due(now) + _packs_ready(now) + _debriefs_due(now)


# --- Checked at send time ----------------------------------------------------------------


def _briefing_of(notification: Notification) -> tuple[Briefing | None, list[str]]:
    parts = notification.about.split(":")
    if len(parts) < 4 or parts[0] != "briefing" or not parts[1].isdigit():
        return None, parts
    briefing = (
        Briefing.objects.filter(pk=int(parts[1])).select_related("meeting__organisation").first()
    )
    return briefing, parts


def _meeting_gone(meeting: Meeting, now: datetime) -> str:
    if meeting.status == Status.CANCELLED:
        return "The board meeting was cancelled."
    if meeting.starts_at <= now:
        return "The board meeting had already started."
    return ""


def points_send_check(notification: Notification) -> SendCheck:
    briefing, parts = _briefing_of(notification)
    if briefing is None:
        return SendCheck(cancel="The briefing was deleted.")
    now = timezone.now()
    if reason := _meeting_gone(briefing.meeting, now):
        return SendCheck(cancel=reason)
    if briefing.points_close_on.isoformat() != parts[3]:
        return SendCheck(
            cancel="The last day for points changed: a message naming the new day goes instead."
        )
    if timezone.localdate(now) > briefing.points_close_on:
        return SendCheck(cancel="The last day for points had passed.")
    subject, body = points_message(briefing=briefing, person=notification.recipient)
    return SendCheck(subject=subject, body_text=body)


def pack_send_check(notification: Notification) -> SendCheck:
    briefing, parts = _briefing_of(notification)
    if briefing is None:
        return SendCheck(cancel="The briefing was deleted.")
    if reason := _meeting_gone(briefing.meeting, timezone.now()):
        return SendCheck(cancel=reason)
    if briefing.pack_state != Briefing.PackState.READY or _pack_version(briefing) != parts[3]:
        return SendCheck(
            cancel="The briefing changed and a new pack is being made: "
            "a message about the new pack goes instead."
        )
    person = notification.recipient
    if briefing.meeting_id and person.pk not in _representatives(briefing.meeting):
        return SendCheck(cancel="The person no longer sits on the board.")
    sent = f"meetings:briefing-pack:{briefing.pk}:{person.pk}:{_pack_version(briefing)}"
    if (
        Notification.objects.filter(idempotency_key=sent)
        .exclude(status=Notification.Status.CANCELLED)
        .exists()
    ):
        return SendCheck(cancel="The coordinator sent this pack to the person already.")
    subject, body = pack_message(briefing=briefing, person=person)
    return SendCheck(subject=subject, body_text=body)


def debrief_send_check(notification: Notification) -> SendCheck:
    parts = notification.about.split(":")
    if len(parts) < 3 or not parts[1].isdigit() or not parts[2].isdigit():
        return SendCheck()
    meeting = Meeting.objects.filter(pk=int(parts[1])).first()
    if meeting is None:
        return SendCheck(cancel="The board meeting was deleted.")
    if meeting.status == Status.CANCELLED:
        return SendCheck(cancel="The board meeting was cancelled.")
    if meeting.starts_at > timezone.now():
        return SendCheck(cancel="The board meeting moved to a later date.")
    if Debrief.objects.filter(meeting=meeting, published_at__isnull=False).exists():
        return SendCheck(cancel="The debrief was published before this reminder went.")
    subject, body = debrief_message(
        meeting=meeting, person=notification.recipient, days=int(parts[2])
    )
    return SendCheck(subject=subject, body_text=body)


SEND_CHECKS = {
    KIND_POINTS: points_send_check,
    KIND_PACK: pack_send_check,
    KIND_DEBRIEF: debrief_send_check,
}
