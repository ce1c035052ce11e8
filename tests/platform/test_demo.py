"""Demo data (`manage.py seed_demo`): idempotent, and every demo login works
with the published demo password."""

import pytest
from django.apps import apps
from django.core.management import call_command
from django.urls import reverse

from involvement.demo import DEMO_PASSWORD, demo_logins
from involvement.models import User

from .helpers import logged_in_user_id, post_login

pytestmark = pytest.mark.django_db


def row_counts() -> dict[str, int]:
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


def test_seeding_twice_changes_no_table(capsys):
    call_command("seed_demo")
    after_first = row_counts()

    call_command("seed_demo")

    assert row_counts() == after_first
    assert after_first["involvement.User"] >= len(demo_logins())
    assert after_first["involvement.Organisation"] >= 2
    assert "Demo data ready." in capsys.readouterr().out


def test_seeding_again_keeps_a_changed_password(demo_once):
    user = User.objects.get(email=demo_logins()[0][1])
    user.set_password("Changed-after-the-demo-1")
    user.save(update_fields=["password"])

    call_command("seed_demo")

    user.refresh_from_db()
    assert user.check_password("Changed-after-the-demo-1")


def test_every_demo_login_can_log_in_with_the_demo_password(client, demo_once):
    logins = demo_logins()
    assert logins

    for label, email in logins:
        client.logout()
        response = post_login(client, email, DEMO_PASSWORD)

        assert response.status_code == 302, f"{label} ({email}) could not log in"
        assert response.url == reverse("home")
        assert logged_in_user_id(client) == User.objects.get(email=email).pk
