"""Approving expense claims: approve, query (a question to the claimant) or
reject with a reason. Every change records a ClaimEvent (who, when, note) and
sends the claimant a notice once. Nobody decides on their own claim, nobody
approves a claim they entered or changed on the person's behalf, and a claim
is never deleted once submitted."""

from __future__ import annotations

from django.db import transaction
from django.db.models import F, Q
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from involvement import audit, links
from involvement.errors import ApplicationError
from involvement.models import User
from involvement.money import money as format_money
from involvement.services.outbox import notification_queue

from ..models import ClaimEvent, ExpenseClaim

Status = ExpenseClaim.Status

# Which states each decision may start from: anything else is refused.
ALLOWED_FROM = {
    Status.APPROVED: {Status.SUBMITTED},
    Status.QUERIED: {Status.SUBMITTED},
    Status.REJECTED: {Status.SUBMITTED},
}


def site_address() -> str:
    return links.site_address()


def claimant_link(claim: ExpenseClaim) -> str:
    """The claimant's own page for the claim (the claimant side's URL), or the
    home page while that page does not exist."""
    for name, kwargs in (
        ("claim-detail", {"pk": claim.pk}),
        ("claim-detail", {"public_id": claim.public_id}),
        ("claim-list", {}),
    ):
        try:
            return site_address() + reverse(name, kwargs=kwargs)
        except NoReverseMatch:
            continue
    return site_address() + "/"


def money(value) -> str:
    return format_money(value)


def _locked(claim: ExpenseClaim) -> ExpenseClaim:
    """The claim's row, locked for this transaction, with its current status."""
    return (
        ExpenseClaim.objects.select_for_update(of=("self",))
        .select_related("person")
        .get(pk=claim.pk)
    )


def _is_own(claim: ExpenseClaim, user: User) -> bool:
    return claim.person.user_id is not None and claim.person.user_id == user.pk


def _refuse_own(claim: ExpenseClaim, by: User) -> None:
    if _is_own(claim, by):
        raise ApplicationError(
            "You cannot decide on your own claim. Ask another coordinator to look at it.",
            code="own_claim",
        )


# A claim's history rows that change what is claimed, as opposed to decisions
# on it: the claim started, sent or sent again with an answer, and costs or
# receipts added or removed (recorded with the status unchanged).
CHANGES = Q(to_status__in=[Status.DRAFT, Status.SUBMITTED]) | Q(from_status=F("to_status"))


def entered_or_changed_by(claim: ExpenseClaim, user: User) -> bool:
    """Whether `user` entered the claim for the person or changed it on their
    behalf (the person's own changes are theirs, not someone else's)."""
    if _is_own(claim, user):
        return False
    return claim.entered_by_id == user.pk or claim.events.filter(CHANGES, by=user).exists()


def approval_refusal(*, claim: ExpenseClaim, by: User) -> ApplicationError | None:
    """Why `by` may not approve a claim they did not make themselves, or None.
    The approval page shows it; claim_approve raises it. (Their own claim is
    refused for every decision, by _refuse_own.)"""
    if entered_or_changed_by(claim, by):
        return ApplicationError(
            f"You entered or changed this claim for {claim.person.display_name}, so you "
            "cannot approve it. Ask another coordinator or an organisation admin to approve it.",
            code="entered_claim",
        )
    return None


def _transition(*, claim: ExpenseClaim, to: str, by: User, note: str = "") -> ClaimEvent:
    current = _locked(claim)
    if current.status not in ALLOWED_FROM[to]:
        raise ApplicationError(
            f"This claim is {current.get_status_display().lower()}, so it cannot be "
            f"{Status(to).label.lower()} now.",
            code="illegal_transition",
        )
    _refuse_own(current, by)
    if to == Status.APPROVED:
        refusal = approval_refusal(claim=current, by=by)
        if refusal is not None:
            raise refusal
    event = ClaimEvent(claim=current, from_status=current.status, to_status=to, by=by, note=note)
    current.status = to
    fields = ["status", "updated_at"]
    if to == Status.APPROVED:
        current.approved_at = timezone.now()
        current.approved_by = by
        fields += ["approved_at", "approved_by"]
    current.full_clean()
    current.save(update_fields=fields)
    event.full_clean()
    event.save()
    for field in ("status", "approved_at", "approved_by_id", "updated_at"):
        setattr(claim, field, getattr(current, field))
    return event


