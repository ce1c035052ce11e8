"""Writes for the claimant's side of expenses: start a claim for a meeting
attended (pre-filled with the involvement payment due), add and remove its
lines with receipts, submit it, answer an approver's question and resubmit,
and the person's standing choice about involvement payments."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q, Sum
from django.urls import reverse
from django.utils import timezone

from involvement.errors import ApplicationError
from involvement.links import site_address
from involvement.models import Person, RepresentativeSeat, StaffRole
from involvement.services.outbox import notification_queue
from meetings.models import Debrief, Invitation, Meeting

from ..models import (
    ClaimEvent,
    ClaimLine,
    ClaimStatus,
    ExpenseClaim,
    LineKind,
    PaymentChoice,
    PaymentPreference,
    RoleLevel,
)
from . import policy as policy_rules
from .receipts import check_upload, receipt_add

EDITABLE = (ClaimStatus.DRAFT, ClaimStatus.QUERIED)
COUNTED_STATUSES = (ClaimStatus.APPROVED, ClaimStatus.PAID)


def _site(site_url: str) -> str:
    return site_address(site_url)


def _sits_on(person: Person, board: Meeting) -> bool:
    """Held a seat on the board meeting's body on its day."""
    if board.body_id is None:
        return False
    day = timezone.localtime(board.starts_at).date()
    return (
        RepresentativeSeat.objects.filter(
            body_id=board.body_id, membership__person=person, term_start__lte=day
        )
        .filter(Q(term_end__isnull=True) | Q(term_end__gte=day))
        .exists()
    )


def role_level_for(*, person: Person, meeting: Meeting) -> str:
    """A strategic role: a representative at a board meeting of a body they
    hold a seat on that day, or at the briefing meeting before one (the
    meeting a board meeting's briefing names as its pre-meeting). A member
    otherwise."""
    if meeting.kind == Meeting.Kind.BOARD:
        return RoleLevel.STRATEGIC if _sits_on(person, meeting) else RoleLevel.MEMBER
    boards = Meeting.objects.filter(kind=Meeting.Kind.BOARD, briefing__pre_meeting=meeting).exclude(
        status=Meeting.Status.CANCELLED
    )
    if any(_sits_on(person, board) for board in boards):
        return RoleLevel.STRATEGIC
    return RoleLevel.MEMBER


def wrote_debrief(*, person: Person, meeting: Meeting) -> bool:
    return (
        meeting.kind == Meeting.Kind.BOARD
        and Debrief.objects.filter(meeting=meeting, representative=person).exists()
    )


def payment_due_for(*, person: Person, meeting: Meeting) -> policy_rules.PaymentDue:
    policy = policy_rules.policy_for(meeting.organisation)
    rules = list(policy.rules.all()) if policy.pk else []
    preference = PaymentPreference.objects.filter(person=person).first()
    level = role_level_for(person=person, meeting=meeting)
    return policy_rules.involvement_payment_due(
        rules=rules,
        level=level,
        activity=meeting.kind,
        hours=policy_rules.meeting_hours(meeting.starts_at, meeting.ends_at),
        choice=preference.choice if preference else None,
        policy=policy,
        debrief=level == RoleLevel.STRATEGIC and wrote_debrief(person=person, meeting=meeting),
    )


def _record(claim, *, from_status, to_status, by=None, note="") -> ClaimEvent:
    event = ClaimEvent(claim=claim, from_status=from_status, to_status=to_status, by=by, note=note)
    event.full_clean()
    event.save()
    return event


@transaction.atomic
def claim_start(*, invitation: Invitation, started_by=None) -> ExpenseClaim:
    """A draft claim for a meeting the person attended, pre-filled with the
    meeting, its group and the involvement payment due. One per meeting."""
    meeting = invitation.meeting
    if invitation.attended is not True:
        raise ApplicationError("You can only claim for a meeting you were recorded as attending.")
    if meeting.kind not in policy_rules.CLAIMABLE_KINDS:
        raise ApplicationError("Expenses cannot be claimed for this kind of meeting.")
    if meeting.status == Meeting.Status.CANCELLED:
        raise ApplicationError("This meeting was cancelled.")
    if ExpenseClaim.objects.filter(person=invitation.person, meeting=meeting).exists():
        raise ApplicationError("There is already a claim for this meeting.", code="exists")
    due = payment_due_for(person=invitation.person, meeting=meeting)
    entered_by = None
    if started_by is not None and invitation.person.user_id != started_by.pk:
        entered_by = started_by
    claim = ExpenseClaim(
        organisation=meeting.organisation,
        person=invitation.person,
        meeting=meeting,
        invitation=invitation,
        group=meeting.group,
        involvement_payment=due.amount,
        involvement_payment_basis=due.basis[:200],
        entered_by=entered_by,
    )
    claim.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            claim.save()
    except IntegrityError as exc:
        raise ApplicationError("There is already a claim for this meeting.", code="exists") from exc
    _record(claim, from_status="", to_status=ClaimStatus.DRAFT, by=started_by)
    return claim


