"""/health/ (config/health.py): the database, the cache and the Celery broker,
each "ok" or "failing", for the proxy and the compose health checks; nothing
else is told to whoever asks."""

from __future__ import annotations

import pytest
from django.urls import reverse
from health_check.exceptions import ServiceUnavailable

from config import health
from config.celery import app

pytestmark = pytest.mark.django_db

SECRET = "password authentication failed for user involve at db.internal:5432"


def test_anyone_sees_every_component_ok(client):
    response = client.get(reverse("health"))

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok", "broker": "ok"}
    assert "no-store" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]


def test_the_answer_is_json_whatever_is_asked_for(client):
    for accept in ("text/html", "text/plain", "application/rss+xml"):
        response = client.get(reverse("health") + "?format=text", HTTP_ACCEPT=accept)
        assert response["Content-Type"] == "application/json"
        assert set(response.json()) == {"status", "database", "cache", "broker"}


@pytest.mark.parametrize("component", ["database", "cache", "broker"])
def test_a_failing_component_gives_503_and_says_only_which(client, monkeypatch, component):
    def fail(self):
        raise ServiceUnavailable(SECRET)

    monkeypatch.setattr(type(health.COMPONENTS[component]), "run", fail)

    response = client.get(reverse("health"))

    assert response.status_code == 503
    expected = {"status": "failing", "database": "ok", "cache": "ok", "broker": "ok"}
    assert response.json() == {**expected, component: "failing"}
    assert b"password" not in response.content
    assert b"db.internal" not in response.content


def test_a_broker_nobody_answers_at_is_failing(client):
    saved = app.conf.broker_url
    app.conf.broker_url = "redis://127.0.0.1:9/0"  # the discard port: nothing listens
    try:
        response = client.get(reverse("health"))
    finally:
        app.conf.broker_url = saved

    assert response.status_code == 503
    assert response.json()["broker"] == "failing"
    assert b"127.0.0.1" not in response.content


def test_it_only_answers_get(client):
    assert client.post(reverse("health")).status_code == 405
