"""Changing an email address, a password or two-factor authentication asks
for the password again first (allauth: ACCOUNT_REAUTHENTICATION_REQUIRED, and
allauth.mfa's own default), on every route that makes such a change. Signing
in does not count: only confirming the password on the "confirm it's you"
page does, for ACCOUNT_REAUTHENTICATION_TIMEOUT seconds. Changing the
password asks for the current one on its own form."""

from __future__ import annotations

import datetime
from urllib.parse import urlencode

import pytest
import time_machine
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.auth.hashers import check_password
from django.urls import URLResolver, get_resolver, reverse

from tests.factories import TEST_PASSWORD, UserFactory

from .helpers import post_login

pytestmark = pytest.mark.django_db

START = datetime.datetime(2027, 3, 10, 9, 0, tzinfo=datetime.UTC)
NEW_PASSWORD = "Amber-otter-kettle-57"
SECOND_ADDRESS = "second.address@example.org"

# Every allauth route (under /accounts/) that changes how a person signs in,
# and every one that does not. A route allauth adds later fails
# test_every_account_route_is_either_guarded_or_changes_nothing until it is
# placed in one list (and, if it makes a change, tested here).
CHANGES = {
    "account_email",
    "account_change_password",
    "account_set_password",
    "mfa_activate_totp",
    "mfa_deactivate_totp",
    "mfa_generate_recovery_codes",
    "mfa_view_recovery_codes",
    "mfa_download_recovery_codes",
}
NO_CHANGE = {
    # Signing in and out, signing up, and the steps of those.
    "account_login",
    "account_logout",
    "account_inactive",
    "account_signup",
    "account_confirm_login_code",
    "mfa_authenticate",
    "mfa_index",
    # The "confirm it's you" pages themselves.
    "account_reauthenticate",
    "account_request_reauthentication_code",
    "account_confirm_reauthentication_code",
    "mfa_reauthenticate",
    # Verifying an address and resetting a forgotten password prove the
    # person by the emailed link or code instead.
    "account_email_verification_sent",
    "account_confirm_email",
    "account_reset_password",
    "account_reset_password_done",
    "account_reset_password_from_key",
    "account_reset_password_from_key_done",
}


@pytest.fixture
def clock():
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


def reauthenticate(client, next_url: str):
    return client.post(
        reverse("account_reauthenticate"), {"password": TEST_PASSWORD, "next": next_url}
    )


def asks_to_confirm(response, next_url: str) -> bool:
    return response.status_code == 302 and response.url == (
        f"{reverse('account_reauthenticate')}?{urlencode({'next': next_url})}"
    )


def _names(patterns):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            yield from _names(entry.url_patterns)
        elif entry.name:
            yield entry.name


def test_every_account_route_is_either_guarded_or_changes_nothing():
    accounts = next(
        entry
        for entry in get_resolver().url_patterns
        if isinstance(entry, URLResolver) and str(entry.pattern) == "accounts/"
    )

    assert set(_names(accounts.url_patterns)) == CHANGES | NO_CHANGE


def test_signing_in_is_not_enough_to_add_an_email_address(client):
    user = UserFactory()
    post_login(client, user.email, TEST_PASSWORD)

    response = client.post(reverse("account_email"), {"email": SECOND_ADDRESS, "action_add": ""})

    assert asks_to_confirm(response, reverse("account_email"))
    assert not EmailAddress.objects.filter(email=SECOND_ADDRESS).exists()


def test_after_confirming_the_password_the_address_is_added_as_asked(client):
    user = UserFactory()
    client.force_login(user)
    client.post(reverse("account_email"), {"email": SECOND_ADDRESS, "action_add": ""})

    response = reauthenticate(client, reverse("account_email"))

    assert response.status_code in (200, 302)
    added = EmailAddress.objects.get(email=SECOND_ADDRESS)
    assert added.user == user
    assert not added.verified


