"""The feedback summary: before the next meeting, what was agreed at the last
one and the actions with their progress go to every member, in the way they
asked to be contacted (the outbox picks email, post or in-app; letters for
people who asked for large print are printed large). Each member gets each
summary once, however often it is sent."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from involvement.errors import ApplicationError
from involvement.models import Notification, User
from involvement.services.outbox import notification_queue
from involvement.text import render_plain_text

from ..models import FeedbackSummary, Meeting, Minutes
from ..selectors.minutes import summary_content
from .minutes import site_address, summary_recipients

# The summary can go once the draft has been checked by the people who came:
# a group that approves its minutes at the next meeting still gets its summary
# before that meeting (marked as awaiting approval).
READY = (Minutes.Status.CIRCULATED, Minutes.Status.APPROVED, Minutes.Status.PUBLISHED)


def summary_key(meeting: Meeting, person_pk: int) -> str:
    return f"meetings:feedback-summary:{meeting.pk}:{person_pk}"


def summary_text(*, meeting: Meeting, person=None, site_url: str = "") -> str:
    """The summary as plain text: the message members get, and the preview
    (which escapes it, like any text shown on a page)."""
    content = summary_content(meeting=meeting)
    return render_plain_text(
        "meetings/summary/message.txt",
        {
            "content": content,
            "person": person,
            "minutes_link": site_address(site_url)
            + reverse("meeting-minutes", kwargs={"pk": meeting.pk}),
            "pdf_link": site_address(site_url)
            + reverse("meeting-summary-pdf", kwargs={"pk": meeting.pk}),
        },
    )


@transaction.atomic
def summary_send(
    *, meeting: Meeting, sent_by: User | None = None, site_url: str = ""
) -> FeedbackSummary:
    """Send the summary of a meeting to every member who has not had it.
    Running it again sends nothing new to anyone who already had it."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    minutes = Minutes.objects.filter(meeting=meeting).first()
    if minutes is None or minutes.status not in READY:
        raise ApplicationError(
            "Send the draft minutes for corrections before sending the feedback summary."
        )
    content = summary_content(meeting=meeting)
    summary = FeedbackSummary.objects.filter(meeting=meeting).first()
    if summary is None:
        summary = FeedbackSummary(
            meeting=meeting,
            next_meeting=content.next_meeting,
            sent_at=timezone.now(),
            sent_by=sent_by,
        )
        summary.full_clean()
        summary.save()
    people = summary_recipients(meeting)
    already = set(
        Notification.objects.filter(
            idempotency_key__in=[summary_key(meeting, person.pk) for person in people]
        ).values_list("recipient_id", flat=True)
    )
    subject = f"What happened at {meeting.title}, and what is being done"
    for person in people:
        if person.pk in already:
            continue
        notification_queue(
            recipient=person,
            organisation=meeting.organisation,
            subject=subject,
            body_text=summary_text(meeting=meeting, person=person, site_url=site_url),
            idempotency_key=summary_key(meeting, person.pk),
            kind="feedback_summary",
        )
    summary.recipients = Notification.objects.filter(
        idempotency_key__startswith=f"meetings:feedback-summary:{meeting.pk}:"
    ).count()
    summary.save(update_fields=["recipients"])
    return summary


def summaries_send_due(*, today: datetime.date | None = None) -> int:
    """Send, automatically, the summary of each group's last meeting when its
    next meeting is N days away (settings.MEETINGS_SUMMARY_DAYS_BEFORE) and the
    minutes are approved. Safe to run daily and twice. Returns how many
    summaries were sent for the first time."""
    today = today or timezone.localdate()
    days_before = getattr(settings, "MEETINGS_SUMMARY_DAYS_BEFORE", 7)
    upcoming = Meeting.objects.filter(
        group__isnull=False,
        status=Meeting.Status.SCHEDULED,
        starts_at__date__gt=today,
        starts_at__date__lte=today + datetime.timedelta(days=days_before),
    ).order_by("starts_at")
    sent = 0
    seen_groups: set[int] = set()
    for next_meeting in upcoming:
        if next_meeting.group_id in seen_groups:
            continue
        seen_groups.add(next_meeting.group_id)
        # The group's last meeting before the next one: only its summary is due.
        last = (
            Meeting.objects.filter(
                group_id=next_meeting.group_id,
                starts_at__lt=next_meeting.starts_at,
                status=Meeting.Status.SCHEDULED,
            )
            .order_by("-starts_at")
            .first()
        )
        if last is None or FeedbackSummary.objects.filter(meeting=last).exists():
            continue
        if not Minutes.objects.filter(meeting=last, status__in=READY).exists():
            continue
        summary_send(meeting=last)
        sent += 1
    return sent
