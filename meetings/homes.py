"""What meetings adds to home pages (see involvement.home_panels): a member's
next few meetings and their reply to each, and the open reflective reviews of
their groups with a link to answer each; for coordinators, minutes that are
overdue and corrections to answer."""

from __future__ import annotations

import datetime

from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone

from involvement.models import Membership
from involvement.permissions import person_of

from .models import Correction, Meeting, Minutes, ReflectiveReview, ReviewResponse
from .selectors.meetings import my_meetings
from .services.minutes import NO_MINUTES_KINDS, REMINDER_DAYS

SHOWN = 3


def next_meetings_panel(*, user, organisation_ids) -> dict | None:
    meetings = [m for m in my_meetings(user=user) if m.organisation_id in organisation_ids]
    if not meetings:
        return None
    return {"meetings": meetings[:SHOWN], "more": len(meetings) > SHOWN}


def open_reviews_panel(*, user, organisation_ids) -> dict | None:
    """The open reflective reviews of the groups the person is an active
    member of, each saying whether they have answered (one query)."""
    person = person_of(user)
    if person is None:
        return None
    reviews = list(
        ReflectiveReview.objects.filter(
            status=ReflectiveReview.Status.OPEN,
            closes_on__gte=timezone.localdate(),
            group__organisation_id__in=organisation_ids,
            group__in=Membership.objects.filter(
                person=person, status=Membership.Status.ACTIVE
            ).values("group_id"),
        )
        .annotate(
            answered=Exists(ReviewResponse.objects.filter(review=OuterRef("pk"), person=person))
        )
        .select_related("group")
        .order_by("closes_on", "pk")
    )
    return {"reviews": reviews} if reviews else None


# Minutes are overdue this many days after a group's meeting (the first reminder).
MINUTES_DUE_DAYS = REMINDER_DAYS[0]
# Meetings older than this are not listed as missing minutes any more.
MINUTES_OVERDUE_WINDOW_DAYS = 90
MINUTES_SHOWN = 5


def minutes_to_do_panel(*, user, organisation_ids) -> dict | None:
    """For coordinators: group meetings whose minutes are overdue (none, or
    still a draft, days after the meeting) and attendees' corrections to draft
    minutes waiting for an answer. Four queries however many meetings."""
    today = timezone.localdate()
    overdue = (
        Meeting.objects.filter(
            organisation_id__in=organisation_ids,
            status=Meeting.Status.SCHEDULED,
            group__isnull=False,
            ends_at__date__lte=today - datetime.timedelta(days=MINUTES_DUE_DAYS),
            ends_at__date__gte=today - datetime.timedelta(days=MINUTES_OVERDUE_WINDOW_DAYS),
        )
        .filter(Q(minutes__isnull=True) | Q(minutes__status=Minutes.Status.DRAFT))
        .exclude(kind__in=NO_MINUTES_KINDS)
    )
    overdue_count = overdue.count()
    overdue_shown = (
        list(overdue.select_related("group").order_by("ends_at", "pk")[:MINUTES_SHOWN])
        if overdue_count
        else []
    )
    corrections = (
        Correction.objects.filter(
            minutes__meeting__organisation_id__in=organisation_ids,
            status=Correction.Status.OPEN,
        )
        .values("minutes__meeting_id", "minutes__meeting__title", "minutes__meeting__starts_at")
        .annotate(n=Count("id"))
        .order_by("minutes__meeting__starts_at", "minutes__meeting_id")
    )
    corrections = [
        {
            "meeting_id": row["minutes__meeting_id"],
            "title": row["minutes__meeting__title"],
            "starts_at": row["minutes__meeting__starts_at"],
            "count": row["n"],
        }
        for row in corrections
    ]
    if not (overdue_count or corrections):
        return None
    for meeting in overdue_shown:
        meeting.days_since = (today - timezone.localtime(meeting.ends_at).date()).days
    return {
        "overdue": overdue_shown,
        "overdue_count": overdue_count,
        "corrections": corrections,
        "corrections_count": sum(row["count"] for row in corrections),
    }


def minutes_to_do_digest_section(*, organisation_ids, today):
    """For the coordinators' weekly summary (involvement.digest_sections): the
    minutes overdue and corrections waiting, as the home page's panel says."""
    from involvement.digest_sections import DigestSection

    panel = minutes_to_do_panel(user=None, organisation_ids=organisation_ids)
    if panel is None:
        return None
    section = DigestSection(heading="Minutes to write and corrections to answer")
    for meeting in panel["overdue"]:
        days = meeting.days_since
        section.lines.append(
            f"No minutes sent yet for {meeting.title} ({meeting.group.name}), "
            f"{days} day{'s' if days != 1 else ''} after the meeting"
        )
    more = panel["overdue_count"] - len(panel["overdue"])
    if more:
        section.lines.append(f"and {more} more meeting{'s' if more != 1 else ''} without minutes")
    corrections = panel["corrections_count"]
    if corrections:
        section.lines.append(
            f"{corrections} correction{'s' if corrections != 1 else ''} to draft minutes "
            f"waiting for an answer"
        )
    return section
