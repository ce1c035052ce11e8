"""Local development and the demo (`make run`): no servers needed."""

from .base import *  # noqa: F403
from .base import REST_FRAMEWORK, api_renderers, content_security_policy, env

# The demo is what a newcomer judges the product by: visitors get the styled
# 403/404/500 pages. `DJANGO_DEBUG=1 make run` shows Django's debug pages.
DEBUG = env.bool("DJANGO_DEBUG", default=False)
INVOLVE_REQUIRE_MFA_FOR_STAFF = env.bool("INVOLVE_REQUIRE_MFA_FOR_STAFF", default=False)
# The policy is reported, not enforced, on a developer's machine (the
# browser's console lists what it would block); tests and production enforce it.
INVOLVE_CSP_REPORT_ONLY = env.bool("INVOLVE_CSP_REPORT_ONLY", default=True)
CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY_REPORT_ONLY = content_security_policy(
    INVOLVE_CSP_REPORT_ONLY
)
REST_FRAMEWORK = {**REST_FRAMEWORK, "DEFAULT_RENDERER_CLASSES": api_renderers(DEBUG)}
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}

# Static files come straight from the finders; no collectstatic folder locally.
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True

# The SQLite database and the embedded broker live here; make sure it exists.
VAR_DIR.mkdir(parents=True, exist_ok=True)  # noqa: F405
