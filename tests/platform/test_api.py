"""The REST API: its OpenAPI schema and docs, the one JSON error shape, scoping
to the caller's organisations, and API tokens (with the authenticator code
when the person uses one)."""

import json

import pytest
import yaml
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.test import Client
from django.urls import reverse

from config.settings.base import api_renderers
from involvement import api_errors
from involvement.api_errors import exception_handler
from involvement.errors import ApplicationError
from tests.factories import TEST_PASSWORD, UserFactory

from .helpers import totp_code, wait_for_fresh_totp_period, wrong_totp_code

pytestmark = pytest.mark.django_db

ORGANISATIONS = "/api/organisations/"
TOKEN = "/api/auth/token/"


@pytest.fixture(autouse=True)
def empty_cache():
    """The token endpoint's rate limits and used authenticator codes live in the cache."""
    cache.clear()
    yield
    cache.clear()


def assert_error_shape(response, status: int, code: str | None = None) -> dict:
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message", "fields"}
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]
    if code is not None:
        assert body["error"]["code"] == code
    return body["error"]


def post_token(client, **data):
    return client.post(TOKEN, json.dumps(data), content_type="application/json")


def test_the_schema_is_an_openapi_document_listing_the_endpoints(client):
    response = client.get(reverse("api-schema"))

    assert response.status_code == 200
    schema = yaml.safe_load(response.content)
    assert schema["openapi"].startswith("3.")
    assert schema["info"]["title"] == "Involve API"
    assert ORGANISATIONS in schema["paths"]
    assert TOKEN in schema["paths"]


def test_the_schema_is_also_served_as_json(client):
    response = client.get(reverse("api-schema"), {"format": "json"})

    assert response.status_code == 200
    assert ORGANISATIONS in response.json()["paths"]


def test_the_api_docs_page_renders_from_our_own_static_files(client):
    response = client.get(reverse("api-docs"))

    assert response.status_code == 200
    page = response.content.decode()
    assert "swagger-ui" in page
    assert "cdn.jsdelivr" not in page and "unpkg.com" not in page
    # Its script is a second request to the same address, not inline (the
    # Content Security Policy forbids inline script).
    assert f'<script src="{reverse("api-docs")}?script="></script>' in page
    script = client.get(reverse("api-docs") + "?script=")
    assert script.status_code == 200
    assert script["Content-Type"].startswith("application/javascript")
    assert f'url: "{reverse("api-schema")}"' in script.content.decode()


def test_anonymous_callers_are_asked_to_authenticate_with_the_json_error_shape(client):
    response = client.get(ORGANISATIONS)

    error = assert_error_shape(response, 401, "not_authenticated")
    assert response["WWW-Authenticate"] == "Token"
    assert error["fields"] == {}
    assert "send your API token" in error["message"]


def test_an_unknown_api_address_answers_with_the_json_error_shape(client):
    assert_error_shape(client.get("/api/no-such-thing/"), 404, "not_found")


def test_an_unknown_page_elsewhere_still_gets_the_sites_own_page(client):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")
    assert "nhsuk-header" in response.content.decode()


@pytest.mark.parametrize(
    ("handler", "status", "code"),
    [
        (api_errors.error_400, 400, "bad_request"),
        (api_errors.error_403, 403, "permission_denied"),
        (api_errors.error_404, 404, "not_found"),
        (api_errors.error_500, 500, "server_error"),
    ],
)
def test_djangos_own_errors_under_the_api_get_the_json_shape(rf, handler, status, code):
    request = rf.get("/api/organisations/")
    args = (request,) if handler is api_errors.error_500 else (request, None)

    response = handler(*args)

    assert response.status_code == status
    assert response["Content-Type"].startswith("application/json")
    error = json.loads(response.content)["error"]
    assert error["code"] == code
    assert error["fields"] == {}
    assert error["message"]


