"""The API fuzzed against its own schema (schemathesis): every operation in
/api/schema/ is called with generated, often hostile, input as a signed-in
coordinator and as nobody. No answer may be a server error, every answer
must match the schema, and every error must be in the one JSON shape
(involvement/api_errors.py). Bounded for CI: a few examples per operation,
no deadline."""

from __future__ import annotations

import json

import pytest
import schemathesis
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase
from hypothesis import settings as hypothesis_settings
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

pytestmark = pytest.mark.django_db

EXAMPLES = 6
# No server error; the status, content type and body as the schema says.
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


def _load_schema():
    """The schema /api/schema/ serves, made by the same generator without a
    request (collection may not touch the database), called in-process
    through the WSGI application."""
    from drf_spectacular.generators import SchemaGenerator
    from drf_spectacular.renderers import OpenApiJsonRenderer

    document = json.loads(
        OpenApiJsonRenderer().render(SchemaGenerator().get_schema(request=None, public=True))
    )
    loaded = schemathesis.openapi.from_dict(document)
    loaded.app = get_wsgi_application()
    return loaded


schema = _load_schema()


@pytest.fixture(autouse=True)
def keep_the_test_connection():
    """As Django's test client does, the request signals do not close the
    database connection (the test's transaction lives on it)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def coordinator_token(world):
    cache.clear()  # the token endpoint's rate limits
    token, _ = Token.objects.get_or_create(user=world.user("coordinator"))
    return token.key


def assert_error_shape(response) -> None:
    if response.status_code < 400:
        return
    body = response.json()
    assert set(body) == {"error"}, body
    assert set(body["error"]) == {"code", "message", "fields"}, body
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]


SETTINGS = hypothesis_settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)


@schema.parametrize()
@SETTINGS
def test_the_api_answers_a_signed_in_caller_by_its_schema(case, coordinator_token):
    response = case.call(headers={"Authorization": f"Token {coordinator_token}"})
    assert response.status_code < 500, (case.method, case.path, response.text[:500])
    case.validate_response(response, checks=CHECKS)
    assert_error_shape(response)


@schema.parametrize()
@SETTINGS
def test_the_api_refuses_nobody_in_the_error_shape(case):
    cache.clear()
    response = case.call()
    assert response.status_code < 500, (case.method, case.path, response.text[:500])
    assert_error_shape(response)
