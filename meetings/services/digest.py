"""A weekly summary for members who ask for it: the week's meetings, the
invitations they have not replied to, and the actions they agreed to take
that fall due or are overdue. One message per person per week (the key
names the ISO week), and none when there is nothing to say.

It is off until the person turns it on ("Which messages you get"). The
database is the schedule: a daily task queues the week's summary on its
first run of the week (a missed Monday is caught up on Tuesday), and a run
twice, or a beat firing twice, queues nothing more.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format

from involvement.links import absolute_reverse
from involvement.models import Notification, Person
from involvement.services.outbox import notification_queue

from ..models import Action, Invitation, Meeting
from .meetings import _describe
from .reminders import OPEN_ACTION_STATUSES

KIND_DIGEST = "weekly_digest"
WEEK = timedelta(days=7)


@dataclass
class Week:
    """What one person's summary says."""

    meetings: list[Invitation] = field(default_factory=list)
    replies_owed: list[Invitation] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.meetings or self.replies_owed or self.actions)

    @property
    def organisation(self):
        first = (self.meetings + self.replies_owed)[:1]
        if first:
            return first[0].meeting.organisation
        return self.actions[0].meeting.organisation if self.actions else None


def digest_key(person_id: int, today: date) -> str:
    year, week, _ = today.isocalendar()
    return f"digest:{year}-W{week:02d}:person:{person_id}"


def digest_contents(*, person_ids: list[int], today: date) -> dict[int, Week]:
    """Each person's week, read in a fixed number of queries however many
    people there are."""
    now = timezone.now()
    weeks = {pk: Week() for pk in person_ids}
    invitations = (
        Invitation.objects.filter(
            person_id__in=person_ids,
            meeting__status=Meeting.Status.SCHEDULED,
            meeting__starts_at__gt=now,
        )
        .exclude(rsvp=Invitation.Rsvp.APOLOGIES)
        .select_related("meeting__organisation", "meeting__venue")
        .order_by("meeting__starts_at", "pk")
    )
    for invitation in invitations:
        week = weeks[invitation.person_id]
        if invitation.meeting.starts_at <= now + WEEK:
            week.meetings.append(invitation)
        if invitation.rsvp == Invitation.Rsvp.NO_REPLY:
            week.replies_owed.append(invitation)
    actions = Action.objects.filter(
        owner_person_id__in=person_ids,
        status__in=OPEN_ACTION_STATUSES,
        due_on__lte=today + WEEK,
    ).select_related("meeting__organisation")
    for action in actions.order_by("due_on", "pk"):
        weeks[action.owner_person_id].actions.append(action)
    return weeks


def digest_message(*, person: Person, week: Week, today: date) -> tuple[str, str]:
    parts = [f"Dear {person.display_name},", "Here is your week with your group."]
    if week.meetings:
        lines = [f"- {i.meeting.title}, {_describe(i.meeting.starts_at)}" for i in week.meetings]
        parts.append("Meetings in the next 7 days:\n" + "\n".join(lines))
    if week.replies_owed:
        lines = [
            f"- {i.meeting.title}, {_describe(i.meeting.starts_at)}" for i in week.replies_owed
        ]
        parts.append("Please tell us if you can come to:\n" + "\n".join(lines))
    if week.actions:
        lines = []
        for action in week.actions:
            due = date_format(action.due_on, "j F")
            when = f"was due {due}" if action.due_on < today else f"due {due}"
            lines.append(f"- {action.description} ({when})")
        parts.append("Actions you agreed to take:\n" + "\n".join(lines))
    parts.append(f"Your meetings and replies: {absolute_reverse('my-meetings')}")
    parts.append(
        "You get this summary because you asked for it. To stop it, change which "
        f"messages you get: {absolute_reverse('my-message-choices')}"
    )
    return f"Your week: {date_format(today, 'j F Y')}", "\n\n".join(parts)


@transaction.atomic
def weekly_digests_queue(*, today: date | None = None) -> int:
    """Queue this week's summary for everyone who asked for one and has
    something in it. Returns how many were queued."""
    today = today or timezone.localdate()
    people = {
        person.pk: person
        for person in Person.objects.filter(**{f"message_choices__{KIND_DIGEST}": True})
    }
    if not people:
        return 0
    keys = {pk: digest_key(pk, today) for pk in people}
    done = set(
        Notification.objects.filter(idempotency_key__in=list(keys.values())).values_list(
            "recipient_id", flat=True
        )
    )
    due = [pk for pk in people if pk not in done]
    queued = 0
    for pk, week in digest_contents(person_ids=due, today=today).items():
        if not week:
            continue
        subject, body = digest_message(person=people[pk], week=week, today=today)
        notification_queue(
            recipient=people[pk],
            organisation=week.organisation,
            subject=subject,
            body_text=body,
            idempotency_key=keys[pk],
            kind=KIND_DIGEST,
        )
        queued += 1
    return queued


def overdue_actions_section(*, organisation_ids: set[int], today: date):
    """For the coordinators' weekly summary (involvement.digest_sections):
    actions agreed at meetings that are past their due date and not done."""
    from involvement.digest_sections import DigestSection

    overdue = (
        Action.objects.filter(
            meeting__organisation_id__in=organisation_ids,
            status__in=OPEN_ACTION_STATUSES,
            due_on__lt=today,
        )
        .select_related("meeting")
        .order_by("due_on", "pk")
    )
    section = DigestSection(heading="Overdue actions")
    for action in overdue:
        due = date_format(action.due_on, "j F")
        section.lines.append(f"{action.description} ({action.meeting.title}, was due {due})")
    return section or None