def _meeting_words(claim: ExpenseClaim) -> str:
    meeting = claim.meeting
    day = timezone.localtime(meeting.starts_at).strftime("%-d %B %Y")
    return f"{meeting.title} on {day}"


@transaction.atomic
def claim_approve(*, claim: ExpenseClaim, by: User, note: str = "") -> ExpenseClaim:
    _transition(claim=claim, to=Status.APPROVED, by=by, note=note.strip())
    audit.record(
        action=audit.Action.CLAIM_APPROVED,
        organisation=claim.organisation,
        actor=by,
        target=claim,
        summary=f"Claim {claim.pk}",
    )
    person = claim.person
    notification_queue(
        recipient=person,
        organisation=claim.organisation,
        subject="Your expenses claim has been approved",
        body_text=(
            f"Dear {person.display_name},\n\n"
            f"Your claim for {_meeting_words(claim)} has been approved. "
            "It will be paid soon; we will tell you when it has been paid.\n\n"
            f"See your claim: {claimant_link(claim)}"
        ),
        idempotency_key=f"expenses:claim-approved:{claim.pk}",
        kind="claim_update",
        about=f"claim:{claim.pk}:approved",
    )
    return claim


@transaction.atomic
def claim_query(*, claim: ExpenseClaim, by: User, question: str) -> ExpenseClaim:
    question = question.strip()
    if not question:
        from django.core.exceptions import ValidationError

        raise ValidationError({"question": "Enter your question for the person who claimed"})
    event = _transition(claim=claim, to=Status.QUERIED, by=by, note=question)
    person = claim.person
    notification_queue(
        recipient=person,
        organisation=claim.organisation,
        subject="A question about your expenses claim",
        body_text=(
            f"Dear {person.display_name},\n\n"
            f"We have a question about your claim for {_meeting_words(claim)}:\n\n"
            f"{question}\n\n"
            "Please answer it and send your claim again here: "
            f"{claimant_link(claim)}\n\n"
            "If you get this by post, phone your coordinator with your answer."
        ),
        # One notice per question: a claim may be queried again after an answer.
        idempotency_key=f"expenses:claim-queried:{claim.pk}:{event.pk}",
        kind="claim_question",
        about=f"claim:{claim.pk}:queried",
    )
    return claim


@transaction.atomic
def claim_reject(*, claim: ExpenseClaim, by: User, reason: str) -> ExpenseClaim:
    reason = reason.strip()
    if not reason:
        from django.core.exceptions import ValidationError

        raise ValidationError({"reason": "Enter the reason the claim cannot be paid"})
    _transition(claim=claim, to=Status.REJECTED, by=by, note=reason)
    audit.record(
        action=audit.Action.CLAIM_REJECTED,
        organisation=claim.organisation,
        actor=by,
        target=claim,
        summary=f"Claim {claim.pk}",
    )
    person = claim.person
    notification_queue(
        recipient=person,
        organisation=claim.organisation,
        subject="Your expenses claim cannot be paid",
        body_text=(
            f"Dear {person.display_name},\n\n"
            f"We are sorry: your claim for {_meeting_words(claim)} cannot be paid.\n\n"
            f"The reason: {reason}\n\n"
            "If you think this is wrong, please contact your coordinator.\n\n"
            f"See your claim: {claimant_link(claim)}"
        ),
        idempotency_key=f"expenses:claim-rejected:{claim.pk}",
        kind="claim_decision",
        about=f"claim:{claim.pk}",
    )
    return claim


@transaction.atomic
def claim_delete(*, claim: ExpenseClaim, by: User) -> None:
    """Delete a claim: only a draft. A claim that was ever submitted is a
    financial record and stays (with its history)."""
    current = _locked(claim)
    ever_sent = current.submitted_at is not None or (
        current.events.exclude(to_status=Status.DRAFT).exists()
    )
    if current.status != Status.DRAFT or ever_sent:
        raise ApplicationError(
            "A claim that has been sent cannot be deleted. It stays on record.",
            code="claim_kept",
        )
    current.events.all().delete()  # only the record that the draft was started
    current.delete()
