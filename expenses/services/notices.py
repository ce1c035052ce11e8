"""The kinds of message expenses sends, which a person may turn off, and how
each is looked at again just before it goes (involvement.services.outbox).

A claim moves on while its messages wait (a letter waits for the print run,
an email for the morning after quiet hours): a reminder to claim is not sent
to someone who has since claimed, "approved" is not sent for a claim already
paid, a question already answered is not asked again, and an approver is not
asked to approve a claim someone else has dealt with. Payments and refusals
always go: they cannot be turned off and are not held back.
"""

from __future__ import annotations

from involvement import message_kinds
from involvement.models import Notification
from involvement.services.outbox import SendCheck, register_send_check

from ..models import ClaimStatus, ExpenseClaim

KIND_REMINDER = "claim_reminder"
KIND_UPDATE = "claim_update"
KIND_TO_APPROVE = "claim_to_approve"
KIND_QUESTION = "claim_question"
KIND_DECISION = "claim_decision"
KIND_OVERDUE = "claim_overdue"


def _claim(about: str) -> tuple[ExpenseClaim | None, str]:
    """The claim a message is about ("claim:12" or "claim:12:approved"), and
    the status it was written for ("" if any)."""
    _, pk, status = (about.split(":") + ["", "", ""])[:3]
    claim = ExpenseClaim.objects.filter(pk=int(pk) if pk.isdigit() else 0).first()
    return claim, status


def claim_reminder_check(notification: Notification) -> SendCheck:
    """Claim your expenses: not if the person has claimed for the meeting since."""
    _, pk = (notification.about.split(":") + ["", ""])[:2]
    claimed = ExpenseClaim.objects.filter(
        person_id=notification.recipient_id, meeting_id=int(pk) if pk.isdigit() else 0
    ).exists()
    if claimed:
        return SendCheck(cancel="The person has made a claim for this meeting since.")
    return SendCheck()


def claim_update_check(notification: Notification) -> SendCheck:
    """News of a claim (received, approved): not once it has moved past that."""
    claim, status = _claim(notification.about)
    if claim is None:
        return SendCheck(cancel="The claim was deleted.")
    if claim.status == ClaimStatus.PAID and status != ClaimStatus.PAID:
        return SendCheck(cancel="The claim was paid before this went: the payment notice went.")
    if status == ClaimStatus.APPROVED and claim.status != ClaimStatus.APPROVED:
        return SendCheck(
            cancel=f"The claim is no longer approved: it is {claim.get_status_display().lower()}."
        )
    return SendCheck()


def claim_to_approve_check(notification: Notification) -> SendCheck:
    """Approve this claim: not once it has been dealt with."""
    claim, _ = _claim(notification.about)
    if claim is None:
        return SendCheck(cancel="The claim was deleted.")
    if claim.status != ClaimStatus.SUBMITTED:
        return SendCheck(
            cancel="The claim was dealt with before this went: it is "
            f"{claim.get_status_display().lower()}."
        )
    return SendCheck()


def claim_question_check(notification: Notification) -> SendCheck:
    """A question about a claim: not once the person has answered it."""
    claim, _ = _claim(notification.about)
    if claim is None:
        return SendCheck(cancel="The claim was deleted.")
    if claim.status != ClaimStatus.QUERIED:
        return SendCheck(cancel="The person answered the question before this went.")
    return SendCheck()


def register() -> None:
    """Called from ExpensesConfig.ready()."""
    message_kinds.register(
        KIND_DECISION, "When a claim is paid, or cannot be paid", optional=False, order=40
    )
    message_kinds.register(
        KIND_QUESTION, "Questions about a claim you made", optional=False, order=41
    )
    message_kinds.register(
        KIND_REMINDER, "Reminders to claim your expenses after a meeting", order=40
    )
    message_kinds.register(KIND_UPDATE, "When we receive or approve your expenses claim", order=41)
    message_kinds.register(
        KIND_TO_APPROVE, "Claims waiting for you to approve (for staff)", order=91
    )
    message_kinds.register(
        KIND_OVERDUE, "Claims that have waited too long for approval (for staff)", order=92
    )
    register_send_check(KIND_REMINDER, claim_reminder_check)
    register_send_check(KIND_UPDATE, claim_update_check)
    register_send_check(KIND_TO_APPROVE, claim_to_approve_check)
    register_send_check(KIND_QUESTION, claim_question_check)
    register_send_check(KIND_OVERDUE, claim_to_approve_check)
