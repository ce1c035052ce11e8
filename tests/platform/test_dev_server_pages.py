"""`make run` (config.settings.dev) serves visitors the styled error pages,
never Django's debug pages; DJANGO_DEBUG=1 is the developer's switch."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import django
django.setup()
from django.conf import settings
from django.test import Client
response = Client(HTTP_HOST="127.0.0.1").get("/no-such-page/")
body = response.content.decode()
styled = "If you typed the web address" in body
print(settings.DEBUG, response.status_code, styled, "URLconf" in body)
"""


def _probe(tmp_path, **extra):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DJANGO_DEBUG", "INVOLVE_TEST_TODAY"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.dev",
        DATABASE_URL=f"sqlite:///{tmp_path / 'probe.sqlite3'}",
        **extra,
    )
    done = subprocess.run(  # noqa: S603
        [sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.split()


def test_the_demo_shows_the_styled_not_found_page(tmp_path):
    assert _probe(tmp_path) == ["False", "404", "True", "False"]


def test_developers_can_ask_for_debug_pages(tmp_path):
    assert _probe(tmp_path, DJANGO_DEBUG="1") == ["True", "404", "False", "True"]
