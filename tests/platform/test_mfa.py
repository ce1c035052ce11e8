"""Two-factor authentication (allauth.mfa: authenticator app + recovery codes)
and the rule that staff must set it up (RequireStaffMFAMiddleware)."""

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from allauth.mfa.utils import decrypt
from django.core.cache import cache
from django.urls import reverse

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


@pytest.fixture(autouse=True)
def empty_cache():
    """allauth remembers used codes and counts attempts in the cache."""
    cache.clear()
    yield
    cache.clear()


def open_activation_page(client, user):
    """Log in, confirm the password again as allauth asks before a security
    change, and open the authenticator app set-up page."""
    assert post_login(client, user.email, TEST_PASSWORD).status_code == 302
    reauthenticate = client.post(
        reverse("account_reauthenticate"),
        {"password": TEST_PASSWORD, "next": reverse("mfa_activate_totp")},
    )
    assert reauthenticate.status_code == 302
    assert reauthenticate.url == reverse("mfa_activate_totp")
    page = client.get(reverse("mfa_activate_totp"))
    assert page.status_code == 200
    return page


def activate_totp(client, user) -> str:
    """Set up an authenticator app through the pages; return its secret."""
    secret = open_activation_page(client, user).context["form"].secret
    wait_for_fresh_totp_period()
    response = client.post(reverse("mfa_activate_totp"), {"code": totp_code(secret)})
    assert response.status_code == 302, response.content.decode()
    return secret


def user_with_totp():
    user = UserFactory()
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return user, secret


def test_setting_up_an_authenticator_app_asks_for_the_password_again(client):
    user = UserFactory()
    post_login(client, user.email, TEST_PASSWORD)

    response = client.get(reverse("mfa_activate_totp"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_reauthenticate"))


def test_activating_an_authenticator_app_needs_a_valid_code(client):
    user = UserFactory()
    secret = open_activation_page(client, user).context["form"].secret

    response = client.post(reverse("mfa_activate_totp"), {"code": wrong_totp_code(secret)})

    assert response.status_code == 200
    assert "nhsuk-error-message" in response.content.decode()
    assert not Authenticator.objects.filter(user=user).exists()


def test_activating_an_authenticator_app_stores_it_and_creates_recovery_codes(client):
    user = UserFactory()

    secret = activate_totp(client, user)

    totp = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP)
    assert decrypt(totp.data["secret"]) == secret
    recovery = Authenticator.objects.get(user=user, type=Authenticator.Type.RECOVERY_CODES)
    assert len(RecoveryCodes(recovery).get_unused_codes()) == 10
    page = client.get(reverse("mfa_view_recovery_codes")).content.decode()
    assert RecoveryCodes(recovery).get_unused_codes()[0] in page


def test_with_an_authenticator_app_logging_in_asks_for_a_code(client):
    user = UserFactory()
    activate_totp(client, user)
    client.post(reverse("account_logout"))

    response = post_login(client, user.email, TEST_PASSWORD)

    assert response.status_code == 302
    assert response.url == reverse("mfa_authenticate")
    assert logged_in_user_id(client) is None


def test_the_second_step_refuses_a_wrong_code_and_accepts_the_right_one(client):
    user = UserFactory()
    secret = activate_totp(client, user)
    client.post(reverse("account_logout"))
    post_login(client, user.email, TEST_PASSWORD)

    refused = client.post(reverse("mfa_authenticate"), {"code": wrong_totp_code(secret)})

    assert refused.status_code == 200
    assert "nhsuk-error-message" in refused.content.decode()
    assert logged_in_user_id(client) is None

    wait_for_fresh_totp_period()
    accepted = client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)})

    assert accepted.status_code == 302
    assert accepted.url == reverse("home")
    assert logged_in_user_id(client) == user.pk


def test_a_code_cannot_be_used_twice(client):
    user, secret = user_with_totp()
    wait_for_fresh_totp_period()
    code = totp_code(secret)
    post_login(client, user.email, TEST_PASSWORD)
    client.post(reverse("mfa_authenticate"), {"code": code})
    assert logged_in_user_id(client) == user.pk
    client.post(reverse("account_logout"))

    post_login(client, user.email, TEST_PASSWORD)
    client.post(reverse("mfa_authenticate"), {"code": code})

    assert logged_in_user_id(client) is None


def test_a_recovery_code_logs_in_once_only(client):
    user = UserFactory()
    activate_totp(client, user)
    recovery = Authenticator.objects.get(user=user, type=Authenticator.Type.RECOVERY_CODES)
    code = RecoveryCodes(recovery).get_unused_codes()[0]
    client.post(reverse("account_logout"))

    post_login(client, user.email, TEST_PASSWORD)
    response = client.post(reverse("mfa_authenticate"), {"code": code})

    assert response.status_code == 302
    assert logged_in_user_id(client) == user.pk
    recovery.refresh_from_db()
    assert code not in RecoveryCodes(recovery).get_unused_codes()

    client.post(reverse("account_logout"))
    post_login(client, user.email, TEST_PASSWORD)
    again = client.post(reverse("mfa_authenticate"), {"code": code})

    assert again.status_code == 200
    assert logged_in_user_id(client) is None


# RequireStaffMFAMiddleware


@pytest.fixture
def mfa_required(settings):
    settings.INVOLVE_REQUIRE_MFA_FOR_STAFF = True


def staff_person():
    return StaffRoleFactory(role=StaffRole.Role.FINANCE).user


def test_staff_without_an_authenticator_app_are_sent_to_set_one_up(client, mfa_required):
    client.force_login(staff_person())

    response = client.get(reverse("home"))

    assert response.status_code == 302
    assert response.url == reverse("mfa_activate_totp")
    page = client.get(reverse("account_email")).content.decode()
    assert "Staff accounts must use two-factor authentication" in page


def test_platform_admins_without_an_authenticator_app_are_sent_to_set_one_up(client, mfa_required):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    response = client.get(reverse("privacy"))

    assert response.status_code == 302
    assert response.url == reverse("mfa_activate_totp")


@pytest.mark.parametrize(
    "url_name",
    ["account_email", "mfa_index", "account_logout", "account_change_password", "api-schema"],
)
def test_staff_without_an_authenticator_app_can_still_reach_account_pages(
    client, mfa_required, url_name
):
    client.force_login(staff_person())

    response = client.get(reverse(url_name))

    assert response.status_code == 200


def test_staff_can_set_up_the_app_while_it_is_required(client, mfa_required):
    user = staff_person()

    activate_totp(client, user)

    assert Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
    assert client.get(reverse("home")).status_code == 200


def test_members_are_not_asked_to_set_up_an_authenticator_app(client, mfa_required):
    client.force_login(UserFactory())

    assert client.get(reverse("home")).status_code == 200


def test_staff_with_an_authenticator_app_are_let_through(client, mfa_required):
    user = staff_person()
    TOTP.activate(user, generate_totp_secret())
    client.force_login(user)

    assert client.get(reverse("home")).status_code == 200


def test_anonymous_visitors_are_not_redirected(client, mfa_required):
    assert client.get(reverse("home")).status_code == 200


def test_with_the_setting_off_nobody_is_redirected(client, settings):
    settings.INVOLVE_REQUIRE_MFA_FOR_STAFF = False
    client.force_login(staff_person())

    assert client.get(reverse("home")).status_code == 200


def test_staff_without_an_authenticator_app_get_a_json_refusal_from_the_api(client, mfa_required):
    client.force_login(staff_person())

    response = client.get("/api/organisations/")

    assert response.status_code == 403
    assert response.json()["error"]["code"] == "mfa_required"
