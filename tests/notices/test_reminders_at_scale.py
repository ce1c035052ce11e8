"""A morning's meeting reminders cost at most two queries a message, queued
and sent, however many there are (the figures at 3,000 are in bench/RESULTS.md,
from bench/reminders.py, which builds its data the same way)."""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bench.reminders import build_morning
from involvement.models import Notification
from involvement.services import outbox
from meetings.services.reminders import meeting_reminders_queue

pytestmark = pytest.mark.django_db

NOW = datetime(2027, 3, 16, 10, 0, tzinfo=ZoneInfo("Europe/London"))


def _queue_and_send(monkeypatch):
    """The beat's task, then the sending task over the ids the queue hands it
    when it commits (here, straight away, as a worker would receive them)."""
    handed_over: list[int] = []
    monkeypatch.setattr(outbox, "_enqueue_send_many", handed_over.extend)
    with CaptureQueriesContext(connection) as queries:
        queued = meeting_reminders_queue()
        # Callbacks on commit run when the test's own transaction would commit:
        # hand them over now, as the commit would.
        for _, callback, _ in connection.run_on_commit:
            callback()
        connection.run_on_commit = []
        sent = outbox.notification_send_many(handed_over)
    return queued, sent, len(queries)


@pytest.mark.parametrize(("meetings", "invitees"), [(3, 10), (6, 20)])
def test_reminders_cost_at_most_two_queries_a_message(monkeypatch, meetings, invitees):
    with time_machine.travel(NOW, tick=False):
        build_morning(meetings=meetings, invitees=invitees, now=NOW)
        mail.outbox = []
        queued, sent, queries = _queue_and_send(monkeypatch)
    messages = meetings * invitees
    assert queued == sent == messages
    assert queries <= 2 * messages, f"{queries} queries for {messages} messages"
    # Each person got their reminder once, and every row says so.
    assert sorted(Counter(m.to[0] for m in mail.outbox).values()) == [1] * messages
    assert Notification.objects.filter(status=Notification.Status.SENT).count() == messages
