"""Production settings, plus what only the page benchmark needs: the floor
page's URL (bench/urls.py) and a middleware that reports each request's server
time and SQL query count in response headers. Never used to serve people."""

from config.settings.production import *  # noqa: F403
from config.settings.production import BASE_DIR, MIDDLEWARE, TEMPLATES

ROOT_URLCONF = "bench.urls"
MIDDLEWARE = ["bench.middleware.ServerTiming", *MIDDLEWARE]
TEMPLATES = [{**TEMPLATES[0], "DIRS": [*TEMPLATES[0]["DIRS"], BASE_DIR / "bench" / "templates"]}]
