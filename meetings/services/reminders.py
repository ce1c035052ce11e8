"""Reminders to the people invited to a meeting, a chaser to those who have
not replied, and a notice at once when a meeting's time or place changes.

The database is the schedule: a short periodic task (meetings.send_meeting_reminders)
finds what is due now and queues outbox rows with idempotency keys such as
`meeting:123:reminder:7d:person:45`, so a task run twice, or a beat firing
twice, queues each message once. Nothing waits in the broker.

Every message here is looked at again just before it goes (send_check): a
message about a meeting since cancelled or over is cancelled with a reason,
and one about a meeting since moved is written afresh with the new time and
place.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format

from involvement.links import absolute_reverse
from involvement.models import Group, Notification, Person
from involvement.models.groups import parse_reminder_days
from involvement.services.outbox import (
    Outgoing,
    SendCheck,
    batch_memo,
    notification_queue,
    notification_queue_many,
)

from ..models import Action, Invitation, Meeting
from .meetings import _describe

Rsvp = Invitation.Rsvp
Status = Meeting.Status

KIND_REMINDER = "meeting_reminder"
KIND_CHASER = "meeting_chaser"
KIND_CHANGED = "meeting_changed"
KINDS = (KIND_REMINDER, KIND_CHASER, KIND_CHANGED)

# Why a reminder was held back: it is queued again for the meeting's new date.
MOVED_LATER = (
    "The meeting moved to a later date: the notice of the change went instead, "
    "and the reminder goes again before the new date."
)

# Invitees who have not replied are asked once, this many days before.
CHASER_DAYS_BEFORE = 5
# ...but not in the last day: the reminder the day before says it all.
CHASER_NOT_AFTER = timedelta(days=1)


def _place(meeting: Meeting) -> str:
    if meeting.mode == Meeting.Mode.ONLINE:
        return "Online: the joining link is on the meeting's page."
    venue = meeting.venue
    where = f"{venue.name}, {venue.postcode}" if venue else "the place on the meeting's page"
    if meeting.mode == Meeting.Mode.HYBRID:
        return f"At {where}, or online."
    return f"At {where}."


def _name(person: Person) -> str:
    return person.preferred_name or person.full_name


def _about(meeting: Meeting, days: int | None = None) -> str:
    return f"meeting:{meeting.pk}" + (f":{days}" if days is not None else "")


def _when_words(meeting: Meeting) -> str:
    """How far off the meeting is, counted in calendar days in London, from
    now (the message is written again when it goes)."""
    days = (timezone.localdate(meeting.starts_at) - timezone.localdate()).days
    if days <= 0:
        return "today"
    return "tomorrow" if days == 1 else f"in {days} days"


def reminder_message(*, meeting: Meeting, person: Person) -> tuple[str, str]:
    """Subject and text of a reminder, from the meeting as it is now."""
    when = _describe(meeting.starts_at)
    reply = ""
    invitation = next((i for i in meeting.invitations.all() if i.person_id == person.pk), None)
    if invitation is not None and invitation.rsvp == Rsvp.NO_REPLY:
        reply = "\n\nPlease let us know if you can come."
    subject = f"Reminder: {meeting.title}, {when}"
    body = (
        f"Dear {_name(person)},\n\n"
        f"This is a reminder that {meeting.title} is {_when_words(meeting)}, on {when}.\n\n"
        f"{_place(meeting)}{reply}\n\n"
        f"The details are on your meetings page: {absolute_reverse('my-meetings')}\n\n"
        "If you need help to take part, call or write to your coordinator."
    )
    return subject, body


def chaser_message(*, meeting: Meeting, person: Person) -> tuple[str, str]:
    when = _describe(meeting.starts_at)
    subject = f"Can you come? {meeting.title}, {when}"
    body = (
        f"Dear {_name(person)},\n\n"
        f"We have not heard whether you can come to {meeting.title} on {when}.\n\n"
        f"{_place(meeting)}\n\n"
        "Please let us know: reply on your meetings page "
        f"({absolute_reverse('my-meetings')}), or call or write to your coordinator."
    )
    return subject, body


def change_message(*, meeting: Meeting, person: Person) -> tuple[str, str]:
    when = _describe(meeting.starts_at)
    subject = f"Changed: {meeting.title} is now {when}"
    body = (
        f"Dear {_name(person)},\n\n"
        f"{meeting.title} has changed. It is now on {when}.\n\n"
        f"{_place(meeting)}\n\n"
        f"The details are on your meetings page: {absolute_reverse('my-meetings')}\n\n"
        "If you can no longer come, please let us know."
    )
    return subject, body


def parse_reminder_days_safe(value: str) -> tuple[int, ...]:
    try:
        return parse_reminder_days(value)
    except ValidationError:
        return ()


def _to_remind(meeting: Meeting) -> list[Invitation]:
    return [i for i in meeting.invitations.all() if i.rsvp != Rsvp.APOLOGIES]


def _due_offset(meeting: Meeting, now: datetime) -> int | None:
    """The reminder due now: of the group's offsets already reached, the
    nearest to the meeting (a meeting arranged 3 days ahead gets only the
    day-before reminder; a missed run still catches up)."""
    if meeting.group is None:
        return None
    reached = [d for d in meeting.group.reminder_offsets if meeting.starts_at - timedelta(d) <= now]
    return min(reached) if reached else None


def _upcoming(now: datetime, *, within_days: int):
    return (
        Meeting.objects.filter(
            status=Status.SCHEDULED,
            starts_at__gt=now,
            starts_at__lte=now + timedelta(days=within_days),
            group__isnull=False,
        )
        .select_related("group", "venue", "organisation")
        .prefetch_related("invitations__person")
    )


@transaction.atomic
def meeting_reminders_queue(*, now: datetime | None = None) -> int:
    """Queue every reminder and chaser due now. Safe to run as often as the
    beat likes: each message has its own key. Returns how many were queued.

    A morning's reminders for a whole country are a few thousand messages: they
    are gathered first and queued together (notification_queue_many), so the
    queries do not grow with the number of people."""
    now = now or timezone.now()
    horizon = max(
        [CHASER_DAYS_BEFORE]
        + [
            d
            for value in Group.objects.exclude(reminder_days="")
            .values_list("reminder_days", flat=True)
            .distinct()
            for d in parse_reminder_days_safe(value)
        ]
    )
    due = []
    for meeting in _upcoming(now, within_days=horizon):
        days = _due_offset(meeting, now)
        chase = (
            meeting.starts_at - timedelta(days=CHASER_DAYS_BEFORE)
            <= now
            < meeting.starts_at - CHASER_NOT_AFTER
        )
        if days is None and not chase:
            continue
        keys = {}
        for invitation in _to_remind(meeting):
            person = invitation.person
            if days is not None:
                keys[f"meeting:{meeting.pk}:reminder:{days}d:person:{person.pk}"] = (
                    person,
                    KIND_REMINDER,
                    _about(meeting, days),
                    reminder_message,
                )
            if chase and invitation.rsvp == Rsvp.NO_REPLY:
                keys[f"meeting:{meeting.pk}:chaser:person:{person.pk}"] = (
                    person,
                    KIND_CHASER,
                    _about(meeting),
                    chaser_message,
                )
        if keys:
            due.append((meeting, days, keys))
    existing = set(
        Notification.objects.filter(
            idempotency_key__in=[key for _, _, keys in due for key in keys]
        ).values_list("idempotency_key", flat=True)
    )
    messages = []
    for meeting, days, keys in due:
        if days is not None and existing.intersection(keys):
            keys = _requeue_after_move(meeting, days, keys, existing)
        for key, (person, kind, about, message) in keys.items():
            if key in existing:
                continue
            subject, body = message(meeting=meeting, person=person)
            messages.append(
                Outgoing(
                    recipient=person,
                    organisation=meeting.organisation,
                    subject=subject,
                    body_text=body,
                    idempotency_key=key,
                    kind=kind,
                    about=about,
                )
            )
    return notification_queue_many(messages)


def _requeue_after_move(meeting: Meeting, days: int, keys: dict, existing: set) -> dict:
    """A reminder that was not sent because the meeting moved later is due
    again for the new time: it is queued afresh under a key naming the
    meeting's change (`…:moved:3`). Only when every reminder at this offset
    was held back for a move: one sent, waiting, or stopped for another
    reason (apologies, turned off) is never repeated."""
    held = {}
    for person_id, status, reason in Notification.objects.filter(
        kind=KIND_REMINDER, about=_about(meeting, days)
    ).values_list("recipient_id", "status", "cancelled_reason"):
        moved_only = status == Notification.Status.CANCELLED and reason == MOVED_LATER
        held[person_id] = held.get(person_id, True) and moved_only
    again = {}
    for key, value in keys.items():
        person, kind = value[0], value[1]
        if kind == KIND_REMINDER and key in existing and held.get(person.pk):
            again[f"{key}:moved:{meeting.sequence}"] = value
        else:
            again[key] = value
    return again


def meeting_tell_changed(*, meeting: Meeting) -> int:
    """Tell everyone invited (who has not sent apologies), at once, that the
    meeting's time or place changed. Once per change (the key carries the
    meeting's sequence number)."""
    count = 0
    for invitation in meeting.invitations.select_related("person"):
        if invitation.rsvp == Rsvp.APOLOGIES:
            continue
        subject, body = change_message(meeting=meeting, person=invitation.person)
        notification_queue(
            recipient=invitation.person,
            organisation=meeting.organisation,
            subject=subject,
            body_text=body,
            idempotency_key=(
                f"meeting:{meeting.pk}:changed:{meeting.sequence}:person:{invitation.person_id}"
            ),
            kind=KIND_CHANGED,
            about=_about(meeting),
        )
        count += 1
    return count


