"""Prompt payment: working days between the steps of a claim, and the daily
notices that keep claims moving — a reminder to claim two days after a
meeting attended, and an escalation to the organisation's admins when a claim
waits for approval past the target.

Working days are Monday to Friday except the bank holidays of the nation the
organisation works in (`Organisation.nation`; the `holidays` package keeps
them, substitute days included): Scotland's 2 January and St Andrew's Day,
Northern Ireland's St Patrick's Day and 12 July, no Easter Monday in
Scotland."""

from __future__ import annotations

import datetime
from bisect import bisect_right
from functools import lru_cache

import holidays
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone

from involvement.models import Notification, Organisation, StaffRole
from involvement.services.outbox import notification_queue
from meetings.models import Invitation, Meeting

from ..models import ExpenseClaim, PaymentPolicy
from .approval import site_address

REMINDER_AFTER_DAYS = 2
# Meetings older than this get no reminder (the daily task started later, say).
REMINDER_WINDOW_DAYS = 14
DEFAULT_TARGET = 5


# Each nation's subdivision of "GB" in the holidays package.
BANK_HOLIDAY_COUNTRY = "GB"
BANK_HOLIDAY_REGIONS = {
    Organisation.Nation.ENGLAND: "ENG",
    Organisation.Nation.WALES: "WLS",
    Organisation.Nation.SCOTLAND: "SCT",
    Organisation.Nation.NORTHERN_IRELAND: "NIR",
}
ENGLAND = Organisation.Nation.ENGLAND


@lru_cache(maxsize=128)
def _weekday_bank_holidays(year: int, nation: str = ENGLAND) -> tuple[datetime.date, ...]:
    """The bank holidays of a year in a nation that fall Monday to Friday, in order."""
    found = holidays.country_holidays(
        BANK_HOLIDAY_COUNTRY, subdiv=BANK_HOLIDAY_REGIONS[nation], years=year
    )
    return tuple(sorted(day for day in found if day.weekday() < 5))


def _bank_holidays_up_to(day: datetime.date, nation: str) -> int:
    """How many weekday bank holidays fall in day's year up to and including it."""
    return bisect_right(_weekday_bank_holidays(day.year, nation), day)


def bank_holidays_between(start: datetime.date, end: datetime.date, nation: str = ENGLAND) -> int:
    """Weekday bank holidays in `nation` after `start` up to and including `end`."""
    if end <= start:
        return 0
    count = _bank_holidays_up_to(end, nation) - _bank_holidays_up_to(start, nation)
    for year in range(start.year, end.year):
        count += len(_weekday_bank_holidays(year, nation))
    return count


def working_days_between(start: datetime.date, end: datetime.date, nation: str = ENGLAND) -> int:
    """Working days (Mon–Fri, not bank holidays in the organisation's nation)
    after `start` up to and including `end`: Monday to the next Monday is 5,
    Friday to Monday is 1 (0 when that Monday is a bank holiday), the same day
    is 0. Negative when `end` is before `start`."""
    if end < start:
        return -working_days_between(end, start, nation)
    whole_weeks, extra = divmod((end - start).days, 7)
    days = whole_weeks * 5
    weekday = start.weekday()
    for step in range(1, extra + 1):
        if (weekday + step) % 7 < 5:
            days += 1
    return days - bank_holidays_between(start, end, nation)


def local_date(value) -> datetime.date | None:
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).date()
    return value


def targets_by_organisation(organisation_ids) -> dict[int, int]:
    found = dict(
        PaymentPolicy.objects.filter(organisation_id__in=organisation_ids).values_list(
            "organisation_id", "target_working_days"
        )
    )
    return {pk: found.get(pk, DEFAULT_TARGET) for pk in organisation_ids}


def _link(name: str) -> str:
    return site_address() + reverse(name)


