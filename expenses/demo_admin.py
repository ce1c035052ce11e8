"""Demo (expenses, staff side): a budget for each group this year, and on
Fellside one claim approved and waiting for payment and one paid in a
payment run, so the approval, payment, prompt-payment and budget pages show
something. Runs after the claimant side's demo (policies, a sent claim).
Idempotent: an organisation with a payment run is left alone."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from involvement.models import Group, Organisation, StaffRole, User
from meetings.models import Invitation
from meetings.models.core import MeetingKind

from .models import ExpenseClaim, GroupBudget, LineKind, PaymentRun
from .services import claims as claim_services
from .services.approval import claim_approve
from .services.budget import budget_set, budget_year_start
from .services.payments import claims_mark_paid

BUDGETS = {"fellside": Decimal("3000.00"), "riverbank": Decimal("4500.00")}


def _user(organisation: Organisation, role: str) -> User | None:
    found = (
        StaffRole.objects.filter(organisation=organisation, role=role)
        .select_related("user")
        .first()
    )
    return found.user if found else None


def _claims(organisation: Organisation) -> int:
    coordinator = _user(organisation, StaffRole.Role.COORDINATOR)
    finance = _user(organisation, StaffRole.Role.FINANCE)
    if coordinator is None or finance is None:
        return 0
    if PaymentRun.objects.filter(organisation=organisation).exists():
        return 0
    invitations = [
        invitation
        for invitation in Invitation.objects.filter(
            meeting__organisation=organisation, attended=True, meeting__kind=MeetingKind.GROUP
        )
        .exclude(person__user=coordinator)
        .select_related("meeting__organisation", "person")
        .order_by("meeting__starts_at", "person__full_name")
        if not ExpenseClaim.objects.filter(
            person=invitation.person, meeting=invitation.meeting
        ).exists()
    ][:2]
    approved = []
    for index, invitation in enumerate(invitations):
        claim = claim_services.claim_start(invitation=invitation)
        claim_services.claim_line_add(
            claim=claim,
            kind=LineKind.PUBLIC_TRANSPORT if index else LineKind.CARER,
            amount=Decimal("6.20") if index else Decimal("24.00"),
            description="Train there and back" if index else "Carer for the afternoon",
        )
        claim_services.claim_submit(claim=claim)
        claim_approve(claim=claim, by=coordinator)
        approved.append(claim)
    if approved:
        claims_mark_paid(
            organisation=organisation,
            claim_ids=[approved[0].pk],
            by=finance,
            paid_on=timezone.localdate(),
            method="bank_transfer",
            reference=f"BACS-{timezone.localdate():%Y%m%d}",
        )
    return len(approved)


@transaction.atomic
def seed(stdout=None) -> None:
    year = budget_year_start(timezone.localdate())
    made = 0
    for slug, amount in BUDGETS.items():
        organisation = Organisation.objects.filter(slug=slug).first()
        if organisation is None:
            continue
        for group in Group.objects.filter(organisation=organisation):
            if not GroupBudget.objects.filter(group=group, year_starting=year).exists():
                budget_set(group=group, year_starting=year, amount=amount)
        if slug == "fellside":
            made += _claims(organisation)
    if stdout:
        stdout.write(f"expenses: group budgets for {year:%Y} and {made} approved claims")
