"""Celery tasks of workplans. Thin: each calls one service, and each is safe
to run twice (idempotency keys on every message; the agenda is rewritten,
not added to)."""

from celery import shared_task

from .services.feedback import TELL_MEMBERS_TASK


@shared_task(name=TELL_MEMBERS_TASK)
def tell_members_about_response(response_id: int) -> int:
    """Tell the members who raised a point, or were at its meeting, about a
    response just published."""
    from .services.feedback import response_tell_members

    return response_tell_members(response_id=response_id)


@shared_task(name="workplans.tell_members_due")
def tell_members_due() -> int:
    """Tell members about any published response they have not heard about
    (the task queued on publishing may have been missed)."""
    from .services.feedback import responses_tell_due

    return responses_tell_due()


@shared_task(name="workplans.send_owner_reminders")
def send_owner_reminders() -> int:
    """Remind owners of points due this week, overdue, or with no news too long."""
    from .services.feedback import owner_reminders_send

    return owner_reminders_send()


@shared_task(name="workplans.fill_you_said_agendas")
def fill_you_said_agendas() -> int:
    """Fill in the "You said, we did" item of each group's next meeting."""
    from .services.agenda import agendas_fill_due

    return agendas_fill_due()