def _editable(claim: ExpenseClaim) -> None:
    if claim.status not in EDITABLE:
        raise ApplicationError("This claim has been sent and cannot be changed now.")


def _record_change_on_behalf(claim: ExpenseClaim, *, by, note: str) -> None:
    """A change made by someone other than the claimant (a coordinator or admin
    support helping them) goes into the claim's history, status unchanged: who
    changed a claim for the person may not approve it."""
    if by is None or (claim.person.user_id is not None and claim.person.user_id == by.pk):
        return
    _record(claim, from_status=claim.status, to_status=claim.status, by=by, note=note)


def _cost_words(line: ClaimLine) -> str:
    return f"{line.get_kind_display().lower()}, {policy_rules.money(line.amount)}"


@transaction.atomic
def claim_line_add(
    *,
    claim: ExpenseClaim,
    kind: str,
    amount: Decimal | None = None,
    miles: Decimal | None = None,
    description: str = "",
    reason: str = "",
    receipt=None,
    by=None,
) -> ClaimLine:
    """Add a cost. Mileage is worked out from the miles at the organisation's
    rate; a taxi needs its reason; a receipt, if given, must be a photo or PDF."""
    _editable(claim)
    errors = {}
    if kind not in LineKind.values:
        errors["kind"] = "Choose what the cost was for"
    policy = policy_rules.policy_for(claim.organisation)
    if kind == LineKind.MILEAGE:
        if miles is None or miles <= 0:
            errors["miles"] = "Enter the number of miles, like 12"
        else:
            amount = policy_rules.mileage_amount(miles, policy.mileage_rate)
    else:
        miles = None
        if amount is None:
            errors["amount"] = "Enter the amount, like 3.50"
        elif amount < 0:
            errors["amount"] = "Enter an amount of 0 or more"
        elif amount > Decimal("9999.99"):
            errors["amount"] = "Enter an amount under £10,000"
    if kind == LineKind.TAXI and not (reason or "").strip():
        errors["reason"] = "Say why you needed a taxi, for example access needs"
    if kind == LineKind.OTHER and not (description or "").strip():
        errors["description"] = "Say what the cost was for"
    if receipt is not None:
        try:
            check_upload(receipt)
        except ValidationError as exc:
            errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)
    line = ClaimLine(
        claim=claim,
        kind=kind,
        amount=policy_rules.pounds(amount),
        miles=miles,
        description=(description or "").strip(),
        reason=(reason or "").strip(),
    )
    line.full_clean()
    line.save()
    if receipt is not None:
        receipt_add(line=line, upload=receipt)
    _record_change_on_behalf(
        claim, by=by, note=f"Cost added on the person's behalf: {_cost_words(line)}"
    )
    return line


@transaction.atomic
def claim_line_remove(*, line: ClaimLine, by=None) -> None:
    claim = line.claim
    _editable(claim)
    note = f"Cost removed on the person's behalf: {_cost_words(line)}"
    for receipt in line.receipts.all():
        receipt.file.delete(save=False)
    line.delete()
    _record_change_on_behalf(claim, by=by, note=note)


@transaction.atomic
def claim_receipt_attach(*, line: ClaimLine, upload, by=None):
    _editable(line.claim)
    receipt = receipt_add(line=line, upload=upload)
    _record_change_on_behalf(
        line.claim,
        by=by,
        note=f"Receipt added on the person's behalf: {_cost_words(line)}",
    )
    return receipt


def _approvers(claim: ExpenseClaim) -> list:
    from involvement.services.people import person_get_or_create_for_user

    users = [
        role.user
        for role in StaffRole.objects.filter(
            organisation_id=claim.organisation_id, role=StaffRole.Role.COORDINATOR
        ).select_related("user")
    ]
    return [
        person_get_or_create_for_user(user=user)
        for user in dict.fromkeys(users)
        if user.pk != claim.person.user_id
    ]


def _notify_submitted(claim: ExpenseClaim, *, round_: int, site_url: str, answer: str) -> None:
    site = _site(site_url)
    link = site + reverse("claim-detail", kwargs={"public_id": claim.public_id})
    total = policy_rules.money(
        policy_rules.claim_total(claim.lines.all(), claim.involvement_payment)
    )
    day = timezone.localtime(claim.meeting.starts_at).strftime("%-d %B %Y")
    what = "answered the question and sent the claim again" if answer else "sent the claim"
    notification_queue(
        recipient=claim.person,
        organisation=claim.organisation,
        subject=f"We have your expenses claim for {claim.meeting.title}",
        body_text=(
            f"Dear {claim.person.display_name},\n\n"
            f"Thank you: we have your claim for {total} for {claim.meeting.title} on {day}. "
            f"A coordinator will check it and we will tell you when it is approved and paid. "
            f"You can see it here: {link}"
        ),
        idempotency_key=f"expenses:claim-submitted:{claim.pk}:{round_}:claimant",
        kind="claim_update",
        about=f"claim:{claim.pk}",
    )
    for approver in _approvers(claim):
        notification_queue(
            recipient=approver,
            organisation=claim.organisation,
            subject=f"Expenses claim to approve: {claim.person.display_name}",
            body_text=(
                f"Dear {approver.display_name},\n\n"
                f"{claim.person.display_name} {what} for {claim.meeting.title} on {day} "
                f"({total}). Please check and approve it: {link}"
            ),
            idempotency_key=f"expenses:claim-submitted:{claim.pk}:{round_}:{approver.pk}",
            kind="claim_to_approve",
            about=f"claim:{claim.pk}",
        )


