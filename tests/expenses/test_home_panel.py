"""The coordinator's home shows claims at risk of missing the payment target,
added by expenses through involvement's home panels (involvement imports nothing)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from expenses.models import PaymentPolicy
from tests.expenses.test_prompt import dated_claim

pytestmark = pytest.mark.django_db


def _overdue_claim(world):
    PaymentPolicy.objects.create(organisation=world.organisation, target_working_days=5)
    today = timezone.localdate()
    return dated_claim(
        world,
        meeting=today - datetime.timedelta(days=30),
        submitted=today - datetime.timedelta(days=21),
    )


def test_the_coordinator_home_lists_claims_at_risk(world, login):
    claim = _overdue_claim(world)
    page = login(world.user("coordinator")).get(reverse("home")).content.decode()
    assert "Expenses at risk of being paid late" in page
    assert escape(claim.person.display_name) in page
    assert reverse("approval-queue") in page


def test_the_panel_is_absent_when_nothing_is_at_risk(world, login):
    page = login(world.user("coordinator")).get(reverse("home")).content.decode()
    assert "Expenses at risk of being paid late" not in page


@pytest.mark.parametrize("role", ["member", "commissioner", "finance", "other_org"])
def test_others_do_not_see_the_organisations_claims_at_risk(world, login, role):
    claim = _overdue_claim(world)
    page = login(world.user(role)).get(reverse("home")).content.decode()
    assert "Expenses at risk of being paid late" not in page
    assert claim.meeting.title not in page