# --- Checked at send time -------------------------------------------------------


def send_check(notification: Notification) -> SendCheck:
    """Look at the meeting again just before the message goes."""
    parts = notification.about.split(":")
    if len(parts) < 2 or parts[0] != "meeting" or not parts[1].isdigit():
        return SendCheck()
    meeting_id = int(parts[1])
    meeting = batch_memo(
        ("meeting", meeting_id),
        lambda: (
            Meeting.objects.filter(pk=meeting_id)
            .select_related("venue")
            .prefetch_related("invitations")
            .first()
        ),
    )
    if meeting is None:
        return SendCheck(cancel="The meeting was deleted.")
    if meeting.status == Status.CANCELLED:
        return SendCheck(cancel="The meeting was cancelled; the cancellation notice went instead.")
    if meeting.starts_at <= timezone.now():
        return SendCheck(cancel="The meeting had already started.")
    person = notification.recipient
    invitation = next((i for i in meeting.invitations.all() if i.person_id == person.pk), None)
    if invitation is None:
        return SendCheck(cancel="The person is no longer invited.")
    if notification.kind == KIND_CHASER:
        if invitation.rsvp != Rsvp.NO_REPLY:
            return SendCheck(cancel="The person replied before the chaser went.")
        subject, body = chaser_message(meeting=meeting, person=person)
    elif notification.kind == KIND_REMINDER:
        if invitation.rsvp == Rsvp.APOLOGIES:
            return SendCheck(cancel="The person sent apologies.")
        days = int(parts[2]) if len(parts) > 2 and parts[2].isdigit() else 1
        if meeting.starts_at - timedelta(days=days + 1) > timezone.now():
            return SendCheck(cancel=MOVED_LATER)
        subject, body = reminder_message(meeting=meeting, person=person)
    else:
        subject, body = change_message(meeting=meeting, person=person)
    return SendCheck(subject=subject, body_text=body)


