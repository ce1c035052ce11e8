"""Reads for finance: approved claims waiting for payment, payment runs."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.core.paginator import Page, Paginator
from django.db.models import Count, F, QuerySet, Sum, Value
from django.db.models.functions import Coalesce

from ..models import ClaimLine, ExpenseClaim, PaymentRun
from .approval import with_expenses
from .totals import MONEY, claim_lines_total

Status = ExpenseClaim.Status
PAY_PAGE_SIZE = 25


def approved_claims(*, organisation) -> QuerySet:
    """The organisation's claims approved and waiting for payment."""
    return ExpenseClaim.objects.filter(organisation=organisation, status=Status.APPROVED)


@dataclass
class ToPay:
    page: Page  # claims on this page, oldest approval first
    count: int  # approved claims waiting, on every page
    total: Decimal  # what they come to, on every page


def claims_to_pay(*, organisation, page_number=None) -> ToPay:
    """One page of the approved claims waiting for payment, the longest
    waiting first, with how many there are and what they come to in all
    (two aggregate queries). Each row loads only what the page shows. A page
    number that is not a number gives the first page; past the end, the last."""
    waiting = approved_claims(organisation=organisation)
    figures = waiting.aggregate(
        count=Count("pk"),
        involvement=Coalesce(
            Sum("involvement_payment"), Value(Decimal("0.00")), output_field=MONEY
        ),
    )
    expenses = ClaimLine.objects.filter(
        claim__organisation=organisation, claim__status=Status.APPROVED
    ).aggregate(sum=Coalesce(Sum("amount"), Value(Decimal("0.00")), output_field=MONEY))["sum"]
    rows = (
        waiting.select_related("person", "meeting")
        .only(
            "id",
            "organisation_id",
            "involvement_payment",
            "approved_at",
            "person__id",
            "person__full_name",
            "meeting__id",
            "meeting__title",
            "meeting__starts_at",
        )
        .annotate(expenses=claim_lines_total())
        .annotate(total=F("expenses") + F("involvement_payment"))
        .order_by("approved_at", "pk")
    )
    paginator = Paginator(rows, PAY_PAGE_SIZE)
    paginator.count = figures["count"]  # known already: no second COUNT query
    page = paginator.get_page(page_number)
    page.object_list = list(page.object_list)
    return ToPay(page=page, count=figures["count"], total=expenses + figures["involvement"])


def payment_runs(*, organisation) -> list[PaymentRun]:
    return list(
        PaymentRun.objects.filter(organisation=organisation)
        .select_related("created_by")
        .annotate(claim_count=Count("claims"))
        .order_by("-created_at")
    )


def payment_run_claims(*, run: PaymentRun) -> list[ExpenseClaim]:
    return list(
        with_expenses(ExpenseClaim.objects.filter(payment_run=run))
        .select_related("person", "meeting")
        .order_by("person__full_name", "pk")
    )
