"""Quiet hours: an organisation's messages are held from 9pm to 8am UK time
and go in the morning, on ordinary nights and on the nights the clocks change.
Time is frozen; the suite itself runs with quiet hours off."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import time_machine
from django.core import mail

from involvement.models import Notification
from involvement.services import outbox
from involvement.tasks import send_pending_notifications

pytestmark = pytest.mark.django_db

Status = Notification.Status


@pytest.fixture(autouse=True)
def quiet_hours_on(settings):
    settings.INVOLVE_QUIET_HOURS = True


def queue(world, key):
    return outbox.notification_queue(
        recipient=world.objects["person"],
        organisation=world.organisation,
        subject=f"Quiet hours check {key}",
        body_text="News.",
        idempotency_key=f"quiet:{key}",
        channel=Notification.Channel.EMAIL,
    )


def sent(key) -> bool:
    return f"Quiet hours check {key}" in [message.subject for message in mail.outbox]


@pytest.mark.parametrize(
    ("utc", "quiet"),
    [
        # A winter evening and morning (GMT = UTC).
        (datetime(2026, 12, 1, 20, 59, tzinfo=UTC), False),
        (datetime(2026, 12, 1, 21, 0, tzinfo=UTC), True),
        (datetime(2026, 12, 2, 7, 59, tzinfo=UTC), True),
        (datetime(2026, 12, 2, 8, 0, tzinfo=UTC), False),
        # A summer evening (BST = UTC+1): 8:30pm UTC is 9:30pm in London.
        (datetime(2026, 7, 1, 20, 30, tzinfo=UTC), True),
        (datetime(2026, 7, 2, 7, 0, tzinfo=UTC), False),  # 8am BST
        # Clocks go forward on 28 March 2027 at 1am GMT: 7am UTC is 8am BST.
        (datetime(2027, 3, 28, 6, 59, tzinfo=UTC), True),
        (datetime(2027, 3, 28, 7, 0, tzinfo=UTC), False),
        # Clocks go back on 25 October 2026 at 2am BST: 7:30am UTC is 7:30am GMT.
        (datetime(2026, 10, 25, 7, 30, tzinfo=UTC), True),
        (datetime(2026, 10, 25, 8, 0, tzinfo=UTC), False),
    ],
)
def test_quiet_hours_follow_london_time_through_the_clock_changes(utc, quiet):
    assert outbox.in_quiet_hours(utc) is quiet


def test_a_message_queued_at_night_waits_for_the_morning(world, django_capture_on_commit_callbacks):
    with time_machine.travel(datetime(2027, 3, 27, 22, 15, tzinfo=UTC), tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            message = queue(world, "night")
        send_pending_notifications.apply()
        message.refresh_from_db()
        assert message.status == Status.PENDING
        assert not sent("night")
    # The night the clocks go forward: still held at 7:30am BST (6:30 UTC)...
    with time_machine.travel(datetime(2027, 3, 28, 6, 30, tzinfo=UTC), tick=False):
        send_pending_notifications.apply()
        assert not sent("night")
    # ...and sent at 8am BST, once, however often the beat fires.
    with time_machine.travel(datetime(2027, 3, 28, 7, 1, tzinfo=UTC), tick=False):
        send_pending_notifications.apply()
        send_pending_notifications.apply()
    message.refresh_from_db()
    assert message.status == Status.SENT
    assert [m.subject for m in mail.outbox].count("Quiet hours check night") == 1


def test_an_organisation_can_choose_to_send_at_night(world, django_capture_on_commit_callbacks):
    world.organisation.quiet_hours = False
    world.organisation.save()
    with time_machine.travel(datetime(2026, 12, 1, 23, 0, tzinfo=UTC), tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            message = queue(world, "allowed")
    message.refresh_from_db()
    assert message.status == Status.SENT
    assert sent("allowed")
