"""Celery tasks of expenses. Thin: each calls one service, and each is safe to
run twice (idempotency keys on every message)."""

from celery import shared_task


@shared_task(name="expenses.send_claim_reminders")
def send_claim_reminders() -> int:
    """Remind people to claim two days after a meeting they came to."""
    from .services.prompt import claim_reminders_send

    return claim_reminders_send()


@shared_task(name="expenses.escalate_overdue_claims")
def escalate_overdue_claims() -> int:
    """Tell organisation admins about claims waiting for approval past the target."""
    from .services.prompt import claims_escalate_overdue

    return claims_escalate_overdue()
