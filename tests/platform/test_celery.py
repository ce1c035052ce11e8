"""Celery with a real broker: a task goes through Redis to a worker and its
result comes back. CI sets REDIS_URL; without it this is skipped (the local
filesystem broker is covered in test_settings.py)."""

import uuid

import pytest
from celery.backends.redis import RedisBackend
from celery.contrib.testing.worker import start_worker
from django.conf import settings

from config.celery import app
from involvement.tasks import ping

# The test settings' REDIS_URL: under `make test`, this worker's own database.
REDIS_URL = settings.REDIS_URL


def test_ping_runs_in_process_in_tests():
    """The test settings run tasks eagerly unless a test starts a worker."""
    assert app.conf.task_always_eager
    assert ping.delay().get() == "pong"


@pytest.mark.skipif(not REDIS_URL, reason="needs a Redis broker: set REDIS_URL (CI does)")
def test_a_task_sent_through_redis_is_run_by_a_worker_and_returns_its_result(monkeypatch):
    assert app.conf.broker_url.startswith("redis://")
    # A queue of our own, so the worker takes nothing else from the shared broker.
    queue = f"platform-test-{uuid.uuid4().hex}"
    saved = {key: app.conf[key] for key in ("result_backend", "task_always_eager")}
    app.conf.result_backend = REDIS_URL
    app.conf.task_always_eager = False
    monkeypatch.setenv("CELERY_SKIP_CHECKS", "1")  # Django's checks need the database
    try:
        with start_worker(app, perform_ping_check=False, queues=[queue], shutdown_timeout=30):
            sent = ping.apply_async(queue=queue)
            result = app.AsyncResult(sent.id, backend=RedisBackend(app=app, url=REDIS_URL))

            assert result.get(timeout=20) == "pong"
            assert result.state == "SUCCESS"
            result.forget()
    finally:
        app.conf.update(saved)
        with app.connection_for_write() as connection:
            connection.default_channel.queue_delete(queue)
