"""Reads for the claimant's side of expenses, already scoped and with their
related rows fetched, so the pages' query counts stay flat."""

from __future__ import annotations

import datetime

from django.db.models import Exists, OuterRef, Prefetch, QuerySet, Sum
from django.utils import timezone

from meetings.models import Invitation, Meeting

from ..models import ClaimEvent, ClaimLine, ExpenseClaim, Receipt
from ..services.policy import CLAIMABLE_KINDS

# How far back "Your claims" offers meetings still to claim for.
CLAIM_WINDOW_DAYS = 120


def claimable_invitations(*, person, since: datetime.datetime | None = None) -> QuerySet:
    """Meetings the person attended and has not yet claimed for, newest first."""
    since = since or timezone.now() - datetime.timedelta(days=CLAIM_WINDOW_DAYS)
    claimed = ExpenseClaim.objects.filter(person=OuterRef("person"), meeting=OuterRef("meeting"))
    return (
        Invitation.objects.filter(
            person=person,
            attended=True,
            meeting__kind__in=CLAIMABLE_KINDS,
            meeting__status=Meeting.Status.SCHEDULED,
            meeting__starts_at__gte=since,
            meeting__starts_at__lte=timezone.now(),
        )
        .filter(~Exists(claimed))
        .select_related("meeting__group", "meeting__body", "meeting__organisation")
        .order_by("-meeting__starts_at")
    )


def claim_list_for_person(*, person) -> QuerySet:
    return (
        ExpenseClaim.objects.filter(person=person)
        .select_related("meeting__group", "meeting__body", "organisation")
        .annotate(expenses=Sum("lines__amount"))
        .order_by("-meeting__starts_at")
    )


def claim_get(*, claim: ExpenseClaim) -> ExpenseClaim:
    """A claim with its lines, receipts and history, for its page."""
    return (
        ExpenseClaim.objects.filter(pk=claim.pk)
        .select_related(
            "organisation__payment_policy",
            "person",
            "meeting__group",
            "meeting__body",
            "meeting__venue",
            "entered_by",
            "approved_by",
        )
        .prefetch_related(
            Prefetch(
                "lines",
                queryset=ClaimLine.objects.prefetch_related(
                    Prefetch("receipts", queryset=Receipt.objects.order_by("uploaded_at"))
                ),
            ),
            Prefetch("events", queryset=ClaimEvent.objects.select_related("by")),
        )
        .get()
    )


def paper_claim_invitations(*, organisation_ids, since: datetime.datetime | None = None):
    """Attended meetings without a claim, for coordinators entering paper
    claims: people who do not use the web first."""
    since = since or timezone.now() - datetime.timedelta(days=CLAIM_WINDOW_DAYS)
    claimed = ExpenseClaim.objects.filter(person=OuterRef("person"), meeting=OuterRef("meeting"))
    return (
        Invitation.objects.filter(
            meeting__organisation_id__in=organisation_ids,
            attended=True,
            meeting__kind__in=CLAIMABLE_KINDS,
            meeting__status=Meeting.Status.SCHEDULED,
            meeting__starts_at__gte=since,
            meeting__starts_at__lte=timezone.now(),
        )
        .filter(~Exists(claimed))
        .select_related("meeting__group", "meeting__body", "person")
        .order_by("-meeting__starts_at", "person__full_name")
    )


def paper_claims_entered(*, organisation_ids) -> QuerySet:
    return (
        ExpenseClaim.objects.filter(organisation_id__in=organisation_ids, entered_by__isnull=False)
        .select_related("person", "meeting")
        .order_by("-created_at")[:50]
    )
