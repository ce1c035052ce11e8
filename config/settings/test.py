"""Tests. DATABASE_URL and REDIS_URL, when set, point the suite at PostgreSQL
and Redis (CI sets both); without them it runs on SQLite and local memory.

`make test` runs the suite in parallel (pytest-xdist): each worker process
(gw0, gw1...) has a test database of its own (pytest-django adds the worker's
name to it) and a Redis database of its own (worker_redis_url), so one
worker's cache.clear() or queued task never reaches another's."""

import os
from urllib.parse import urlsplit, urlunsplit

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import REDIS_URL, VAR_DIR, content_security_policy, env

# Redis's default number of databases (`databases` in redis.conf).
REDIS_DATABASES = 16


def worker_redis_url(url: str, worker: str) -> str:
    """REDIS_URL for a pytest-xdist worker ("gw0", "gw1"...; "" outside one):
    the URL's database number plus the worker's, wrapping round Redis's 16
    databases, so redis://host:6379/14 gives gw0 database 14, gw1 15, gw2 0."""
    if not url or not worker:
        return url
    if not worker.startswith("gw") or not worker[2:].isdigit():
        raise ImproperlyConfigured(f"PYTEST_XDIST_WORKER: {worker!r} is not like gw0, gw1")
    parts = urlsplit(url)
    path = parts.path.strip("/")
    if path and not path.isdigit():
        raise ImproperlyConfigured(f"REDIS_URL: {path!r} is not a database number")
    database = (int(path or 0) + int(worker[2:])) % REDIS_DATABASES
    return urlunsplit(parts._replace(path=f"/{database}"))


XDIST_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")
REDIS_URL = worker_redis_url(REDIS_URL, XDIST_WORKER)
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
        }
    }
    CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default=REDIS_URL)
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

DEBUG = False
SECRET_KEY = "tests-only"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# The Content Security Policy is enforced, whatever the environment says: the
# browser tests fail on any violation (tests/e2e/conftest.py).
CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY_REPORT_ONLY = content_security_policy(False)
INVOLVE_REQUIRE_MFA_FOR_STAFF = False
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
# "replica" stands in for a read replica: the test database itself (TEST
# MIRROR), so what a test wrote is there. Report reads stay on "default"
# unless a test sends them there (tests/platform/test_db_routing.py): a test
# reading the mirror must commit what it wrote (transaction=True) and list
# "replica" in its databases.
DATABASES["replica"] = {**DATABASES["default"], "TEST": {"MIRROR": "default"}}  # noqa: F405
INVOLVE_REPORT_READS_DATABASE = "default"
# Tasks run in-process unless a test starts a real worker.
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=True)
CELERY_TASK_EAGER_PROPAGATES = True
INVOLVE_QUIET_HOURS = False
# The calendar-import tests serve a board calendar from 127.0.0.1.
INVOLVE_CALENDAR_FETCH_PRIVATE = True
# Generous limits so the suite's many logins are not throttled; the rate-limit
# test sets its own.
ACCOUNT_RATE_LIMITS = {**ACCOUNT_RATE_LIMITS, "login": "1000/m/ip", "login_failed": "1000/m/ip"}  # noqa: F405
# Uploads, one folder per worker: a file's stored name never depends on what
# another worker saved at the same moment.
MEDIA_ROOT = VAR_DIR / "test-private" / (XDIST_WORKER or "main")
# The access walk signs its people in once for a walk that can outlast the
# production idle limit on a slow machine; the session-timeout tests read
# these settings rather than assume the production values.
INVOLVE_SESSION_IDLE_MINUTES = 240

# Static files come straight from the finders; no collectstatic folder locally.
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
