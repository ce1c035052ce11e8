"""A worker killed (SIGKILL) in the middle of a batch of 500 messages, then
restarted: every message is sent exactly once or shown as "may not have been
sent"; none is lost, none goes twice. A real Redis broker and real worker
processes sharing the test's PostgreSQL database; skipped without them (CI
sets REDIS_URL and DATABASE_URL)."""

from __future__ import annotations

import re
import signal
import time
import uuid
from collections import Counter
from datetime import timedelta

import pytest
from django.conf import settings
from django.db import connection
from django.utils import timezone
from kombu import Exchange, Queue

from config.celery import app
from involvement.models import Notification
from involvement.services import outbox
from tests.factories import PersonFactory
from tests.platform._workers import start_worker, wait

# The test settings' REDIS_URL: under `make test`, this worker's own database.
REDIS_URL = settings.REDIS_URL
BATCH = 500
Status = Notification.Status

pytestmark = [
    pytest.mark.skipif(not REDIS_URL, reason="needs a Redis broker: set REDIS_URL (CI does)"),
    pytest.mark.django_db(transaction=True),
]


def _sent_count() -> int:
    return Notification.objects.filter(status=Status.SENT).count()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the worker needs PostgreSQL")
def test_a_worker_killed_mid_batch_neither_loses_nor_duplicates_a_message(tmp_path):
    person = PersonFactory(email="batch@example.org")
    Notification.objects.bulk_create(
        Notification(
            recipient=person,
            channel=Notification.Channel.EMAIL,
            subject=f"Batch message {n:03d}",
            body_text="A reminder.",
            idempotency_key=f"batch:{n}",
        )
        for n in range(BATCH)
    )
    ids = list(Notification.objects.order_by("pk").values_list("pk", flat=True))
    queue = f"killed-worker-{uuid.uuid4().hex}"
    log = tmp_path / "worker.log"
    saved = app.conf.task_always_eager
    app.conf.task_always_eager = False
    # Declare the queue first, so that nothing published before the worker
    # is up goes astray.
    with app.connection_for_write() as conn:
        Queue(queue, Exchange(queue), routing_key=queue)(conn.default_channel).declare()
    first = start_worker(queue, log)
    try:
        for pk in ids:
            app.signature(outbox.SEND_TASK, args=(pk,)).apply_async(queue=queue)
        assert wait(lambda: _sent_count() >= 50, timeout=300), log.read_text()[-3000:]
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=10)
        killed_at = _sent_count()
        assert killed_at < BATCH, "the batch finished before the worker was killed"

        second = start_worker(queue, log)
        try:
            # The queued tasks the dead worker had not taken are sent by the new one.
            wait(
                lambda: (
                    not Notification.objects.filter(status=Status.PENDING).count()
                    or _sent_count() >= BATCH - 10
                ),
                timeout=300,
            )
            time.sleep(2)
        finally:
            second.terminate()
            second.wait(timeout=30)
    finally:
        app.conf.task_always_eager = saved
        with app.connection_for_write() as conn:
            conn.default_channel.queue_delete(queue)

    # Tasks the dead worker had taken but not finished are left to the
    # database: the every-minute batch picks up what is still waiting, and a
    # claim older than the limit is marked interrupted.
    outbox.notification_send_due(limit=BATCH, time_budget=timedelta(minutes=2))
    Notification.objects.filter(status=Status.SENDING).update(
        claimed_at=timezone.now() - outbox.INTERRUPTED_AFTER - timedelta(minutes=1)
    )
    outbox.notification_send_due(limit=BATCH, time_budget=timedelta(minutes=2))

    statuses = Counter(Notification.objects.values_list("status", flat=True))
    assert set(statuses) <= {Status.SENT, Status.INTERRUPTED}, statuses
    assert statuses[Status.INTERRUPTED] <= 1  # one worker, one message at a time
    # Emails the workers wrote (console backend), plus the ones sent here.
    from django.core import mail

    written = Counter(re.findall(r"Subject: (Batch message \d{3})", log.read_text()))
    written.update(message.subject for message in mail.outbox)
    assert max(written.values()) == 1, [s for s, c in written.items() if c > 1]
    for subject, status in Notification.objects.values_list("subject", "status"):
        if status == Status.SENT:
            assert written[subject] == 1, subject
        else:
            assert written[subject] <= 1, subject
