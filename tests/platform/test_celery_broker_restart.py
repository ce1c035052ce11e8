"""The broker restarted (killed, then started again empty) in the middle of a
batch of messages: the worker reconnects, the every-minute batch task finds
in the database what the lost queue held, and every message is sent exactly
once; none is lost, none goes twice.

A Redis server of the test's own on a free port (the machine's shared Redis is
never stopped), a real worker process, and the test's PostgreSQL database;
skipped without redis-server or PostgreSQL."""

from __future__ import annotations

import contextlib
import re
import shutil
import signal
import socket
import subprocess
import time
import uuid
from collections import Counter

import pytest
from django.db import connection
from kombu import Exchange, Queue

from config.celery import app
from involvement.models import Notification
from involvement.services import outbox
from tests.factories import PersonFactory
from tests.platform._workers import start_worker, wait

BATCH = 200
SEND_DUE_TASK = "involvement.send_pending_notifications"
Status = Notification.Status
REDIS_SERVER = shutil.which("redis-server")

pytestmark = [
    pytest.mark.skipif(not REDIS_SERVER, reason="needs redis-server on the PATH (CI has it)"),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the worker needs PostgreSQL"),
    pytest.mark.django_db(transaction=True),
]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _start_redis(port: int, log) -> subprocess.Popen:
    command = [REDIS_SERVER, "--port", str(port), "--bind", "127.0.0.1", "--save", ""]
    command += ["--appendonly", "no"]
    server = subprocess.Popen(command, stdout=log.open("ab"), stderr=subprocess.STDOUT)  # noqa: S603
    assert wait(lambda: _answers(port), timeout=10), "redis-server did not start"
    return server


def _answers(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.2) as conn:
            conn.sendall(b"PING\r\n")
            return conn.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def _publish(broker_url: str, queue: str, name: str, args=()) -> None:
    with app.connection_for_write(broker_url) as conn:
        Queue(queue, Exchange(queue), routing_key=queue)(conn.default_channel).declare()
        app.signature(name, args=args).apply_async(queue=queue, connection=conn)


def _count(status) -> int:
    return Notification.objects.filter(status=status).count()


def test_a_broker_restarted_mid_batch_neither_loses_nor_duplicates_a_message(tmp_path):
    person = PersonFactory(email="restart@example.org")
    Notification.objects.bulk_create(
        Notification(
            recipient=person,
            channel=Notification.Channel.EMAIL,
            subject=f"Restart message {n:03d}",
            body_text="A reminder.",
            idempotency_key=f"restart:{n}",
        )
        for n in range(BATCH)
    )
    ids = list(Notification.objects.order_by("pk").values_list("pk", flat=True))
    port = _free_port()
    broker_url = f"redis://127.0.0.1:{port}/0"
    queue = f"broker-restart-{uuid.uuid4().hex}"
    worker_log = tmp_path / "worker.log"
    redis_log = tmp_path / "redis.log"
    saved = app.conf.task_always_eager
    app.conf.task_always_eager = False
    redis = _start_redis(port, redis_log)
    worker = None
    try:
        with app.connection_for_write(broker_url) as conn:
            Queue(queue, Exchange(queue), routing_key=queue)(conn.default_channel).declare()
            for pk in ids:
                app.signature(outbox.SEND_TASK, args=(pk,)).apply_async(
                    queue=queue, connection=conn
                )
        worker = start_worker(queue, worker_log, broker_url=broker_url)
        assert wait(lambda: _count(Status.SENT) >= 30, timeout=300), worker_log.read_text()[-3000:]
        # The broker dies with the rest of the queue in it, and comes back empty.
        redis.send_signal(signal.SIGKILL)
        redis.wait(timeout=10)
        stopped_at = _count(Status.SENT)
        assert stopped_at < BATCH, "the batch finished before the broker was killed"
        time.sleep(2)
        redis = _start_redis(port, redis_log)
        # What beat does every minute: the batch task, which reads the
        # database, not the queue. Asked again until nothing waits (it takes
        # 200 at a time), as the next minutes' runs would.
        deadline = time.monotonic() + 180
        while _count(Status.PENDING) and time.monotonic() < deadline:
            # The broker may still be starting: the next round tries again.
            with contextlib.suppress(Exception):
                _publish(broker_url, queue, SEND_DUE_TASK)
            wait(lambda: not _count(Status.PENDING), timeout=10, step=0.2)
        # A message the worker held when the broker died may be "sending":
        # give it a moment to finish.
        wait(lambda: not _count(Status.SENDING), timeout=20, step=0.2)
    finally:
        app.conf.task_always_eager = saved
        if worker is not None:
            worker.terminate()
            worker.wait(timeout=30)
        redis.send_signal(signal.SIGKILL)
        redis.wait(timeout=10)

    statuses = Counter(Notification.objects.values_list("status", flat=True))
    assert statuses[Status.PENDING] == 0, (statuses, worker_log.read_text()[-3000:])
    assert set(statuses) <= {Status.SENT, Status.INTERRUPTED, Status.SENDING}, statuses
    # Killing the broker stops no message half way: the worker's database is fine.
    assert statuses[Status.SENT] >= BATCH - 1, statuses
    written = Counter(re.findall(r"Subject: (Restart message \d{3})", worker_log.read_text()))
    assert max(written.values()) == 1, [s for s, c in written.items() if c > 1]
    for subject, status in Notification.objects.values_list("subject", "status"):
        if status == Status.SENT:
            assert written[subject] == 1, subject
