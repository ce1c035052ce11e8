"""Celery tasks of meetings. Thin: each calls one service, and each is safe to
run twice (idempotency keys on every message)."""

from celery import shared_task


@shared_task(name="meetings.send_minutes_reminders")
def send_minutes_reminders() -> int:
    """Remind coordinators of meetings with no draft minutes 3 and 7 days on."""
    from .services.minutes import minutes_reminders_send

    return minutes_reminders_send()


@shared_task(name="meetings.send_meeting_reminders")
def send_meeting_reminders() -> int:
    """Queue the reminders and chasers due now (each once, by its key)."""
    from .services.reminders import meeting_reminders_queue

    return meeting_reminders_queue()


@shared_task(name="meetings.send_board_nudges")
def send_board_nudges() -> int:
    """Queue the board nudges due now: points closing, pack ready, debrief due
    (each once, by its key)."""
    from .services.board_nudges import board_nudges_queue

    return board_nudges_queue()


@shared_task(name="meetings.send_action_reminders")
def send_action_reminders() -> int:
    """Tell owners of actions due within 3 days, and of overdue ones (once each)."""
    from .services.reminders import action_reminders_queue

    return action_reminders_queue()


@shared_task(name="meetings.send_weekly_digests")
def send_weekly_digests() -> int:
    """Queue this week's summary for members who asked for one (once a week each)."""
    from .services.digest import weekly_digests_queue

    return weekly_digests_queue()


@shared_task(name="meetings.send_feedback_summaries")
def send_feedback_summaries() -> int:
    """Send the feedback summary of each group's last meeting before its next."""
    from .services.summary import summaries_send_due

    return summaries_send_due()


@shared_task(name="meetings.build_briefing_pack")
def build_briefing_pack(briefing_id: int) -> int | None:
    """Make a board meeting's briefing pack (twice is harmless: the same
    inputs are not built again)."""
    from .services.briefing_packs import briefing_pack_build

    briefing = briefing_pack_build(briefing_id=briefing_id)
    return briefing.pack_pages if briefing else None