def _lock(claim: ExpenseClaim) -> ExpenseClaim:
    return ExpenseClaim.objects.select_for_update().get(pk=claim.pk)


@transaction.atomic
def claim_submit(*, claim: ExpenseClaim, by=None, site_url: str = "") -> ExpenseClaim:
    """Send a draft claim for approval: recorded, and the claimant and the
    organisation's coordinators told."""
    locked = _lock(claim)
    if locked.status != ClaimStatus.DRAFT:
        raise ApplicationError("Only a draft claim can be sent.")
    if not locked.lines.exists() and locked.involvement_payment <= 0:
        raise ValidationError({"lines": "Add at least one cost before sending your claim"})
    locked.status = ClaimStatus.SUBMITTED
    locked.submitted_at = timezone.now()
    locked.full_clean()
    locked.save(update_fields=["status", "submitted_at", "updated_at"])
    _record(locked, from_status=ClaimStatus.DRAFT, to_status=ClaimStatus.SUBMITTED, by=by)
    round_ = locked.events.filter(to_status=ClaimStatus.SUBMITTED).count()
    _notify_submitted(locked, round_=round_, site_url=site_url, answer="")
    claim.status, claim.submitted_at = locked.status, locked.submitted_at
    return locked


@transaction.atomic
def claim_answer_query(
    *, claim: ExpenseClaim, answer: str, by=None, site_url: str = ""
) -> ExpenseClaim:
    """Answer the approver's question and send the claim again."""
    answer = (answer or "").strip()
    if not answer:
        raise ValidationError({"answer": "Enter your answer to the question"})
    locked = _lock(claim)
    if locked.status != ClaimStatus.QUERIED:
        raise ApplicationError("There is no question waiting for an answer on this claim.")
    locked.status = ClaimStatus.SUBMITTED
    locked.submitted_at = timezone.now()
    locked.full_clean()
    locked.save(update_fields=["status", "submitted_at", "updated_at"])
    _record(
        locked, from_status=ClaimStatus.QUERIED, to_status=ClaimStatus.SUBMITTED, by=by, note=answer
    )
    round_ = locked.events.filter(to_status=ClaimStatus.SUBMITTED).count()
    _notify_submitted(locked, round_=round_, site_url=site_url, answer=answer)
    claim.status, claim.submitted_at = locked.status, locked.submitted_at
    return locked


# ---------------------------------------------------------------------------
# The person's choice about involvement payments
# ---------------------------------------------------------------------------


@transaction.atomic
def payment_preference_set(
    *, person: Person, choice: str, no_claim_reminders: bool = False
) -> PaymentPreference:
    """Record the choice (changeable any time) and that benefits advice was
    offered alongside it. Draft claims follow the new choice."""
    if choice not in PaymentChoice.values:
        raise ValidationError({"choice": "Choose whether you want involvement payments"})
    now = timezone.now()
    preference = PaymentPreference.objects.select_for_update().filter(person=person).first()
    if preference is None:
        preference = PaymentPreference(person=person)
    preference.choice = choice
    preference.chosen_at = now
    preference.advice_offered_at = now
    preference.no_claim_reminders = no_claim_reminders
    preference.full_clean()
    preference.save()
    for claim in ExpenseClaim.objects.filter(
        person=person, status=ClaimStatus.DRAFT
    ).select_related("meeting__organisation"):
        due = payment_due_for(person=person, meeting=claim.meeting)
        claim.involvement_payment = due.amount
        claim.involvement_payment_basis = due.basis[:200]
        claim.save(update_fields=["involvement_payment", "involvement_payment_basis", "updated_at"])
    return preference


def tax_year_involvement_total(*, person: Person, day: datetime.date | None = None) -> Decimal:
    """Involvement payments approved or paid for meetings in the UK tax year
    containing `day` (6 April to 5 April)."""
    start, end = policy_rules.tax_year(day or timezone.localdate())
    total = ExpenseClaim.objects.filter(
        person=person,
        status__in=COUNTED_STATUSES,
        meeting__starts_at__date__gte=start,
        meeting__starts_at__date__lte=end,
    ).aggregate(total=Sum("involvement_payment"))["total"]
    return policy_rules.pounds(total or 0)
