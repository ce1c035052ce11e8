"""Real Celery worker processes for the tests that kill things (not a test
module): a worker on a broker of the test's choosing, sharing the test's
PostgreSQL database, writing its emails to a log (console backend)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]


def database_url() -> str:
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"


def start_worker(queue: str, log: Path, *, broker_url: str | None = None) -> subprocess.Popen:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DATABASE_URL": database_url(),
        "CELERY_BROKER_URL": broker_url or settings.CELERY_BROKER_URL,
        "REDIS_URL": settings.REDIS_URL,
        "EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend",
        "INVOLVE_QUIET_HOURS": "0",
        "PYTHONUNBUFFERED": "1",
    }
    celery = str(Path(sys.executable).parent / "celery")
    command = [celery, "-A", "config", "worker", "--pool=solo", "-Q", queue, "--loglevel=INFO"]
    return subprocess.Popen(  # noqa: S603 - our own worker command
        command, cwd=ROOT, env=env, stdout=log.open("ab"), stderr=subprocess.STDOUT
    )


def wait(condition, timeout: float, step: float = 0.02) -> bool:
    stop = time.monotonic() + timeout
    while time.monotonic() < stop:
        if condition():
            return True
        time.sleep(step)
    return False
