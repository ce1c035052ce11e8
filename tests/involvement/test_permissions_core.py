"""The access core (involvement/permissions.py) and the apps' rules built on it.

The core never imports an app: each app adds its actions to `user_can` with
`register_rules` from its own permissions module, which its AppConfig.ready()
imports. These tests prove that the rules are there once Django has started
(before any page or API module is loaded), and that no app can quietly replace
a rule someone else registered."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.conf import settings

from involvement import permissions
from involvement.models import Group, Organisation

# Run in a fresh process: the test run itself imports every view (and so every
# app's permissions module) long before a test starts, which would hide a
# missing registration.
STARTED_DJANGO_ONLY = """
import django
django.setup()
from types import SimpleNamespace
from involvement.models import Organisation
from involvement.permissions import user_can
admin = SimpleNamespace(is_authenticated=True, is_superuser=True)
organisation = Organisation(pk=1, name="Fictional Trust")
for action in ("manage_recruitment", "manage_meetings", "manage_workplans", "see_decision_map"):
    print(action, user_can(admin, action, organisation))
"""


def test_each_apps_rules_are_registered_when_django_starts():
    result = subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", STARTED_DJANGO_ONLY],
        cwd=settings.BASE_DIR,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[:4] == [
        "manage_recruitment True",
        "manage_meetings True",
        "manage_workplans True",
        "see_decision_map True",
    ]


def test_an_app_cannot_replace_a_rule_already_registered():
    with pytest.raises(ValueError, match="already registered"):
        permissions.register_rules(checks={("group", "view"): lambda user, obj: False})
    with pytest.raises(ValueError, match="already registered"):
        permissions.register_rules(checks={}, kinds={"Group": "organisation"})
    # The rule in force is unchanged: a group stays visible to whoever fetched it.
    assert permissions.user_can(object(), "view", Group(pk=1, organisation_id=1))


def test_registering_the_same_rule_again_is_harmless():
    check = permissions._ACTION_CHECKS[("group", "manage")]
    permissions.register_rules(checks={("group", "manage"): check}, kinds={"Group": "group"})
    assert permissions._ACTION_CHECKS[("group", "manage")] is check


def test_an_action_nobody_registered_is_an_error_not_a_yes():
    with pytest.raises(ValueError, match="No access rule"):
        permissions.user_can(object(), "launch_rockets", Organisation(pk=1))
