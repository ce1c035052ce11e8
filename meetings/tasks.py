"""Celery tasks of meetings. Thin: each calls one service, and each is safe to
run twice (idempotency keys on every message)."""

from celery import shared_task


@shared_task(name="meetings.send_minutes_reminders")
def send_minutes_reminders() -> int:
    """Remind coordinators of meetings with no draft minutes 3 and 7 days on."""
    from .services.minutes import minutes_reminders_send

    return minutes_reminders_send()


@shared_task(name="meetings.send_feedback_summaries")
def send_feedback_summaries() -> int:
    """Send the feedback summary of each group's last meeting before its next."""
    from .services.summary import summaries_send_due

    return summaries_send_due()


# --- expenses: approval and payment (issue 6) --------------------------------


@shared_task(name="meetings.send_claim_reminders")
def send_claim_reminders() -> int:
    """Remind people to claim two days after a meeting they came to."""
    from .services.prompt import claim_reminders_send

    return claim_reminders_send()


@shared_task(name="meetings.escalate_overdue_claims")
def escalate_overdue_claims() -> int:
    """Tell organisation admins about claims waiting for approval past the target."""
    from .services.prompt import claims_escalate_overdue

    return claims_escalate_overdue()


# --- end of expenses: approval and payment -----------------------------------
