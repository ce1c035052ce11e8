"""Password storage: Argon2 for every password set or changed; a password
stored by an older hasher still works and is stored again with Argon2 when
its owner next signs in. The tests themselves keep a fast hasher
(config/settings/test.py), so these switch to the real list."""

from __future__ import annotations

import pytest
from django.contrib.auth.hashers import check_password, identify_hasher, make_password
from django.urls import reverse

from config.settings import base
from tests.factories import TEST_PASSWORD, UserFactory

from .helpers import logged_in_user_id, post_login

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def real_hashers(settings):
    settings.PASSWORD_HASHERS = base.PASSWORD_HASHERS


def test_argon2_comes_first_and_the_older_hashers_stay_to_read_old_passwords():
    algorithms = [path.rsplit(".", 1)[-1] for path in base.PASSWORD_HASHERS]

    assert algorithms[0] == "Argon2PasswordHasher"
    assert "PBKDF2PasswordHasher" in algorithms


def test_a_new_password_is_stored_with_argon2():
    user = UserFactory(password=TEST_PASSWORD)

    assert user.password.startswith("argon2$argon2id$")
    assert identify_hasher(user.password).algorithm == "argon2"
    assert check_password(TEST_PASSWORD, user.password)


def test_a_password_stored_before_argon2_still_signs_in_and_is_stored_again(client):
    user = UserFactory()
    user.password = make_password(TEST_PASSWORD, hasher="pbkdf2_sha256")
    user.save(update_fields=["password"])

    response = post_login(client, user.email, TEST_PASSWORD)

    assert response.status_code == 302
    assert logged_in_user_id(client) == user.pk
    user.refresh_from_db()
    assert identify_hasher(user.password).algorithm == "argon2"
    assert check_password(TEST_PASSWORD, user.password)


def test_a_wrong_password_leaves_an_old_hash_as_it_was(client):
    user = UserFactory()
    old = make_password(TEST_PASSWORD, hasher="pbkdf2_sha256")
    user.password = old
    user.save(update_fields=["password"])

    post_login(client, user.email, "not-the-password")

    user.refresh_from_db()
    assert user.password == old
    assert client.get(reverse("account_settings")).status_code == 302
