"""Session timeouts (involvement.middleware.SessionTimeoutMiddleware): signed
out after INVOLVE_SESSION_IDLE_MINUTES without a request, and after
INVOLVE_SESSION_ABSOLUTE_HOURS however busy, with the reason on the login
page. The limits are read from settings, not assumed (tests run with a longer
idle limit than production's; see config/settings/test.py)."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.urls import reverse

from involvement.middleware import absolute_message, idle_message
from tests.factories import TEST_PASSWORD, UserFactory

from .helpers import logged_in_user_id, post_login

pytestmark = pytest.mark.django_db

START = datetime.datetime(2027, 3, 10, 9, 0, tzinfo=datetime.UTC)
SIGNED_IN_PAGE = "account_settings"


@pytest.fixture
def clock():
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


def idle(settings) -> datetime.timedelta:
    return datetime.timedelta(minutes=settings.INVOLVE_SESSION_IDLE_MINUTES)


def absolute(settings) -> datetime.timedelta:
    return datetime.timedelta(hours=settings.INVOLVE_SESSION_ABSOLUTE_HOURS)


def open_page(client):
    return client.get(reverse(SIGNED_IN_PAGE))


def test_a_person_who_keeps_using_the_service_stays_signed_in(client, clock, settings):
    user = UserFactory()
    client.force_login(user)
    step = idle(settings) - datetime.timedelta(minutes=1)

    for _ in range(3):
        clock.shift(step)
        assert open_page(client).status_code == 200

    assert logged_in_user_id(client) == user.pk


def test_idle_for_the_limit_signs_out_and_the_login_page_says_why(client, clock, settings):
    client.force_login(UserFactory())
    assert open_page(client).status_code == 200

    clock.shift(idle(settings))
    response = open_page(client)

    assert response.status_code == 302
    assert response.url == f"{reverse('account_login')}?next={reverse(SIGNED_IN_PAGE)}"
    assert logged_in_user_id(client) is None
    login_page = client.get(response.url).content.decode()
    assert "You were signed out because you had not used Involve for" in login_page
    assert idle_message() in login_page


def test_the_idle_limit_comes_from_settings_and_the_message_names_it(client, clock, settings):
    settings.INVOLVE_SESSION_IDLE_MINUTES = 30
    client.force_login(UserFactory())

    clock.shift(datetime.timedelta(minutes=29))
    assert open_page(client).status_code == 200
    clock.shift(datetime.timedelta(minutes=30))
    response = open_page(client)

    assert response.status_code == 302
    page = client.get(response.url).content.decode()
    assert "had not used Involve for 30 minutes. Sign in again to carry on." in page


def test_the_absolute_limit_signs_out_however_busy(client, clock, settings):
    user = UserFactory()
    client.force_login(user)
    step = idle(settings) / 2
    elapsed = datetime.timedelta(0)

    while elapsed + step < absolute(settings):
        clock.shift(step)
        elapsed += step
        assert open_page(client).status_code == 200, f"signed out after {elapsed}"
    clock.shift(absolute(settings) - elapsed)
    response = open_page(client)

    assert response.status_code == 302
    assert logged_in_user_id(client) is None
    page = client.get(response.url).content.decode()
    assert absolute_message() in page
    assert f"had been signed in for {settings.INVOLVE_SESSION_ABSOLUTE_HOURS} hours" in page


def test_signing_in_again_starts_the_clocks_afresh(client, clock, settings):
    user = UserFactory()
    client.force_login(user)
    clock.shift(absolute(settings))
    assert open_page(client).status_code == 302

    assert post_login(client, user.email, TEST_PASSWORD).status_code == 302
    clock.shift(idle(settings) - datetime.timedelta(minutes=1))

    assert open_page(client).status_code == 200
    assert logged_in_user_id(client) == user.pk


def test_the_api_answers_a_timed_out_session_as_signed_out_with_no_message(client, clock, settings):
    client.force_login(UserFactory())
    assert client.get("/api/organisations/").status_code == 200

    clock.shift(idle(settings))
    response = client.get("/api/organisations/")

    assert response.status_code == 401
    assert logged_in_user_id(client) is None
    # Nothing waits to be shown on the next page.
    assert "You were signed out" not in client.get(reverse("account_login")).content.decode()


def test_a_session_from_before_the_clocks_existed_starts_them_on_its_next_request(
    client, clock, settings
):
    from involvement.middleware import SESSION_SEEN_KEY, SESSION_STARTED_KEY

    client.force_login(UserFactory())
    session = client.session
    del session[SESSION_STARTED_KEY]
    del session[SESSION_SEEN_KEY]
    session.save()

    assert open_page(client).status_code == 200
    assert client.session[SESSION_STARTED_KEY] == START.timestamp()
    clock.shift(idle(settings))
    assert open_page(client).status_code == 302
