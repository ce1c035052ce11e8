"""Writes for minutes: write them per agenda item, send the draft to the
people who came for corrections by a deadline, take corrections, approve
(recording who and when) and publish to every member. Also the reminders to
coordinators when a meeting has no draft minutes 3 and 7 days after it."""

from __future__ import annotations

import datetime
from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from involvement.errors import ApplicationError
from involvement.links import site_address
from involvement.models import Membership, Notification, Person, StaffRole, User
from involvement.services.outbox import notification_queue

from ..models import AgendaItem, Correction, Meeting, MinuteEntry, Minutes

Status = Minutes.Status
# A coordinator is reminded this many days after a meeting with no minutes.
REMINDER_DAYS = (3, 7)
# Reminders stop for meetings older than this (a missed day still catches up).
REMINDER_WINDOW_DAYS = 14
EDITABLE = (Status.DRAFT, Status.CIRCULATED)
# Meetings the coordinator is not reminded to minute: a body's meetings are
# minuted by the body; inductions and training have a checklist or nothing.
NO_MINUTES_KINDS = (Meeting.Kind.INDUCTION, Meeting.Kind.TRAINING)


def _day(value: datetime.date) -> str:
    return date_format(value, "l j F Y")


def _meeting_name(meeting: Meeting) -> str:
    return f"{meeting.title} on {date_format(timezone.localtime(meeting.starts_at), 'j F Y')}"


def members_to_tell(meeting: Meeting) -> list[Person]:
    """Everyone a group meeting's published minutes and summary go to: the
    group's members who have not left; for a body's meeting, its invitees."""
    if meeting.group_id:
        memberships = (
            Membership.objects.filter(group_id=meeting.group_id)
            .exclude(status=Membership.Status.LEFT)
            .select_related("person")
            .order_by("person__full_name", "pk")
        )
        return [membership.person for membership in memberships]
    return [invitation.person for invitation in meeting.invitations.select_related("person")]


def summary_recipients(meeting: Meeting) -> list[Person]:
    """Everyone a meeting's feedback summary goes to: a group's active members
    (not those selected and waiting, paused or gone); for a body's meeting,
    its invitees. The summary page counts these same people."""
    if meeting.group_id:
        memberships = (
            Membership.objects.filter(group_id=meeting.group_id, status=Membership.Status.ACTIVE)
            .select_related("person")
            .order_by("person__full_name", "pk")
        )
        return [membership.person for membership in memberships]
    return [invitation.person for invitation in meeting.invitations.select_related("person")]


@transaction.atomic
def minutes_save(
    *,
    meeting: Meeting,
    entries: Mapping[int, tuple[str, str]],
    saved_by: User | None = None,
) -> Minutes:
    """Write (or rewrite) the minutes: for each agenda item id, (what was said,
    what was agreed). The first save makes the draft."""
    if meeting.status == Meeting.Status.CANCELLED:
        raise ApplicationError("This meeting was cancelled, so it has no minutes.")
    if meeting.starts_at > timezone.now():
        raise ApplicationError("Minutes can be written once the meeting has started.")
    minutes, _ = Minutes.objects.select_for_update().get_or_create(
        meeting=meeting, defaults={"created_by": saved_by}
    )
    if minutes.status not in EDITABLE:
        raise ApplicationError("These minutes have been approved, so they can no longer change.")
    items = {item.pk: item for item in AgendaItem.objects.filter(meeting=meeting)}
    unknown = set(entries) - set(items)
    if unknown:
        raise ValidationError({"entries": "Write minutes only for this meeting's agenda items"})
    existing = {entry.agenda_item_id: entry for entry in minutes.entries.all()}
    for item_id, (said, agreed) in entries.items():
        entry = existing.get(item_id) or MinuteEntry(minutes=minutes, agenda_item=items[item_id])
        entry.said, entry.agreed = said.strip(), agreed.strip()
        entry.full_clean()
        entry.save()
    minutes.save(update_fields=["updated_at"])
    return minutes


def _attendees(meeting: Meeting) -> list[Person]:
    return [
        invitation.person
        for invitation in meeting.invitations.filter(attended=True).select_related("person")
    ]


