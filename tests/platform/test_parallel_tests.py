"""`make test` runs the suite in parallel (pytest-xdist): each worker has a
test database and a Redis database of its own (config/settings/test.py)."""

from __future__ import annotations

import os

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connection

from config.settings.test import worker_redis_url


def test_outside_a_worker_the_redis_url_is_unchanged():
    assert worker_redis_url("redis://127.0.0.1:6379/14", "") == "redis://127.0.0.1:6379/14"
    assert worker_redis_url("", "gw3") == ""


def test_each_worker_adds_its_number_to_the_database():
    assert worker_redis_url("redis://127.0.0.1:6379/8", "gw0") == "redis://127.0.0.1:6379/8"
    assert worker_redis_url("redis://127.0.0.1:6379/8", "gw1") == "redis://127.0.0.1:6379/9"
    assert worker_redis_url("redis://:secret@redis:6379/2", "gw3") == "redis://:secret@redis:6379/5"


def test_a_url_without_a_database_starts_from_database_0():
    assert worker_redis_url("redis://127.0.0.1:6379", "gw2") == "redis://127.0.0.1:6379/2"


def test_past_redis_16_databases_the_number_wraps_round():
    assert worker_redis_url("redis://127.0.0.1:6379/14", "gw1") == "redis://127.0.0.1:6379/15"
    assert worker_redis_url("redis://127.0.0.1:6379/14", "gw2") == "redis://127.0.0.1:6379/0"


@pytest.mark.parametrize(
    ("url", "worker"),
    [("redis://127.0.0.1:6379/cache", "gw1"), ("redis://127.0.0.1:6379/1", "main")],
)
def test_anything_else_is_refused(url, worker):
    with pytest.raises(ImproperlyConfigured):
        worker_redis_url(url, worker)


def test_this_process_uses_its_workers_redis_database_for_cache_and_broker():
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    expected = worker_redis_url(os.environ.get("REDIS_URL", ""), worker)
    assert settings.REDIS_URL == expected
    if expected:
        assert settings.CACHES["default"]["LOCATION"] == expected
        assert settings.CELERY_BROKER_URL == os.environ.get("CELERY_BROKER_URL", expected)
    else:
        assert settings.CACHES["default"]["BACKEND"].endswith("LocMemCache")
    assert settings.MEDIA_ROOT.name == (worker or "main")


@pytest.mark.django_db
def test_this_process_uses_its_workers_test_database():
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    name = connection.settings_dict["NAME"]
    if connection.vendor == "postgresql":
        assert name.startswith("test_")
        assert name.endswith(f"_{worker}") == bool(worker), name
    else:
        assert connection.vendor == "sqlite"