# --- Actions due soon and overdue, to their owner ------------------------------

KIND_ACTION = "action_due"
# The owner hears this many days before an action falls due, and once more
# when it is overdue (for this long; after that the coordinator's lists show it).
ACTION_DUE_SOON_DAYS = 3
ACTION_OVERDUE_WINDOW_DAYS = 30
OPEN_ACTION_STATUSES = (Action.Status.OPEN, Action.Status.IN_PROGRESS)


def _action_stage(action: Action, today: date) -> str | None:
    if action.due_on < today:
        return "overdue"
    if action.due_on <= today + timedelta(days=ACTION_DUE_SOON_DAYS):
        return "due-soon"
    return None


def action_message(*, action: Action, stage: str) -> tuple[str, str]:
    person = action.owner_person
    due = date_format(action.due_on, "l j F Y")
    if stage == "overdue":
        subject = f"Overdue: an action from {action.meeting.title}"
        opening = f"An action you agreed to take was due on {due}:"
    else:
        subject = f"Due soon: an action from {action.meeting.title}"
        opening = f"An action you agreed to take is due on {due}:"
    body = (
        f"Dear {_name(person)},\n\n{opening}\n\n{action.description}\n\n"
        "Please tell your coordinator how it is going, or if you need help or more time.\n\n"
        f"Your meetings: {absolute_reverse('my-meetings')}"
    )
    return subject, body


@transaction.atomic
def action_reminders_queue(*, today: date | None = None) -> int:
    """Tell owners of open actions due within 3 days, and of overdue ones,
    once each (keys like action:12:due-soon:person:45). Safe to run twice."""
    today = today or timezone.localdate()
    actions = list(
        Action.objects.filter(
            status__in=OPEN_ACTION_STATUSES,
            owner_person__isnull=False,
            due_on__lte=today + timedelta(days=ACTION_DUE_SOON_DAYS),
            due_on__gte=today - timedelta(days=ACTION_OVERDUE_WINDOW_DAYS),
            meeting__group__isnull=False,
        ).select_related("owner_person", "meeting__organisation")
    )
    due = {}
    for action in actions:
        stage = _action_stage(action, today)
        if stage:
            key = f"action:{action.pk}:{stage}:person:{action.owner_person_id}"
            due[key] = (action, stage)
    existing = set(
        Notification.objects.filter(idempotency_key__in=list(due)).values_list(
            "idempotency_key", flat=True
        )
    )
    queued = 0
    for key, (action, stage) in due.items():
        if key in existing:
            continue
        subject, body = action_message(action=action, stage=stage)
        notification_queue(
            recipient=action.owner_person,
            organisation=action.meeting.organisation,
            subject=subject,
            body_text=body,
            idempotency_key=key,
            kind=KIND_ACTION,
            about=f"action:{action.pk}:{stage}",
        )
        queued += 1
    return queued


def action_send_check(notification: Notification) -> SendCheck:
    """Done, dropped or given a later date since: the reminder is not sent."""
    _, pk, stage = (notification.about.split(":") + ["", "", ""])[:3]
    action = (
        Action.objects.filter(pk=int(pk) if pk.isdigit() else 0)
        .select_related("owner_person", "meeting")
        .first()
    )
    if action is None:
        return SendCheck(cancel="The action was deleted.")
    if action.status not in OPEN_ACTION_STATUSES:
        return SendCheck(cancel=f"The action was marked {action.get_status_display().lower()}.")
    if _action_stage(action, timezone.localdate()) != stage:
        return SendCheck(cancel="The action's date changed.")
    subject, body = action_message(action=action, stage=stage)
    return SendCheck(subject=subject, body_text=body)
