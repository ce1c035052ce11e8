"""Celery tasks of the involvement core. Tasks stay thin: they take ids, load
rows and call one service (CONVENTIONS.md)."""

from celery import shared_task

from .services.outbox import (
    SEND_MANY_TASK,
    SEND_TASK,
    notification_send,
    notification_send_due,
    notification_send_many,
)
from .services.privacy import BUILD_TASK, data_export_build, privacy_retention_apply


@shared_task(name="involvement.ping", ignore_result=False)
def ping() -> str:
    """Answer "pong": shows a worker is consuming from the broker and can
    return a result."""
    return "pong"


# --- Notification outbox ----------------------------------------------------
# Both tasks are safe to run twice, or at once: a message is claimed before it
# is sent, and only the claimant sends it (services.outbox). Failed messages are
# retried by the batch task (every minute, CELERY_BEAT_SCHEDULE), with backoff.


@shared_task(name=SEND_TASK)
def send_notification(notification_id: int) -> None:
    """Send one message now, if it is still waiting and nobody else has taken it."""
    notification_send(notification_id=notification_id)


@shared_task(name=SEND_MANY_TASK)
def send_notifications(notification_ids: list[int]) -> int:
    """Send these messages (queued together), a handful at a time; any left
    when the time is up wait for the every-minute batch."""
    return notification_send_many(notification_ids)


@shared_task(name="involvement.send_pending_notifications")
def send_pending_notifications() -> int:
    """Send every message that is due: new ones the broker missed, and failed
    ones whose retry time has come."""
    return notification_send_due()


# --- Privacy rights ----------------------------------------------------------


@shared_task(name=BUILD_TASK)
def build_personal_data_export(export_id: int) -> None:
    """Make a person's copy of their data (JSON and a readable page)."""
    data_export_build(export_id=export_id)


@shared_task(name="involvement.apply_privacy_retention")
def apply_privacy_retention() -> dict:
    """Remove diversity information and copies of data past their periods (daily)."""
    return privacy_retention_apply()


# --- Weekly summary for coordinators and organisation admins ----------------


@shared_task(name="involvement.send_staff_digests")
def send_staff_digests() -> int:
    """Queue this week's "what needs doing" for coordinators and organisation
    admins (once a week each, by its key; none when there is nothing to do)."""
    from .services.staff_digest import staff_digests_queue

    return staff_digests_queue()