@pytest.mark.parametrize(
    ("handler", "status"),
    [
        (api_errors.error_403, 403),
        (api_errors.error_404, 404),
        (api_errors.error_500, 500),
    ],
)
def test_djangos_own_errors_elsewhere_get_the_sites_pages(rf, handler, status):
    request = rf.get("/groups/")
    request.user = AnonymousUser()
    args = (request,) if handler is api_errors.error_500 else (request, None)

    response = handler(*args)

    assert response.status_code == status
    assert response["Content-Type"].startswith("text/html")


def test_the_api_never_answers_with_drfs_browsable_html_pages(world, client):
    client.force_login(world.user("coordinator"))

    as_html = client.get(ORGANISATIONS, headers={"Accept": "text/html,*/*;q=0.8"})

    assert as_html.status_code == 200
    assert as_html["Content-Type"].startswith("application/json")
    assert_error_shape(client.get(ORGANISATIONS, {"format": "api"}), 404, "not_found")


def test_the_browsable_api_is_only_for_debugging():
    assert api_renderers(debug=False) == ["rest_framework.renderers.JSONRenderer"]
    assert "rest_framework.renderers.BrowsableAPIRenderer" in api_renderers(debug=True)


def test_a_coordinator_sees_only_their_own_organisation(world, client):
    client.force_login(world.user("coordinator"))

    response = client.get(ORGANISATIONS)

    assert response.status_code == 200
    assert [o["name"] for o in response.json()["results"]] == [world.organisation.name]


def test_another_organisation_does_not_exist_for_a_coordinator(world, client):
    client.force_login(world.user("coordinator"))

    response = client.get(f"{ORGANISATIONS}{world.other_organisation.pk}/")

    assert_error_shape(response, 404, "not_found")


def test_a_member_without_a_role_sees_no_organisations(world, client):
    client.force_login(world.user("member"))

    response = client.get(ORGANISATIONS)

    assert response.status_code == 200
    assert response.json()["results"] == []


def test_a_platform_admin_sees_every_organisation(world, client):
    client.force_login(world.user("platform_admin"))

    names = {o["name"] for o in client.get(ORGANISATIONS).json()["results"]}

    assert names == {world.organisation.name, world.other_organisation.name}


def test_writing_to_a_read_only_endpoint_is_refused_with_the_json_error_shape(world):
    client = Client(enforce_csrf_checks=False)
    client.force_login(world.user("coordinator"))

    response = client.post(ORGANISATIONS, {"name": "New"}, content_type="application/json")

    assert_error_shape(response, 405, "method_not_allowed")


def test_email_and_password_get_a_token_that_authenticates_api_calls(world):
    coordinator = world.user("coordinator")

    response = post_token(Client(), email=coordinator.email, password=TEST_PASSWORD)

    assert response.status_code == 200
    token = response.json()["token"]
    api = Client()  # no session: the token alone authenticates
    listed = api.get(ORGANISATIONS, headers={"Authorization": f"Token {token}"})
    assert listed.status_code == 200
    assert [o["name"] for o in listed.json()["results"]] == [world.organisation.name]
    refused = api.get(ORGANISATIONS, headers={"Authorization": "Token not-a-token"})
    assert_error_shape(refused, 401, "invalid_token")


def test_asking_again_returns_the_same_token(client):
    user = UserFactory()

    first = post_token(client, email=user.email, password=TEST_PASSWORD).json()["token"]
    second = post_token(client, email=user.email, password=TEST_PASSWORD).json()["token"]

    assert first == second


def test_a_wrong_password_gets_no_token(client):
    user = UserFactory()

    response = post_token(client, email=user.email, password="not-it")

    error = assert_error_shape(response, 400, "invalid")
    assert error["fields"] == {"non_field_errors": ["The email address or password is not right."]}


def test_missing_fields_are_reported_per_field(client):
    error = assert_error_shape(post_token(client, email="not-an-email"), 400, "invalid")

    assert set(error["fields"]) == {"email", "password"}


