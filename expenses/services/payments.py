"""Paying approved claims: mark them paid singly or in a batch (a payment run
with its date, reference and method), and export a run for the finance system.
Nobody pays their own claim.

A claim is paid once, even when two finance users press the button at the same
moment: the rows are locked (SELECT ... FOR UPDATE) and the update only touches
claims still approved (UPDATE ... WHERE status = 'approved'), so the second
batch finds nothing left to pay in those claims."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import DecimalField, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from involvement import audit
from involvement.csv_export import csv_writer
from involvement.errors import ApplicationError
from involvement.models import Organisation, User
from involvement.services.outbox import notification_queue

from ..models import ClaimEvent, ExpenseClaim, PaymentPolicy, PaymentRun
from .approval import claimant_link, money

Status = ExpenseClaim.Status


@transaction.atomic
def claims_mark_paid(
    *,
    organisation: Organisation,
    claim_ids: list[int],
    by: User,
    paid_on: datetime.date,
    method: str,
    reference: str,
) -> PaymentRun:
    """Mark the approved claims among `claim_ids` paid, in one new payment run.
    Claims already paid (or not approved) are left alone; if none is left to
    pay, nothing is created and the caller is told."""
    reference = reference.strip()
    run = PaymentRun(
        organisation=organisation,
        created_by=by,
        paid_on=paid_on,
        method=method,
        reference=reference,
    )
    run.full_clean()
    if paid_on > timezone.localdate():
        raise ValidationError({"paid_on": "The date paid must be today or in the past"})
    if not claim_ids:
        raise ApplicationError("Choose at least one claim to mark as paid.", code="none_chosen")
    # Lock the rows first: a second batch for the same claims waits here, then
    # finds them paid. Ordered by id so two batches lock in the same order.
    payable = list(
        ExpenseClaim.objects.select_for_update()
        .filter(organisation=organisation, pk__in=claim_ids, status=Status.APPROVED)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    if not payable:
        raise ApplicationError(
            "None of these claims is waiting for payment: they may have been paid already.",
            code="nothing_to_pay",
        )
    _refuse_own(payable, by)
    run.save()
    now = timezone.now()
    updated = ExpenseClaim.objects.filter(pk__in=payable, status=Status.APPROVED).update(
        status=Status.PAID,
        paid_at=now,
        paid_on=paid_on,
        payment_method=method,
        payment_reference=reference,
        payment_run=run,
        updated_at=now,
    )
    if updated != len(payable):  # cannot happen while the rows are locked
        raise ApplicationError("Some claims changed while paying them. Try again.")
    claims = list(ExpenseClaim.objects.filter(pk__in=payable).select_related("person", "meeting"))
    ClaimEvent.objects.bulk_create(
        [
            ClaimEvent(
                claim=claim,
                from_status=Status.APPROVED,
                to_status=Status.PAID,
                by=by,
                note=f"{run.get_method_display()}, reference {reference}",
            )
            for claim in claims
        ]
    )
    audit.record(
        action=audit.Action.CLAIM_PAID,
        organisation=organisation,
        actor=by,
        target=run,
        summary=f"Payment run {run.pk}: claims {', '.join(str(pk) for pk in payable)}",
        detail={"claims": payable, "method": method},
    )
    totals = claim_totals(payable)
    for claim in claims:
        person = claim.person
        notification_queue(
            recipient=person,
            organisation=organisation,
            subject="Your expenses claim has been paid",
            body_text=(
                f"Dear {person.display_name},\n\n"
                f"We have paid your claim for {claim.meeting.title}: "
                f"{money(totals[claim.pk])}, by {run.get_method_display().lower()} on "
                f"{paid_on.strftime('%-d %B %Y')} (reference {reference}).\n\n"
                f"See your claim: {claimant_link(claim)}"
            ),
            idempotency_key=f"expenses:claim-paid:{claim.pk}",
            kind="claim_decision",
            about=f"claim:{claim.pk}",
        )
    return run


def _refuse_own(claim_ids: list[int], by: User) -> None:
    """Nobody pays their own claim: the whole batch is refused, so nothing is
    half paid, and the person is told which claim is theirs."""
    own = (
        ExpenseClaim.objects.filter(pk__in=claim_ids, person__user_id=by.pk)
        .select_related("meeting")
        .order_by("pk")
        .first()
    )
    if own is not None:
        day = timezone.localtime(own.meeting.starts_at).strftime("%-d %B %Y")
        raise ApplicationError(
            f"You cannot mark your own claim as paid ({own.meeting.title}, {day}). "
            "Untick it and ask another finance colleague to pay it.",
            code="own_claim",
        )


def claim_mark_paid(
    *, claim: ExpenseClaim, by: User, paid_on: datetime.date, method: str, reference: str
) -> PaymentRun:
    """Pay one claim: a payment run of one."""
    return claims_mark_paid(
        organisation=claim.organisation,
        claim_ids=[claim.pk],
        by=by,
        paid_on=paid_on,
        method=method,
        reference=reference,
    )


def claim_totals(claim_ids) -> dict[int, Decimal]:
    """Expenses plus involvement payment of each claim, in one query."""
    rows = (
        ExpenseClaim.objects.filter(pk__in=claim_ids)
        .annotate(
            expenses=Coalesce(
                Sum("lines__amount"), Value(Decimal("0.00")), output_field=DecimalField()
            )
        )
        .values_list("pk", "expenses", "involvement_payment")
    )
    return {pk: expenses + payment for pk, expenses, payment in rows}


HEADER = [
    "Claim reference",
    "Person",
    "Person reference",
    "Meeting",
    "Meeting date",
    "Group",
    "Expenses",
    "Involvement payment",
    "Total",
    "Paid on",
    "Method",
    "Payment reference",
]
PAYROLL_HEADER = [
    "Claim reference",
    "Person",
    "Person reference",
    "Meeting",
    "Meeting date",
    "Involvement payment (gross, before tax and National Insurance)",
    "Basis",
    "Run paid on",
    "Payment reference",
]


def payroll_routed(organisation: Organisation) -> bool:
    policy = PaymentPolicy.objects.filter(organisation=organisation).first()
    return bool(policy and policy.payroll_for_involvement_payments)


def payment_run_rows(run: PaymentRun):
    """The run's claims with their expense totals, for the exports."""
    return (
        ExpenseClaim.objects.filter(payment_run=run)
        .select_related("person", "meeting", "group", "meeting__group")
        .annotate(
            expenses=Coalesce(
                Sum("lines__amount"), Value(Decimal("0.00")), output_field=DecimalField()
            )
        )
        .order_by("person__full_name", "pk")
    )


