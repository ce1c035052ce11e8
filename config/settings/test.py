"""Tests. DATABASE_URL and REDIS_URL, when set, point the suite at PostgreSQL
and Redis (CI sets both); without them it runs on SQLite and local memory."""

from .base import *  # noqa: F403
from .base import REDIS_URL, content_security_policy, env

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
if not REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Tasks run in-process unless a test starts a real worker.
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=True)
CELERY_TASK_EAGER_PROPAGATES = True
INVOLVE_QUIET_HOURS = False
# Generous limits so the suite's many logins are not throttled; the rate-limit
# test sets its own.
ACCOUNT_RATE_LIMITS = {**ACCOUNT_RATE_LIMITS, "login": "1000/m/ip", "login_failed": "1000/m/ip"}  # noqa: F405
MEDIA_ROOT = VAR_DIR / "test-private"  # noqa: F405
# The access walk signs its people in once for a walk that can outlast the
# production idle limit on a slow machine; the session-timeout tests read
# these settings rather than assume the production values.
INVOLVE_SESSION_IDLE_MINUTES = 240

# Static files come straight from the finders; no collectstatic folder locally.
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
