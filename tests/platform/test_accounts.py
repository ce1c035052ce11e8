"""Accounts through allauth's pages: sign up with mandatory email verification,
log in, log out, password reset, and login rate limiting."""

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.cache import cache
from django.urls import reverse

from involvement.models import User
from tests.factories import TEST_PASSWORD, UserFactory

from .helpers import element_by_id, link_in_email, logged_in_user_id, post_login, tags

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Quiet-meadow-lantern-42"


@pytest.fixture(autouse=True)
def empty_cache():
    """allauth counts rate limits (logins, verification emails per address) in
    the cache, which outlives each test's database: start and finish empty."""
    cache.clear()
    yield
    cache.clear()


def sign_up(client, email="new.member@example.org"):
    return client.post(
        reverse("account_signup"),
        {
            "full_name": "Sam Newmember",
            "email": email,
            "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
        },
    )


def test_sign_up_asks_for_the_persons_name_first_and_keeps_it(client):
    page = client.get(reverse("account_signup")).content.decode()
    assert page.index('name="full_name"') < page.index('name="email"')

    refused = client.post(
        reverse("account_signup"),
        {"email": "no.name@example.org", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert "Enter your full name" in refused.content.decode()
    assert not User.objects.filter(email="no.name@example.org").exists()

    sign_up(client)
    user = User.objects.get(email="new.member@example.org")
    assert user.full_name == "Sam Newmember"
    from involvement.services.people import person_get_or_create_for_user

    assert person_get_or_create_for_user(user=user).full_name == "Sam Newmember"


def test_sign_up_sends_a_verification_email_and_does_not_log_in_yet(client):
    response = sign_up(client)

    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    user = User.objects.get(email="new.member@example.org")
    assert not EmailAddress.objects.get(user=user).verified
    assert logged_in_user_id(client) is None
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["new.member@example.org"]
    assert message.subject.startswith("[Involve] ")
    link_in_email(message, "/accounts/confirm-email/")


def test_confirming_the_emailed_link_verifies_the_address_and_logs_in(client):
    sign_up(client)
    confirm_path = link_in_email(mail.outbox[0], "/accounts/confirm-email/")

    # Opening the link only shows a confirm button (ACCOUNT_CONFIRM_EMAIL_ON_GET off).
    assert client.get(confirm_path).status_code == 200
    assert not EmailAddress.objects.get(email="new.member@example.org").verified

    response = client.post(confirm_path)

    assert response.status_code == 302
    user = User.objects.get(email="new.member@example.org")
    assert EmailAddress.objects.get(user=user).verified
    assert logged_in_user_id(client) == user.pk


def test_an_unverified_person_cannot_log_in_and_is_sent_a_new_link(client):
    user = UserFactory(email="unverified@example.org", verified=False)
    EmailAddress.objects.create(user=user, email=user.email, verified=False, primary=True)

    response = post_login(client, user.email, TEST_PASSWORD)

    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    assert logged_in_user_id(client) is None
    assert [m.to for m in mail.outbox] == [["unverified@example.org"]]


def test_a_verified_person_logs_in_with_email_and_password(client):
    user = UserFactory()

    response = post_login(client, user.email, TEST_PASSWORD)

    assert response.status_code == 302
    assert response.url == reverse("home")
    assert logged_in_user_id(client) == user.pk


def test_a_wrong_password_shows_the_error_and_keeps_the_typed_email(client):
    user = UserFactory(email="typed.address@example.org")

    response = post_login(client, user.email, "not-the-password")

    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page
    assert "email address and/or password you specified are not correct" in page
    email_input = element_by_id(page, "id_login")
    assert email_input["value"] == "typed.address@example.org"
    # The password is never echoed back.
    assert "not-the-password" not in page
    assert logged_in_user_id(client) is None


def test_logging_out_takes_a_post_not_a_get(client):
    user = UserFactory()
    post_login(client, user.email, TEST_PASSWORD)

    assert client.get(reverse("account_logout")).status_code == 200
    assert logged_in_user_id(client) == user.pk

    response = client.post(reverse("account_logout"))

    assert response.status_code == 302
    assert logged_in_user_id(client) is None


def test_password_reset_emails_a_link_that_sets_a_new_password(client):
    user = UserFactory(email="forgetful@example.org")

    response = client.post(reverse("account_reset_password"), {"email": user.email})

    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [user.email]
    reset_path = link_in_email(mail.outbox[0], "/accounts/password/reset/key/")

    # The link moves the key into the session and redirects to the form.
    form_page = client.get(reset_path, follow=True)
    assert form_page.status_code == 200
    set_password_path = form_page.redirect_chain[-1][0]
    response = client.post(
        set_password_path, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    )

    assert response.status_code == 302
    assert response.url == reverse("account_reset_password_from_key_done")
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert not user.check_password(TEST_PASSWORD)
    assert post_login(client, user.email, NEW_PASSWORD).status_code == 302
    assert logged_in_user_id(client) == user.pk


def test_a_reset_link_works_only_once(client):
    user = UserFactory()
    client.post(reverse("account_reset_password"), {"email": user.email})
    reset_path = link_in_email(mail.outbox[0], "/accounts/password/reset/key/")
    set_password_path = client.get(reset_path, follow=True).redirect_chain[-1][0]
    client.post(set_password_path, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    client.logout()

    page = client.get(reset_path, follow=True).content.decode()

    assert "already been used" in page
    assert not tags(page, "input", name="password1")


def test_repeated_wrong_passwords_lock_the_account_even_for_the_right_password(client, settings):
    settings.ACCOUNT_RATE_LIMITS = {
        **settings.ACCOUNT_RATE_LIMITS,
        "login_failed": "3/m/ip,3/5m/key",
    }
    user = UserFactory()
    for _ in range(3):
        response = post_login(client, user.email, "guess-again")
        assert "are not correct" in response.content.decode()

    response = post_login(client, user.email, TEST_PASSWORD)

    assert response.status_code == 200
    assert "Too many failed login attempts" in response.content.decode()
    assert logged_in_user_id(client) is None


def test_the_failed_login_limit_per_account_does_not_lock_out_other_accounts(client, settings):
    settings.ACCOUNT_RATE_LIMITS = {
        **settings.ACCOUNT_RATE_LIMITS,
        "login_failed": "100/m/ip,3/5m/key",
    }
    attacked, bystander = UserFactory(), UserFactory()
    for _ in range(3):
        post_login(client, attacked.email, "guess-again")

    assert "Too many failed" in post_login(client, attacked.email, TEST_PASSWORD).content.decode()
    response = post_login(client, bystander.email, TEST_PASSWORD)

    assert response.status_code == 302
    assert logged_in_user_id(client) == bystander.pk


def test_too_many_login_attempts_from_one_address_get_a_429(client, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login": "3/m/ip"}
    user = UserFactory()
    for _ in range(3):
        assert post_login(client, user.email, "guess-again").status_code == 200

    response = post_login(client, user.email, TEST_PASSWORD)

    assert response.status_code == 429
    assert logged_in_user_id(client) is None