def payment_run_csv(*, run: PaymentRun, payroll: bool = False) -> str:
    """The run as CSV. When the organisation routes involvement payments
    through payroll, the expenses file has expenses only and the payroll file
    has the involvement payments; otherwise the expenses file has both and the
    payroll file is empty but for its header."""
    routed = payroll_routed(run.organisation)
    out = io.StringIO()
    writer = csv_writer(out, lineterminator="\r\n")
    claims = payment_run_rows(run)
    if payroll:
        writer.writerow(PAYROLL_HEADER)
        if not routed:
            return out.getvalue()
        for claim in claims:
            if claim.involvement_payment <= 0:
                continue
            writer.writerow(
                [
                    str(claim.public_id)[:8].upper(),
                    claim.person.full_name,
                    claim.person.pk,
                    claim.meeting.title,
                    timezone.localtime(claim.meeting.starts_at).date().isoformat(),
                    f"{claim.involvement_payment:.2f}",
                    claim.involvement_payment_basis,
                    run.paid_on.isoformat(),
                    run.reference,
                ]
            )
        return out.getvalue()
    writer.writerow(HEADER)
    for claim in claims:
        payment = Decimal("0.00") if routed else claim.involvement_payment
        if claim.expenses + payment <= 0:
            continue
        group = claim.group or claim.meeting.group
        writer.writerow(
            [
                str(claim.public_id)[:8].upper(),
                claim.person.full_name,
                claim.person.pk,
                claim.meeting.title,
                timezone.localtime(claim.meeting.starts_at).date().isoformat(),
                group.name if group else "",
                f"{claim.expenses:.2f}",
                f"{payment:.2f}",
                f"{claim.expenses + payment:.2f}",
                (claim.paid_on or run.paid_on).isoformat(),
                claim.get_payment_method_display(),
                claim.payment_reference,
            ]
        )
    return out.getvalue()