def test_an_unverified_email_address_gets_no_token(client):
    """Email verification is mandatory to log in; the API is no way round it."""
    user = UserFactory(verified=False)
    EmailAddress.objects.create(user=user, email=user.email, verified=False, primary=True)

    response = post_token(client, email=user.email, password=TEST_PASSWORD)

    error = assert_error_shape(response, 400, "invalid")
    assert "Confirm your email address" in error["fields"]["non_field_errors"][0]


@pytest.fixture
def user_with_totp():
    user = UserFactory()
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return user, secret


def test_with_an_authenticator_app_a_missing_code_gets_no_token(client, user_with_totp):
    user, _ = user_with_totp

    response = post_token(client, email=user.email, password=TEST_PASSWORD)

    error = assert_error_shape(response, 400, "invalid")
    assert list(error["fields"]) == ["code"]


def test_with_an_authenticator_app_a_wrong_code_gets_no_token(client, user_with_totp):
    user, secret = user_with_totp

    response = post_token(
        client, email=user.email, password=TEST_PASSWORD, code=wrong_totp_code(secret)
    )

    error = assert_error_shape(response, 400, "invalid")
    assert error["fields"]["code"] == ["Enter the 6-digit code from your authenticator app."]


def test_with_an_authenticator_app_the_right_code_gets_a_token(client, user_with_totp):
    user, secret = user_with_totp
    wait_for_fresh_totp_period()

    response = post_token(client, email=user.email, password=TEST_PASSWORD, code=totp_code(secret))

    assert response.status_code == 200
    assert response.json()["token"]


def test_the_token_endpoint_is_throttled(client, settings):
    """The web login's per-account limit on failed attempts (its own tests are
    in test_api_sign_in.py)."""
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login_failed": "5/5m/key"}
    user = UserFactory()
    statuses = [
        post_token(client, email=user.email, password="wrong").status_code for _ in range(5)
    ]

    assert statuses == [400] * 5
    assert_error_shape(
        post_token(client, email=user.email, password=TEST_PASSWORD), 429, "throttled"
    )


# The exception handler on its own, for errors no endpoint raises yet.


@pytest.mark.parametrize(
    ("exc", "status", "code", "fields"),
    [
        (
            DjangoValidationError({"miles": ["Enter the number of miles, like 12"]}),
            400,
            "invalid",
            {"miles": ["Enter the number of miles, like 12"]},
        ),
        (
            DjangoValidationError("The meeting has already happened"),
            400,
            "invalid",
            {"non_field_errors": ["The meeting has already happened"]},
        ),
        (
            ApplicationError("This claim is already paid", code="already_paid"),
            400,
            "already_paid",
            {},
        ),
        (ApplicationError("No"), 400, "refused", {}),
        (DjangoPermissionDenied(), 403, "permission_denied", {}),
        (Http404("No Organisation matches the given query."), 404, "not_found", {}),
    ],
)
def test_every_error_gets_the_one_json_shape(exc, status, code, fields):
    response = exception_handler(exc, {"view": None, "request": None})

    assert response.status_code == status
    assert set(response.data) == {"error"}
    error = response.data["error"]
    assert error["code"] == code
    assert error["fields"] == fields
    assert isinstance(error["message"], str) and error["message"]


def test_an_application_error_message_is_shown_as_it_is():
    response = exception_handler(ApplicationError("This claim is already paid"), {})

    assert response.data["error"]["message"] == "This claim is already paid"


def test_errors_that_are_not_the_apis_are_left_to_django():
    assert exception_handler(RuntimeError("boom"), {}) is None


def test_the_api_reference_is_a_developer_page_not_in_the_public_footer(world, login):
    docs = reverse("api-docs")
    home = login(None).get(reverse("home")).content.decode()
    assert docs not in home
    page = login(None).get(docs).content.decode()
    assert '<html lang="en-GB">' in page and "(for developers)" in page

    from rest_framework.authtoken.models import Token

    member = world.user("member")
    settings_page = login(member).get(reverse("account_settings")).content.decode()
    assert docs not in settings_page
    Token.objects.create(user=member)
    settings_page = login(member).get(reverse("account_settings")).content.decode()
    assert f'href="{docs}"' in settings_page and "For developers" in settings_page
