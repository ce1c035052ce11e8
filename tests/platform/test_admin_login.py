"""The admin site has no login form of its own (config/urls.py): signing in
to it is signing in through allauth, with allauth's rate limits and
two-factor authentication. Its login address sends the signed-out to
allauth's page and never checks a password, so it cannot be used to guess
one."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.auth.signals import user_login_failed
from django.urls import reverse

from tests.factories import TEST_PASSWORD, UserFactory

from .helpers import logged_in_user_id, post_login, totp_code, wait_for_fresh_totp_period

pytestmark = pytest.mark.django_db


def platform_admin():
    return UserFactory(is_staff=True, is_superuser=True)


def allauth_login_for(next_url: str) -> str:
    return f"{reverse('account_login')}?{urlencode({'next': next_url})}"


@pytest.fixture
def failed_logins():
    """Every password check that failed, wherever it was made."""
    failures = []

    def note(sender, credentials, request=None, **kwargs):
        failures.append(request.path if request is not None else None)

    user_login_failed.connect(note)
    yield failures
    user_login_failed.disconnect(note)


def test_the_admin_sends_the_signed_out_to_allauths_login_page(client):
    to_login = client.get(reverse("admin:index"))
    to_allauth = client.get(to_login.url)

    assert to_login.status_code == 302
    assert to_allauth.status_code == 302
    assert to_allauth.url == allauth_login_for(reverse("admin:index"))


def test_the_right_password_posted_to_the_admin_signs_nobody_in(client, failed_logins):
    admin = platform_admin()

    response = client.post(
        reverse("admin:login"), {"username": admin.email, "password": TEST_PASSWORD}
    )

    assert response.status_code == 302
    assert response.url == allauth_login_for(reverse("admin:login"))
    assert logged_in_user_id(client) is None
    assert failed_logins == []


def test_a_flood_of_guesses_at_the_admin_is_limited_like_any_other_login(
    client, settings, failed_logins
):
    settings.ACCOUNT_RATE_LIMITS = {
        **settings.ACCOUNT_RATE_LIMITS,
        "login_failed": "100/m/ip,3/5m/key",
    }
    admin = platform_admin()

    for attempt in range(20):
        response = client.post(
            reverse("admin:login"), {"username": admin.email, "password": f"guess-{attempt}"}
        )
        assert response.status_code == 302
    # The admin's address checked no password at all: the only place to
    # guess is allauth's login page, where the address is locked after three.
    assert failed_logins == []
    for attempt in range(3):
        post_login(client, admin.email, f"guess-{attempt}")
    locked = client.post(
        allauth_login_for(reverse("admin:index")),
        {"login": admin.email, "password": TEST_PASSWORD},
    )

    assert locked.status_code == 200
    assert "Too many failed login attempts" in locked.content.decode()
    assert logged_in_user_id(client) is None
    assert client.get(reverse("admin:index")).status_code == 302


def test_signed_in_staff_cannot_use_the_admin_login_to_check_someone_elses_password(
    client, failed_logins
):
    admin, other = platform_admin(), UserFactory()
    client.force_login(admin)

    response = client.post(reverse("admin:login"), {"username": other.email, "password": "guess"})

    assert response.status_code == 302
    assert response.url == reverse("admin:index")
    assert logged_in_user_id(client) == admin.pk
    assert failed_logins == []


def test_the_admin_login_address_refuses_the_signed_in_who_are_not_staff(client):
    client.force_login(UserFactory())

    assert client.get(reverse("admin:login")).status_code == 403


def test_the_admin_login_goes_on_only_to_our_own_addresses(client):
    client.force_login(platform_admin())

    elsewhere = client.get(reverse("admin:login") + "?next=https://evil.example/")
    inside = client.get(reverse("admin:login") + "?next=/admin/auth/")

    assert elsewhere.url == reverse("admin:index")
    assert inside.url == "/admin/auth/"


def test_staff_without_two_factor_are_sent_to_set_it_up_before_the_admin(client, settings):
    settings.INVOLVE_REQUIRE_MFA_FOR_STAFF = True
    admin = platform_admin()

    signed_in = client.post(
        allauth_login_for(reverse("admin:index")),
        {"login": admin.email, "password": TEST_PASSWORD},
    )
    response = client.get(reverse("admin:index"))

    assert signed_in.status_code == 302
    assert signed_in.url == reverse("admin:index")
    assert response.status_code == 302
    assert response.url == reverse("mfa_activate_totp")


def test_with_an_authenticator_the_admin_opens_only_after_the_code(client):
    admin = platform_admin()
    secret = generate_totp_secret()
    TOTP.activate(admin, secret)

    first_step = client.post(
        allauth_login_for(reverse("admin:index")),
        {"login": admin.email, "password": TEST_PASSWORD},
    )

    assert first_step.url == reverse("mfa_authenticate")
    assert logged_in_user_id(client) is None
    assert client.get(reverse("admin:index")).status_code == 302

    wait_for_fresh_totp_period()
    second_step = client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)})

    assert second_step.status_code == 302
    assert second_step.url == reverse("admin:index")
    assert client.get(reverse("admin:index")).status_code == 200
