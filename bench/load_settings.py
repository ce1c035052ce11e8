"""The page benchmark's settings (production plus the floor page), for the
load run: Locust's HTTP client talks plain HTTP to gunicorn on loopback, as a
TLS-terminating proxy does, but unlike a browser behind that proxy it will not
send cookies marked Secure over plain HTTP; so here they are not marked.
Nothing else differs from production. Never used to serve people."""

from bench.settings import *  # noqa: F403

SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
