"""Celery tasks of the involvement core. Tasks stay thin: they take ids, load
rows and call one service (CONVENTIONS.md)."""

from celery import shared_task


@shared_task(name="involvement.ping", ignore_result=False)
def ping() -> str:
    """Answer "pong": shows a worker is consuming from the broker and can
    return a result."""
    return "pong"
