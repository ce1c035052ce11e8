"""Reads for the claimant's side of expenses, already scoped and with their
related rows fetched, so the pages' query counts stay flat."""

from __future__ import annotations

import datetime

from django.core.paginator import Page, Paginator
from django.db.models import (
    Exists,
    F,
    OuterRef,
    Prefetch,
    QuerySet,
)
from django.utils import timezone

from meetings.models import Invitation, Meeting

from ..models import ClaimEvent, ClaimLine, ExpenseClaim, Receipt
from ..services.policy import CLAIMABLE_KINDS
from .totals import claim_lines_total

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
        .select_related("meeting")
        # Only what "Your claims" shows: the meeting's title and day.
        .only("id", "meeting__id", "meeting__title", "meeting__starts_at")
        .order_by("-meeting__starts_at")
    )


Status = ExpenseClaim.Status
# Claims still moving: always shown in full on "Your claims" (a person has a
# handful at most). Paid and rejected ones are history, shown a page at a time.
IN_PROGRESS = [Status.DRAFT, Status.SUBMITTED, Status.QUERIED, Status.APPROVED]
FINISHED = [Status.PAID, Status.REJECTED]
HISTORY_PAGE_SIZE = 20


def _claims_for_list(queryset: QuerySet) -> QuerySet:
    """Only what a row of "Your claims" shows, with the claim's total (its
    lines plus the involvement payment) added up by the database."""
    return (
        queryset.select_related("meeting")
        .only(
            "id",
            "public_id",
            "status",
            "involvement_payment",
            "paid_on",
            "meeting__id",
            "meeting__title",
            "meeting__starts_at",
        )
        .annotate(total=claim_lines_total() + F("involvement_payment"))
        .order_by("-meeting__starts_at", "-pk")
    )


def claims_in_progress(*, person) -> list[ExpenseClaim]:
    """The person's claims not yet paid or rejected, newest meeting first."""
    return list(
        _claims_for_list(ExpenseClaim.objects.filter(person=person, status__in=IN_PROGRESS))
    )


def claim_history_page(*, person, page_number=None) -> Page:
    """One page of the person's paid and rejected claims, newest meeting first.
    A page number that is not a number gives the first page; one past the
    end gives the last."""
    queryset = _claims_for_list(ExpenseClaim.objects.filter(person=person, status__in=FINISHED))
    page = Paginator(queryset, HISTORY_PAGE_SIZE).get_page(page_number)
    page.object_list = list(page.object_list)
    return page


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