@transaction.atomic
def claim_reminders_send(*, today: datetime.date | None = None) -> int:
    """Remind people to claim two days after a meeting they came to, when they
    have made no claim — unless they asked for no reminders or declined
    payments. Once per person per meeting (safe to run twice)."""
    today = today or timezone.localdate()
    latest = today - datetime.timedelta(days=REMINDER_AFTER_DAYS)
    earliest = today - datetime.timedelta(days=REMINDER_WINDOW_DAYS)
    invitations = (
        Invitation.objects.filter(
            attended=True,
            meeting__status=Meeting.Status.SCHEDULED,
            meeting__ends_at__date__lte=latest,
            meeting__ends_at__date__gte=earliest,
        )
        .exclude(
            Exists(
                ExpenseClaim.objects.filter(person=OuterRef("person"), meeting=OuterRef("meeting"))
            )
        )
        .exclude(person__payment_preference__no_claim_reminders=True)
        .exclude(person__payment_preference__choice="decline")
        .select_related("meeting__organisation", "person")
        .order_by("meeting__starts_at", "pk")
    )
    try:
        link = _link("claim-list")
    except Exception:  # the claimant pages are not there yet
        link = site_address() + "/"
    sent = 0
    for invitation in invitations:
        meeting, person = invitation.meeting, invitation.person
        key = f"expenses:claim-reminder:{meeting.pk}:{person.pk}"
        if Notification.objects.filter(idempotency_key=key).exists():
            continue
        day = timezone.localtime(meeting.starts_at).strftime("%-d %B")
        notification_queue(
            recipient=person,
            organisation=meeting.organisation,
            subject=f"Claim your expenses for {meeting.title}",
            body_text=(
                f"Dear {person.display_name},\n\n"
                f"Thank you for coming to {meeting.title} on {day}. If you had costs "
                "for travel, parking, care or food, you can claim them back. It takes "
                f"two minutes: {link}\n\n"
                "If you get this by post, phone your coordinator and they will help. "
                "If you do not want these reminders, you can turn them off on your "
                "payment choices page."
            ),
            idempotency_key=key,
            kind="claim_reminder",
            about=f"meeting:{meeting.pk}",
        )
        sent += 1
    return sent


@transaction.atomic
def claims_escalate_overdue(*, today: datetime.date | None = None) -> int:
    """Tell the organisation's admins (org_admin) about each claim still waiting
    for approval past the organisation's target. Once per claim and admin."""
    from involvement.services.people import person_get_or_create_for_user

    today = today or timezone.localdate()
    waiting = list(
        ExpenseClaim.objects.filter(
            status=ExpenseClaim.Status.SUBMITTED, submitted_at__isnull=False
        )
        .select_related("organisation", "person", "meeting")
        .order_by("submitted_at")
    )
    targets = targets_by_organisation({claim.organisation_id for claim in waiting})
    admins: dict[int, list] = {}
    sent = 0
    for claim in waiting:
        waited = working_days_between(
            local_date(claim.submitted_at), today, claim.organisation.nation
        )
        target = targets[claim.organisation_id]
        if waited <= target:
            continue
        if claim.organisation_id not in admins:
            admins[claim.organisation_id] = [
                role.user
                for role in StaffRole.objects.filter(
                    organisation_id=claim.organisation_id, role=StaffRole.Role.ORG_ADMIN
                ).select_related("user")
            ]
        link = site_address() + reverse("approval-claim", kwargs={"pk": claim.pk})
        for user in admins[claim.organisation_id]:
            key = f"expenses:claim-escalated:{claim.pk}:{user.pk}"
            if Notification.objects.filter(idempotency_key=key).exists():
                continue
            notification_queue(
                recipient=person_get_or_create_for_user(user=user),
                organisation=claim.organisation,
                subject=f"A claim has waited {waited} working days for approval",
                body_text=(
                    f"The claim by {claim.person.full_name} for {claim.meeting.title} "
                    f"was sent {waited} working days ago and is still waiting for approval. "
                    f"Your organisation aims to pay claims within {target} working days.\n\n"
                    f"Please approve it or ask a coordinator to: {link}"
                ),
                idempotency_key=key,
                kind="claim_overdue",
                about=f"claim:{claim.pk}",
            )
            sent += 1
    return sent
