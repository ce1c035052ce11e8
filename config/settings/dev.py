"""Local development and the demo (`make run`): no servers needed."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DJANGO_DEBUG", default=True)
INVOLVE_REQUIRE_MFA_FOR_STAFF = env.bool("INVOLVE_REQUIRE_MFA_FOR_STAFF", default=False)
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}

# Static files come straight from the finders; no collectstatic folder locally.
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
