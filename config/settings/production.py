"""Production: PostgreSQL, Redis, SMTP, gunicorn behind a TLS-terminating proxy.

Secrets have no defaults: a missing one stops the process at start-up.
"""

from .base import *  # noqa: F403
from .base import DATABASE_REPLICA_URL, env, with_replica

DEBUG = False
INVOLVE_PRODUCTION = True
SECRET_KEY = env.str("DJANGO_SECRET_KEY")
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS")
# Every link in a message or letter starts with this ("https://involve.example.nhs.uk").
SITE_URL = env.str("SITE_URL")
DATABASES = {"default": env.db("DATABASE_URL")}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
# Behind PgBouncer in transaction mode a connection's server changes between
# transactions, so a cursor kept open across them (QuerySet.iterator()'s
# server-side cursor) would be lost: DATABASE_DISABLE_SERVER_SIDE_CURSORS=1
# there (README, "Running more than one").
DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = env.bool(
    "DATABASE_DISABLE_SERVER_SIDE_CURSORS", default=False
)
DATABASES = with_replica(DATABASES, DATABASE_REPLICA_URL)
REDIS_URL = env.str("REDIS_URL")
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
    }
}
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default=REDIS_URL)
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

INVOLVE_REQUIRE_MFA_FOR_STAFF = env.bool("INVOLVE_REQUIRE_MFA_FOR_STAFF", default=True)

EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=587)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=True)

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
# The proxy and the compose health checks ask for /health/ over plain HTTP on
# the private network; it answers there rather than redirect to HTTPS.
SECURE_REDIRECT_EXEMPT = [r"^health/$"]
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https"