@transaction.atomic
def minutes_circulate(
    *,
    minutes: Minutes,
    corrections_due: datetime.date | None,
    circulated_by: User | None = None,
    site_url: str = "",
) -> Minutes:
    """Send the draft to everyone who came, for corrections by a deadline."""
    minutes = Minutes.objects.select_for_update().select_related("meeting").get(pk=minutes.pk)
    if minutes.status != Status.DRAFT:
        raise ApplicationError("These minutes have already been sent for corrections.")
    if corrections_due is None:
        raise ValidationError({"corrections_due": "Enter the last day for corrections"})
    if corrections_due <= timezone.localdate():
        raise ValidationError(
            {"corrections_due": "Enter a date after today, so that people have time to reply"}
        )
    if not minutes.entries.exists():
        raise ApplicationError("Write the minutes for at least one agenda item first.")
    meeting = minutes.meeting
    attendees = _attendees(meeting)
    if not attendees:
        raise ApplicationError(
            "Nobody is recorded as having come to this meeting. Take attendance first."
        )
    minutes.status = Status.CIRCULATED
    minutes.corrections_due = corrections_due
    minutes.circulated_at = timezone.now()
    minutes.full_clean()
    minutes.save(update_fields=["status", "corrections_due", "circulated_at", "updated_at"])
    link = site_address(site_url) + reverse("meeting-minutes", kwargs={"pk": meeting.pk})
    for person in attendees:
        notification_queue(
            recipient=person,
            organisation=meeting.organisation,
            subject=f"Draft minutes of {meeting.title}: corrections by {_day(corrections_due)}",
            body_text=(
                f"Dear {person.display_name},\n\n"
                f"Thank you for coming to {_meeting_name(meeting)}. The draft minutes are "
                f"ready. If anything is wrong or missing, please tell us by "
                f"{_day(corrections_due)}.\n\n"
                f"Read them and send a correction here: {link}\n\n"
                "If you get this by post, phone your coordinator with any corrections."
            ),
            idempotency_key=f"meetings:minutes-draft:{minutes.pk}:{person.pk}",
            kind="meeting_minutes",
        )
    return minutes


@transaction.atomic
def correction_submit(
    *,
    minutes: Minutes,
    person: Person,
    text: str,
    agenda_item: AgendaItem | None = None,
    today: datetime.date | None = None,
) -> Correction:
    """An attendee's correction to the draft, by the deadline."""
    today = today or timezone.localdate()
    if minutes.status != Status.CIRCULATED:
        raise ApplicationError("These minutes are not open for corrections.")
    if today > minutes.corrections_due:
        raise ApplicationError(
            f"Corrections closed on {_day(minutes.corrections_due)}. "
            "Please tell your coordinator instead."
        )
    if not minutes.meeting.invitations.filter(person=person, attended=True).exists():
        raise ApplicationError("Only people who came to the meeting can correct its minutes.")
    if agenda_item is not None and agenda_item.meeting_id != minutes.meeting_id:
        raise ValidationError({"agenda_item": "Choose an item from this meeting's agenda"})
    if not text.strip():
        raise ValidationError({"text": "Enter your correction"})
    correction = Correction(
        minutes=minutes, person=person, agenda_item=agenda_item, text=text.strip()
    )
    correction.full_clean()
    correction.save()
    return correction


@transaction.atomic
def correction_resolve(*, correction: Correction, made: bool, response: str = "") -> Correction:
    """The coordinator made the correction, or says why not."""
    if not made and not response.strip():
        raise ValidationError({"response": "Say why the correction was not made"})
    correction.status = Correction.Status.MADE if made else Correction.Status.NOT_MADE
    correction.response = response.strip()
    correction.full_clean()
    correction.save(update_fields=["status", "response"])
    return correction


