"""Reads for finance: approved claims waiting for payment, payment runs."""

from __future__ import annotations

from django.db.models import Count

from ..models import ExpenseClaim, PaymentRun
from .approval import with_expenses

Status = ExpenseClaim.Status


def claims_to_pay(*, organisation) -> list[ExpenseClaim]:
    return list(
        with_expenses(
            ExpenseClaim.objects.filter(organisation=organisation, status=Status.APPROVED)
        )
        .select_related("person", "meeting", "group", "approved_by")
        .order_by("approved_at", "pk")
    )


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
