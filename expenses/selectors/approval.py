"""Reads for approving claims: the queue, one claim with its lines, receipts,
history and policy warnings."""

from __future__ import annotations

from decimal import Decimal

from django.core.paginator import Page, Paginator
from django.db.models import DecimalField, ExpressionWrapper, F, Prefetch, QuerySet, Sum, Value
from django.db.models.functions import Coalesce

from ..models import ClaimEvent, ClaimLine, ExpenseClaim, PaymentPolicy, Receipt

Status = ExpenseClaim.Status


def with_expenses(queryset: QuerySet) -> QuerySet:
    """Annotate each claim with the sum of its lines (`expenses`)."""
    return queryset.annotate(
        expenses=Coalesce(Sum("lines__amount"), Value(Decimal("0.00")), output_field=DecimalField())
    ).annotate(
        total=ExpressionWrapper(
            F("expenses") + F("involvement_payment"),
            output_field=DecimalField(max_digits=10, decimal_places=2),
        )
    )


def lines_prefetch():
    return Prefetch(
        "lines",
        queryset=ClaimLine.objects.order_by("id").prefetch_related(
            Prefetch("receipts", queryset=Receipt.objects.order_by("uploaded_at", "id"))
        ),
    )


APPROVAL_PAGE_SIZE = 20


def approval_queue(*, organisations, page_number=None) -> Page:
    """One page of the organisations' submitted claims, oldest first, with
    their lines, receipts and warnings. A national organisation's queue can be
    hundreds long: each page loads and draws only its own claims."""
    queryset = (
        with_expenses(
            ExpenseClaim.objects.filter(organisation__in=organisations, status=Status.SUBMITTED)
        )
        .select_related("person", "meeting", "organisation", "group")
        .prefetch_related(lines_prefetch())
        .order_by("submitted_at", "pk")
    )
    page = Paginator(queryset, APPROVAL_PAGE_SIZE).get_page(page_number)
    page.object_list = list(page.object_list)
    attach_warnings(page.object_list)
    return page


def claim_for_approval(*, claim: ExpenseClaim) -> ExpenseClaim:
    claim = (
        with_expenses(ExpenseClaim.objects.filter(pk=claim.pk))
        .select_related("person__user", "meeting", "organisation", "group", "approved_by")
        .prefetch_related(
            lines_prefetch(),
            Prefetch("events", queryset=ClaimEvent.objects.select_related("by").order_by("at")),
        )
        .get()
    )
    attach_warnings([claim])
    return claim


def attach_warnings(claims: list[ExpenseClaim]) -> None:
    """Set `warnings` (plain-English strings) on each claim, from the policy
    helper's rules (meetings.services.policy) when it is there."""
    policies = {
        policy.organisation_id: policy
        for policy in PaymentPolicy.objects.filter(
            organisation_id__in={claim.organisation_id for claim in claims}
        )
    }
    for claim in claims:
        claim.warnings = claim_warnings(claim, policies.get(claim.organisation_id))


def claim_warnings(claim: ExpenseClaim, policy: PaymentPolicy | None) -> list[str]:
    """The policy checks (missing receipt, over a limit, a long journey) from
    the policy rules, as warnings: an approver decides."""
    from ..services.policy import policy_warnings

    if policy is None:
        policy = PaymentPolicy(organisation_id=claim.organisation_id)
    return policy_warnings(lines=list(claim.lines.all()), policy=policy)
