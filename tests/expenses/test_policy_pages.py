"""The payment policy pages (the organisation admin edits them), the rule
services' refusals, and the demo's two contrasting policies."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from expenses.models import PaymentPolicy, PaymentRule
from expenses.services import policy as services

pytestmark = pytest.mark.django_db


def test_org_admin_saves_the_policy(world, login):
    client = login(world.user("org_admin"))
    url = reverse("payment-policy", kwargs={"pk": world.organisation.pk})
    response = client.post(
        url,
        {
            "mileage_rate": "0.45",
            "mileage_warning_miles": "60",
            "receipt_required_over": "10.00",
            "receipt_always_for": ["taxi", "parking"],
            "claim_cap": "",
            "target_working_days": "15",
            "strategic_hourly_rate": "25.00",
            "debrief_hours": "1",
            "benefits_advice": "Citizens Advice can help.",
        },
    )
    assert response.status_code == 302
    policy = PaymentPolicy.objects.get(organisation=world.organisation)
    assert policy.target_working_days == 15
    assert policy.receipt_always_for == ["taxi", "parking"]
    assert policy.claim_cap is None
    assert policy.updated_by == world.user("org_admin")


def test_policy_form_errors_keep_what_was_typed(world, login):
    client = login(world.user("org_admin"))
    url = reverse("payment-policy", kwargs={"pk": world.organisation.pk})
    response = client.post(url, {"mileage_rate": "lots", "target_working_days": "0"})
    body = response.content.decode()
    assert "Enter the mileage rate, like 0.45" in body
    assert 'value="lots"' in body
    assert not PaymentPolicy.objects.exists()


def test_org_admin_adds_a_half_day_rule_and_sees_it(world, login):
    client = login(world.user("org_admin"))
    add = reverse("payment-rule-add", kwargs={"pk": world.organisation.pk})
    response = client.post(
        add,
        {
            "role_level": "member",
            "activity": "group",
            "mode": "half_full_day",
            "half_day_rate": "75",
            "full_day_rate": "150",
            "full_day_from_hours": "4",
        },
    )
    assert response.status_code == 302
    page = client.get(reverse("payment-policy", kwargs={"pk": world.organisation.pk}))
    assert "£150.00 for 4 hours or more, £75.00 for shorter" in page.content.decode()


def test_rule_needs_the_amounts_its_mode_uses(world, login):
    client = login(world.user("org_admin"))
    add = reverse("payment-rule-add", kwargs={"pk": world.organisation.pk})
    body = client.post(
        add, {"role_level": "member", "activity": "group", "mode": "half_full_day"}
    ).content.decode()
    assert "Enter the half-day rate, like 75.00" in body
    assert "Enter the hours from which the full-day rate is paid" in body
    assert not PaymentRule.objects.exists()


def test_one_rule_per_level_and_activity(world):
    policy = services.policy_update(organisation=world.organisation)
    services.payment_rule_save(
        policy=policy,
        role_level="member",
        activity="workshop",
        mode="per_hour",
        hourly_rate=Decimal("13.85"),
    )
    with pytest.raises(ValidationError) as error:
        services.payment_rule_save(
            policy=policy, role_level="member", activity="workshop", mode="none"
        )
    assert "already a rule" in error.value.message_dict["activity"][0]


def test_demo_has_two_contrasting_policies_and_is_idempotent(db):
    from expenses import demo_claims
    from involvement.demo import accounts

    accounts.seed()
    demo_claims.seed()
    demo_claims.seed()
    fellside = PaymentPolicy.objects.get(organisation__slug="fellside")
    riverbank = PaymentPolicy.objects.get(organisation__slug="riverbank")
    assert fellside.mileage_rate == riverbank.mileage_rate == Decimal("0.45")
    assert fellside.target_working_days == 5
    assert riverbank.target_working_days == 15
    workshop = fellside.rules.get(role_level="member", activity="workshop")
    assert (workshop.mode, workshop.hourly_rate) == ("per_hour", Decimal("13.85"))
    board = fellside.rules.get(role_level="representative", activity="board")
    assert board.hourly_rate == Decimal("25.00")
    group = riverbank.rules.get(role_level="member", activity="group")
    assert (group.half_day_rate, group.full_day_rate, group.full_day_from_hours) == (
        Decimal("75.00"),
        Decimal("150.00"),
        Decimal("4.00"),
    )
    assert PaymentRule.objects.count() == 7
