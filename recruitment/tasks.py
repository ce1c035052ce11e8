"""Celery tasks of recruitment. Thin: each calls one service, and each is
safe to run twice (idempotency keys; anonymisation skips what is done)."""

from celery import shared_task


@shared_task(name="recruitment.send_reviewer_reminders")
def send_reviewer_reminders() -> int:
    """Remind reviewers with scoring left in the days before the deadline."""
    from .services.scoring import reviewer_reminders_send

    return reviewer_reminders_send()


@shared_task(name="recruitment.anonymise_expired_applications")
def anonymise_expired_applications() -> int:
    """Remove personal details of unsuccessful applications past retention."""
    from .services.decisions import applications_anonymise_expired

    return applications_anonymise_expired()
