"""Helpers for the expenses claimant tests: a past meeting attended, a policy."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from expenses.models import PaymentPolicy, PaymentRule
from meetings.models import Invitation, Meeting
from tests.factories import MembershipFactory, PersonFactory


def past_meeting(w, *, hours=2, kind="group", days_ago=3, body=None, title=None, group=None):
    starts = timezone.now() - timedelta(days=days_ago)
    return Meeting.objects.create(
        organisation=w.organisation,
        group=None if body else (group or w.objects["group"]),
        body=body,
        kind=kind,
        title=title or f"Meeting {days_ago} days ago",
        starts_at=starts,
        ends_at=starts + timedelta(hours=hours),
    )


def attended(w, person=None, **meeting_args) -> Invitation:
    meeting = past_meeting(w, **meeting_args)
    return Invitation.objects.create(
        meeting=meeting, person=person or w.objects["person"], attended=True
    )


def other_member(w):
    person = PersonFactory()
    MembershipFactory(person=person, group=w.objects["group"])
    return person


def day_rate_policy(w, *, activity="group", **values) -> PaymentPolicy:
    policy, _ = PaymentPolicy.objects.get_or_create(
        organisation=w.organisation, defaults={"receipt_always_for": ["taxi"], **values}
    )
    PaymentRule.objects.create(
        policy=policy,
        role_level="member",
        activity=activity,
        mode="half_full_day",
        half_day_rate=Decimal("75.00"),
        full_day_rate=Decimal("150.00"),
        full_day_from_hours=Decimal("4"),
    )
    return policy


def seated_a_year_ago(w) -> None:
    """The world's member has held their seat on the world's body for a year.
    SeatFactory's term starts on a random day of this year, so now and then
    after a board meeting of a few days ago: a test of pay at a board meeting
    must not depend on that."""
    seat = w.objects["seat"]
    seat.term_start = timezone.localdate() - timedelta(days=365)
    seat.save(update_fields=["term_start"])
