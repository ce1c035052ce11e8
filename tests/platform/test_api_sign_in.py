"""Signing in to the API (POST /api/auth/token/) is logging in: it shares the web
login's per-account and per-address limits (one lock for both), believes
X-Forwarded-For only from the proxies in INVOLVE_TRUSTED_PROXIES, holds staff
to the two-factor rule, and hands out short-lived tokens that the person can
revoke on "Account settings"."""

import json
from datetime import datetime, timedelta

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.core.cache import cache
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone
from rest_framework.authtoken.models import Token

from config.settings import base as base_settings
from involvement.adapters import client_ip
from involvement.models import StaffRole
from tests.factories import TEST_PASSWORD, StaffRoleFactory, UserFactory

from .helpers import (
    logged_in_user_id,
    post_login,
    totp_code,
    wait_for_fresh_totp_period,
    wrong_totp_code,
)

pytestmark = pytest.mark.django_db

TOKEN = "/api/auth/token/"
ORGANISATIONS = "/api/organisations/"
LOCKED = "Too many failed login attempts"


@pytest.fixture(autouse=True)
def empty_cache():
    """Rate-limit counters and used authenticator codes live in the cache."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def production_limits(settings):
    """The limits the service runs with (the test settings loosen them)."""
    settings.ACCOUNT_RATE_LIMITS = base_settings.ACCOUNT_RATE_LIMITS


def post_token(client, *, email, password, code=None, **extra):
    data = {"email": email, "password": password}
    if code is not None:
        data["code"] = code
    return client.post(TOKEN, json.dumps(data), content_type="application/json", **extra)


def api_get(token: str, url: str = ORGANISATIONS):
    return Client().get(url, headers={"Authorization": f"Token {token}"})


# One lock for the web login and the API.


def test_wrong_passwords_on_the_web_login_lock_the_api_too(client, production_limits):
    user = UserFactory()
    for _ in range(5):
        assert "are not correct" in post_login(client, user.email, "guess-again").content.decode()

    response = post_token(Client(), email=user.email, password=TEST_PASSWORD)

    assert response.status_code == 429, response.content
    error = response.json()["error"]
    assert error["code"] == "throttled"
    assert error["message"].startswith(LOCKED)
    assert not Token.objects.filter(user=user).exists()


def test_wrong_passwords_through_the_api_lock_the_web_login_too(client, production_limits):
    user = UserFactory()
    for _ in range(5):
        assert post_token(client, email=user.email, password="guess-again").status_code == 400

    response = post_login(Client(), user.email, TEST_PASSWORD)

    assert LOCKED in response.content.decode()
    assert post_token(client, email=user.email, password=TEST_PASSWORD).status_code == 429


def test_a_locked_account_does_not_lock_out_others_at_the_same_address(client, production_limits):
    attacked, colleague = UserFactory(), UserFactory()
    for _ in range(5):
        post_token(client, email=attacked.email, password="guess-again")
    assert post_token(client, email=attacked.email, password=TEST_PASSWORD).status_code == 429

    response = post_token(client, email=colleague.email, password=TEST_PASSWORD)

    assert response.status_code == 200
    assert api_get(response.json()["token"]).status_code == 200


def test_the_login_page_and_the_api_share_the_limit_on_attempts_per_address(settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login": "3/m/ip"}
    user = UserFactory()
    post_login(Client(), user.email, "guess-again")
    post_login(Client(), user.email, "guess-again")
    assert post_token(Client(), email=user.email, password=TEST_PASSWORD).status_code == 200

    response = post_token(Client(), email=user.email, password=TEST_PASSWORD)

    assert response.status_code == 429
    assert post_login(Client(), user.email, TEST_PASSWORD).status_code == 429


def test_a_shared_office_address_is_not_locked_out_by_its_own_staff(production_limits):
    """Forty people behind one NHS network address each mistype their password
    once, then log in: on the web or through the API, nobody is locked out."""
    office = {"REMOTE_ADDR": "192.0.2.10"}
    people = UserFactory.create_batch(40)
    for n, person in enumerate(people):
        client = Client(**office)
        if n % 2:
            assert post_login(client, person.email, "typo").status_code == 200
            assert post_login(client, person.email, TEST_PASSWORD).status_code == 302
            assert logged_in_user_id(client) == person.pk
        else:
            assert post_token(client, email=person.email, password="typo").status_code == 400
            assert post_token(client, email=person.email, password=TEST_PASSWORD).status_code == 200


# Whose address counts: X-Forwarded-For only from our own proxies.


def test_without_a_trusted_proxy_a_made_up_forwarded_for_header_gains_nothing(settings):
    settings.INVOLVE_TRUSTED_PROXIES = []
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login_failed": "3/m/ip"}
    client = Client(REMOTE_ADDR="198.51.100.20")
    statuses = [
        post_token(
            client,
            email=f"guess{n}@example.org",
            password="guess-again",
            headers={"X-Forwarded-For": f"203.0.113.{n}"},
        ).status_code
        for n in range(5)
    ]

    assert statuses == [400, 400, 400, 429, 429]


def test_behind_a_trusted_proxy_each_client_address_has_its_own_limit(settings):
    settings.INVOLVE_TRUSTED_PROXIES = ["10.0.0.0/8"]
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login_failed": "3/m/ip"}
    proxy = Client(REMOTE_ADDR="10.0.0.5")
    user = UserFactory()

    def attempt(forwarded_for: str, password: str = "guess-again") -> int:
        return post_token(
            proxy,
            email=user.email,
            password=password,
            headers={"X-Forwarded-For": forwarded_for},
        ).status_code

    assert [attempt("203.0.113.7") for _ in range(3)] == [400, 400, 400]
    assert attempt("203.0.113.7") == 429
    # A client cannot escape by writing its own header: the proxy appends the
    # address it saw, and that is the one that counts.
    assert attempt("198.51.100.99, 203.0.113.7") == 429
    # Someone else behind the same proxy is not affected.
    assert attempt("203.0.113.8", password=TEST_PASSWORD) == 200


def test_a_forwarded_for_header_from_an_address_that_is_not_our_proxy_is_ignored(settings):
    settings.INVOLVE_TRUSTED_PROXIES = ["10.0.0.5"]
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login_failed": "3/m/ip"}
    client = Client(REMOTE_ADDR="198.51.100.20")
    statuses = [
        post_token(
            client,
            email=f"guess{n}@example.org",
            password="guess-again",
            headers={"X-Forwarded-For": f"203.0.113.{n}"},
        ).status_code
        for n in range(4)
    ]

    assert statuses == [400, 400, 400, 429]


@pytest.mark.parametrize(
    ("trusted", "remote", "forwarded_for", "client"),
    [
        ([], "198.51.100.20", None, "198.51.100.20"),
        ([], "198.51.100.20", "203.0.113.7", "198.51.100.20"),
        (["10.0.0.5"], "10.0.0.5", "203.0.113.7", "203.0.113.7"),
        (["10.0.0.5"], "10.0.0.5", "1.1.1.1, 203.0.113.7", "203.0.113.7"),
        (["10.0.0.5"], "10.0.0.5", None, "10.0.0.5"),
        (["10.0.0.5"], "198.51.100.20", "203.0.113.7", "198.51.100.20"),
        # Two of our proxies in a row: the first address before them is the client.
        (["10.0.0.0/8"], "10.0.0.5", "203.0.113.7, 10.1.2.3", "203.0.113.7"),
        # Something that is not an address is never believed.
        (["10.0.0.5"], "10.0.0.5", "203.0.113.7, not-an-address", "10.0.0.5"),
        (["2001:db8::/32"], "2001:db8::1", "2001:db8:ffff::9, 2a00:1450::1", "2a00:1450::1"),
    ],
)
def test_client_address(settings, trusted, remote, forwarded_for, client):
    settings.INVOLVE_TRUSTED_PROXIES = trusted
    headers = {"X-Forwarded-For": forwarded_for} if forwarded_for else {}
    request = RequestFactory().post(TOKEN, REMOTE_ADDR=remote, headers=headers)

    assert client_ip(request) == client


# Two-factor authentication for staff.


@pytest.fixture
def mfa_required(settings):
    settings.INVOLVE_REQUIRE_MFA_FOR_STAFF = True


def staff_user():
    return StaffRoleFactory(role=StaffRole.Role.COORDINATOR).user


def test_staff_without_an_authenticator_app_get_no_token_while_it_is_required(client, mfa_required):
    user = staff_user()

    response = post_token(client, email=user.email, password=TEST_PASSWORD)

    assert response.status_code == 403, response.content
    error = response.json()["error"]
    assert error["code"] == "mfa_required"
    assert "Set up an authenticator app" in error["message"]
    assert not Token.objects.filter(user=user).exists()


def test_a_wrong_password_for_staff_says_nothing_about_two_factor(client, mfa_required):
    user = staff_user()

    response = post_token(client, email=user.email, password="guess-again")

    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {
        "non_field_errors": ["The email address or password is not right."]
    }


def test_staff_with_an_authenticator_app_get_a_token_with_its_code(client, mfa_required):
    user = staff_user()
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    wait_for_fresh_totp_period()

    response = post_token(client, email=user.email, password=TEST_PASSWORD, code=totp_code(secret))

    assert response.status_code == 200
    assert api_get(response.json()["token"]).status_code == 200


def test_members_get_a_token_without_an_authenticator_app(client, mfa_required):
    response = post_token(client, email=UserFactory().email, password=TEST_PASSWORD)

    assert response.status_code == 200


def test_a_token_issued_before_two_factor_became_required_is_refused(client, settings):
    settings.INVOLVE_REQUIRE_MFA_FOR_STAFF = False
    user = staff_user()
    token = post_token(client, email=user.email, password=TEST_PASSWORD).json()["token"]
    assert api_get(token).status_code == 200

    settings.INVOLVE_REQUIRE_MFA_FOR_STAFF = True
    response = api_get(token)

    assert response.status_code == 403
    assert response.json()["error"]["code"] == "mfa_required"
    TOTP.activate(user, generate_totp_secret())
    assert api_get(token).status_code == 200


def test_wrong_authenticator_codes_through_the_api_lock_the_account(client, production_limits):
    user = UserFactory()
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    for _ in range(5):
        response = post_token(
            client, email=user.email, password=TEST_PASSWORD, code=wrong_totp_code(secret)
        )
        assert response.status_code == 400
    wait_for_fresh_totp_period()

    response = post_token(client, email=user.email, password=TEST_PASSWORD, code=totp_code(secret))

    assert response.status_code == 429
    assert not Token.objects.filter(user=user).exists()


def test_wrong_codes_on_the_web_login_lock_the_api_too(client, production_limits):
    user = UserFactory()
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    post_login(client, user.email, TEST_PASSWORD)
    for _ in range(5):
        client.post(reverse("mfa_authenticate"), {"code": wrong_totp_code(secret)})
    wait_for_fresh_totp_period()

    response = post_token(
        Client(), email=user.email, password=TEST_PASSWORD, code=totp_code(secret)
    )

    assert response.status_code == 429


# Short-lived tokens, revocable on "Account settings".


def age_token(token_key: str, *, hours: float) -> None:
    Token.objects.filter(key=token_key).update(created=timezone.now() - timedelta(hours=hours))


def test_a_token_says_when_it_stops_working(client, settings):
    settings.INVOLVE_API_TOKEN_HOURS = 24
    before = timezone.now()

    body = post_token(client, email=UserFactory().email, password=TEST_PASSWORD).json()

    expires_at = datetime.fromisoformat(body["expires_at"])
    assert before + timedelta(hours=24) <= expires_at <= timezone.now() + timedelta(hours=24)


def test_an_expired_token_is_refused_and_asking_again_gives_a_new_one(client, settings):
    settings.INVOLVE_API_TOKEN_HOURS = 24
    user = UserFactory()
    old = post_token(client, email=user.email, password=TEST_PASSWORD).json()["token"]
    age_token(old, hours=23)
    assert api_get(old).status_code == 200
    age_token(old, hours=24)

    response = api_get(old)

    assert response.status_code == 401
    assert response.json()["error"]["code"] == "token_expired"
    new = post_token(client, email=user.email, password=TEST_PASSWORD).json()["token"]
    assert new != old
    assert api_get(new).status_code == 200


def test_account_settings_shows_a_working_token_with_a_link_to_revoke_it(client):
    user = UserFactory()
    token = post_token(client, email=user.email, password=TEST_PASSWORD).json()["token"]
    client.force_login(user)

    page = client.get(reverse("account_settings")).content.decode()

    assert "API token" in page
    assert "Works until" in page
    assert reverse("account-api-token-revoke") in page
    assert token not in page


def test_account_settings_says_nothing_about_tokens_to_people_without_one(client):
    client.force_login(UserFactory())

    page = client.get(reverse("account_settings")).content.decode()

    assert "API token" not in page


def test_revoking_asks_first_then_the_token_stops_working(client):
    user = UserFactory()
    token = post_token(client, email=user.email, password=TEST_PASSWORD).json()["token"]
    client.force_login(user)

    confirm = client.get(reverse("account-api-token-revoke"))

    assert confirm.status_code == 200
    assert "Revoke the API token" in confirm.content.decode()
    assert api_get(token).status_code == 200

    response = client.post(reverse("account-api-token-revoke"), follow=True)

    assert response.redirect_chain[-1][0] == reverse("account_settings")
    assert "API token revoked" in response.content.decode()
    refused = api_get(token)
    assert refused.status_code == 401
    assert refused.json()["error"]["code"] == "invalid_token"


def test_revoking_touches_only_your_own_token(client):
    user, other = UserFactory(), UserFactory()
    theirs = post_token(client, email=other.email, password=TEST_PASSWORD).json()["token"]
    client.force_login(user)

    client.post(reverse("account-api-token-revoke"))

    assert api_get(theirs).status_code == 200


def test_the_revoke_page_says_when_there_is_nothing_to_revoke(client):
    client.force_login(UserFactory())

    page = client.get(reverse("account-api-token-revoke")).content.decode()

    assert "nothing to revoke" in page
    assert "Revoke the API token" not in page


def test_changing_the_password_on_account_settings_ends_the_api_token(client):
    user = UserFactory()
    token = post_token(client, email=user.email, password=TEST_PASSWORD).json()["token"]
    client.force_login(user)

    response = client.post(
        reverse("account_change_password"),
        {
            "oldpassword": TEST_PASSWORD,
            "password1": "a-new-long-passphrase-42",
            "password2": "a-new-long-passphrase-42",
        },
    )

    assert response.status_code == 302
    refused = api_get(token)
    assert refused.status_code == 401
    assert refused.json()["error"]["code"] == "invalid_token"


@pytest.mark.parametrize("how", ["admin or command line", "saving other fields"])
def test_only_a_new_password_ends_the_token_however_it_is_set(client, how):
    user = UserFactory()
    token = post_token(client, email=user.email, password=TEST_PASSWORD).json()["token"]

    if how == "admin or command line":
        user.set_password("another-long-passphrase-7")
        user.save()
        assert api_get(token).status_code == 401
    else:
        user.first_name = "Renamed"
        user.save()
        user.save(update_fields=["last_login"])
        assert api_get(token).status_code == 200


def test_removing_the_authenticator_app_ends_the_api_token(client):
    from allauth.mfa.signals import authenticator_removed

    user = UserFactory()
    token = post_token(client, email=user.email, password=TEST_PASSWORD).json()["token"]

    authenticator_removed.send(sender=type(user), request=None, user=user, authenticator=None)

    assert api_get(token).status_code == 401


def test_an_automatic_rehash_on_sign_in_keeps_the_token(client, settings):
    """A stronger hasher re-hashes the stored password at the next sign-in; the
    password is the same, so the person's API token keeps working."""
    user = UserFactory()
    token = post_token(client, email=user.email, password=TEST_PASSWORD).json()["token"]
    stored = type(user).objects.get(pk=user.pk)
    assert stored.password.startswith("md5$")
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
        "django.contrib.auth.hashers.MD5PasswordHasher",
    ]

    assert stored.check_password(TEST_PASSWORD)

    assert type(user).objects.get(pk=user.pk).password.startswith("pbkdf2_sha256$")
    assert api_get(token).status_code == 200
