"""Data for the evaluation tests: meetings with attendance, paid claims and
members, each on a given day."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import timezone

from meetings.models import Invitation, Meeting
from tests.access.expenses_admin import make_claim
from tests.factories import MembershipFactory

LONDON_NOON = datetime.time(12)


def aware(day: datetime.date, at: datetime.time = LONDON_NOON) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, at))


def meeting_on(group, day: datetime.date, *, came: int = 0, missed: int = 0) -> Meeting:
    """A group meeting on `day` at which `came` members came and `missed` did not."""
    meeting = Meeting.objects.create(
        organisation=group.organisation,
        group=group,
        title=f"Group meeting {day}",
        starts_at=aware(day),
        ends_at=aware(day, datetime.time(14)),
    )
    for attended in [True] * came + [False] * missed:
        Invitation.objects.create(
            meeting=meeting,
            person=MembershipFactory(group=group, status="inducted").person,
            rsvp="attending",
            attended=attended,
        )
    return meeting


def paid_claim(group, *, meeting_day, submitted: datetime.date, paid: datetime.date, approver):
    meeting = Meeting.objects.create(
        organisation=group.organisation,
        group=group,
        title=f"Meeting {meeting_day}",
        starts_at=aware(meeting_day),
        ends_at=aware(meeting_day, datetime.time(14)),
    )
    claim = make_claim(
        MembershipFactory(group=group, status="left").person,
        meeting,
        status="paid",
        lines=[("public_transport", Decimal("4.80"))],
        submitted_at=aware(submitted),
        approved_at=aware(submitted),
        approved_by=approver,
    )
    claim.paid_on = paid
    claim.paid_at = aware(paid)
    claim.save(update_fields=["paid_on", "paid_at"])
    return claim