def test_the_confirmation_lasts_five_minutes(client, clock, settings):
    user = UserFactory()
    client.force_login(user)
    assert reauthenticate(client, reverse("account_email")).status_code == 302

    clock.shift(datetime.timedelta(seconds=settings.ACCOUNT_REAUTHENTICATION_TIMEOUT - 10))
    within = client.post(reverse("account_email"), {"email": SECOND_ADDRESS, "action_add": ""})
    clock.shift(datetime.timedelta(seconds=20))
    after = client.post(
        reverse("account_email"), {"email": "third.address@example.org", "action_add": ""}
    )

    assert within.status_code == 302 and not asks_to_confirm(within, reverse("account_email"))
    assert EmailAddress.objects.filter(email=SECOND_ADDRESS, user=user).exists()
    assert asks_to_confirm(after, reverse("account_email"))
    assert not EmailAddress.objects.filter(email="third.address@example.org").exists()


@pytest.mark.parametrize("action", ["action_remove", "action_primary"])
def test_removing_an_address_or_making_it_the_main_one_asks_first(client, action):
    user = UserFactory()
    EmailAddress.objects.create(user=user, email=SECOND_ADDRESS, verified=True, primary=False)
    client.force_login(user)

    response = client.post(reverse("account_email"), {"email": SECOND_ADDRESS, action: ""})

    assert asks_to_confirm(response, reverse("account_email"))
    second = EmailAddress.objects.get(email=SECOND_ADDRESS)
    assert not second.primary
    assert EmailAddress.objects.get(email=user.email).primary


def test_changing_the_password_needs_the_current_one(client):
    user = UserFactory()
    client.force_login(user)
    body = {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD}

    missing = client.post(reverse("account_change_password"), body)
    wrong = client.post(reverse("account_change_password"), {**body, "oldpassword": "guess"})

    assert missing.status_code == 200
    assert wrong.status_code == 200
    assert "nhsuk-error-message" in wrong.content.decode()
    user.refresh_from_db()
    assert check_password(TEST_PASSWORD, user.password)

    right = client.post(reverse("account_change_password"), {**body, "oldpassword": TEST_PASSWORD})

    assert right.status_code == 302
    user.refresh_from_db()
    assert check_password(NEW_PASSWORD, user.password)


def test_setting_a_first_password_asks_first(client):
    """An account with no password yet has none to confirm: it is sent a
    code by email to confirm it is them."""
    user = UserFactory()
    user.set_unusable_password()
    user.save()
    client.force_login(user)

    response = client.post(
        reverse("account_set_password"), {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    )

    assert response.status_code == 302
    assert response.url == (
        f"{reverse('account_request_reauthentication_code')}?"
        f"{urlencode({'next': reverse('account_set_password')})}"
    )
    user.refresh_from_db()
    assert not user.has_usable_password()


def user_with_authenticator():
    user = UserFactory()
    TOTP.activate(user, generate_totp_secret())
    RecoveryCodes.activate(user)
    return user


@pytest.mark.parametrize(
    ("name", "method"),
    [
        ("mfa_activate_totp", "get"),
        ("mfa_activate_totp", "post"),
        ("mfa_deactivate_totp", "get"),
        ("mfa_deactivate_totp", "post"),
        ("mfa_generate_recovery_codes", "get"),
        ("mfa_generate_recovery_codes", "post"),
        # Showing the codes is as good as having them.
        ("mfa_view_recovery_codes", "get"),
        ("mfa_download_recovery_codes", "get"),
    ],
)
def test_every_two_factor_change_asks_first(client, name, method):
    user = UserFactory() if name == "mfa_activate_totp" else user_with_authenticator()
    before = sorted(Authenticator.objects.filter(user=user).values_list("type", "data"))
    client.force_login(user)

    response = getattr(client, method)(reverse(name))

    assert response.status_code == 302, response
    assert response.url.startswith(
        (reverse("account_reauthenticate"), reverse("mfa_reauthenticate"))
    ), response.url
    assert sorted(Authenticator.objects.filter(user=user).values_list("type", "data")) == before


def test_after_confirming_the_password_two_factor_can_be_turned_off(client):
    user = user_with_authenticator()
    client.force_login(user)

    reauthenticate(client, reverse("mfa_deactivate_totp"))
    response = client.post(reverse("mfa_deactivate_totp"))

    assert response.status_code == 302
    assert not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