@transaction.atomic
def minutes_approve(
    *,
    minutes: Minutes,
    approved_by: User,
    note: str = "",
    today: datetime.date | None = None,
) -> Minutes:
    """The chair or coordinator approves the corrected minutes, after the
    deadline for corrections (so nobody's correction is cut off)."""
    today = today or timezone.localdate()
    minutes = Minutes.objects.select_for_update().get(pk=minutes.pk)
    if minutes.status != Status.CIRCULATED:
        raise ApplicationError("Send the draft for corrections before approving it.")
    if today <= minutes.corrections_due:
        raise ApplicationError(
            f"Attendees can send corrections until {_day(minutes.corrections_due)}. "
            "Approve the minutes after that."
        )
    if minutes.corrections.filter(status=Correction.Status.OPEN).exists():
        raise ApplicationError("Deal with every correction (made or not made) before approving.")
    minutes.status = Status.APPROVED
    minutes.approved_at = timezone.now()
    minutes.approved_by = approved_by
    minutes.approval_note = note.strip()
    minutes.full_clean()
    minutes.save(
        update_fields=["status", "approved_at", "approved_by", "approval_note", "updated_at"]
    )
    return minutes


@transaction.atomic
def minutes_publish(*, minutes: Minutes, site_url: str = "") -> Minutes:
    """Publish approved minutes and tell every member."""
    minutes = Minutes.objects.select_for_update().select_related("meeting").get(pk=minutes.pk)
    if minutes.status != Status.APPROVED:
        raise ApplicationError("Only approved minutes can be published.")
    minutes.status = Status.PUBLISHED
    minutes.published_at = timezone.now()
    minutes.full_clean()
    minutes.save(update_fields=["status", "published_at", "updated_at"])
    meeting = minutes.meeting
    link = site_address(site_url) + reverse("meeting-minutes", kwargs={"pk": meeting.pk})
    for person in members_to_tell(meeting):
        notification_queue(
            recipient=person,
            organisation=meeting.organisation,
            subject=f"Minutes of {meeting.title} are published",
            body_text=(
                f"Dear {person.display_name},\n\n"
                f"The minutes of {_meeting_name(meeting)} have been approved. "
                f"You can read them here: {link}"
            ),
            idempotency_key=f"meetings:minutes-published:{minutes.pk}:{person.pk}",
            kind="meeting_minutes",
        )
    return minutes


def minutes_reminders_send(*, today: datetime.date | None = None) -> int:
    """Remind the organisation's coordinators, once per meeting and reminder,
    when a group's meeting has no minutes 3 and 7 days after it. Safe to run daily
    (and twice): each reminder has its own idempotency key."""
    from involvement.services.people import person_get_or_create_for_user

    today = today or timezone.localdate()
    oldest = today - datetime.timedelta(days=REMINDER_WINDOW_DAYS)
    meetings = (
        Meeting.objects.filter(
            status=Meeting.Status.SCHEDULED,
            group__isnull=False,
            minutes__isnull=True,
            ends_at__date__lte=today - datetime.timedelta(days=min(REMINDER_DAYS)),
            ends_at__date__gte=oldest,
        )
        .exclude(kind__in=NO_MINUTES_KINDS)
        .select_related("organisation")
        .order_by("ends_at")
    )
    queued = 0
    coordinators: dict[int, list[User]] = {}
    for meeting in meetings:
        age = (today - timezone.localtime(meeting.ends_at).date()).days
        due = [days for days in REMINDER_DAYS if days <= age]
        if not due:
            continue
        days = max(due)
        if meeting.organisation_id not in coordinators:
            coordinators[meeting.organisation_id] = [
                role.user
                for role in StaffRole.objects.filter(
                    organisation_id=meeting.organisation_id, role=StaffRole.Role.COORDINATOR
                ).select_related("user")
            ]
        for user in coordinators[meeting.organisation_id]:
            person = person_get_or_create_for_user(user=user)
            key = f"meetings:minutes-reminder:{meeting.pk}:{days}:{user.pk}"
            if Notification.objects.filter(idempotency_key=key).exists():
                continue
            link = site_address("") + reverse("meeting-minutes", kwargs={"pk": meeting.pk})
            notification_queue(
                recipient=person,
                organisation=meeting.organisation,
                subject=f"Reminder: no minutes yet for {meeting.title}",
                kind="minutes_reminder",
                body_text=(
                    f"Dear {person.display_name},\n\n"
                    f"{_meeting_name(meeting)} was {days} days ago and has no draft minutes "
                    f"yet. Write them here: {link}"
                ),
                idempotency_key=key,
            )
            queued += 1
    return queued
