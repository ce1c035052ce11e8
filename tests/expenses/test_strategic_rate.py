"""Representatives are paid at the organisation's strategic rate for a board
meeting, the briefing meeting before it and the debrief after it; members at
the same meetings are paid as members. The rate is part of the policy, with
a default and a field on the policy page."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from expenses.models import PaymentPolicy, PaymentRule
from expenses.services import claims as services
from meetings.models import Briefing, Debrief

from ._claims import attended, other_member, seated_a_year_ago

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.fixture
def policy(world) -> PaymentPolicy:
    seated_a_year_ago(world)
    found = PaymentPolicy.objects.create(organisation=world.organisation)
    for activity in ("board", "pre_meeting", "group"):
        PaymentRule.objects.create(
            policy=found,
            role_level="member",
            activity=activity,
            mode="per_hour",
            hourly_rate=D("10.00"),
        )
    return found


def test_the_policy_has_a_strategic_rate_by_default(world):
    policy = PaymentPolicy.objects.create(organisation=world.organisation)
    assert policy.strategic_hourly_rate == D("25.00")
    assert policy.debrief_hours == D("1.00")


def test_a_representative_at_a_board_meeting_is_paid_the_strategic_rate(world, policy):
    board = attended(world, body=world.objects["body"], kind="board", hours=2)
    assert services.role_level_for(person=board.person, meeting=board.meeting) == "strategic"
    claim = services.claim_start(invitation=board)
    assert claim.involvement_payment == D("50.00")  # 2 hours at £25.00
    assert "£25.00 an hour" in claim.involvement_payment_basis

    guest = attended(world, person=other_member(world), body=world.objects["body"], kind="board")
    guest.meeting = board.meeting
    assert services.role_level_for(person=guest.person, meeting=board.meeting) == "member"
    assert services.payment_due_for(person=guest.person, meeting=board.meeting).amount == D("20.00")


def test_a_strategic_rule_beats_the_policy_rate(world, policy):
    PaymentRule.objects.create(
        policy=policy, role_level="strategic", activity="board", mode="fixed_fee", fixed_fee=D("90")
    )
    board = attended(world, body=world.objects["body"], kind="board", hours=2)
    assert services.claim_start(invitation=board).involvement_payment == D("90.00")


def test_the_briefing_meeting_and_the_debrief_are_paid_at_the_strategic_rate(world, policy):
    policy.strategic_hourly_rate = D("30.00")
    policy.debrief_hours = D("1.50")
    policy.save()
    board = attended(world, body=world.objects["body"], kind="board", hours=2, days_ago=3)
    pre = attended(world, kind="pre_meeting", hours=1, days_ago=10)
    Briefing.objects.create(
        meeting=board.meeting,
        pre_meeting=pre.meeting,
        points_close_on=timezone.localdate() - timedelta(days=12),
    )
    Debrief.objects.create(meeting=board.meeting, representative=board.person)

    pre_claim = services.claim_start(invitation=pre)
    assert pre_claim.involvement_payment == D("30.00")  # 1 hour at £30.00

    board_claim = services.claim_start(invitation=board)
    assert board_claim.involvement_payment == D("105.00")  # 2 hours and 1.5 for the debrief
    assert "1.5 hours for the debrief" in board_claim.involvement_payment_basis

    # A member at the same pre-meeting, with no seat: the member rate.
    member = other_member(world)
    assert services.payment_due_for(person=member, meeting=pre.meeting).amount == D("10.00")


def test_the_strategic_rate_is_set_on_the_policy_page(world, login, policy):
    client = login(world.user("org_admin"))
    url = reverse("payment-policy", kwargs={"pk": world.organisation.pk})
    page = client.get(url).content.decode()
    assert (
        "Representatives&#x27; strategic rate" in page or "Representatives' strategic rate" in page
    )

    form = {
        "mileage_rate": "0.45",
        "mileage_warning_miles": "60",
        "receipt_required_over": "10.00",
        "target_working_days": "5",
        "strategic_hourly_rate": "",
        "debrief_hours": "lots",
    }
    response = client.post(url, form)
    text = response.content.decode()
    assert response.status_code == 200
    assert "Enter the strategic rate, like 25.00" in text
    assert "Enter the hours paid for a debrief, like 1" in text

    form.update(strategic_hourly_rate="27.50", debrief_hours="2")
    assert client.post(url, form).status_code == 302
    policy.refresh_from_db()
    assert (policy.strategic_hourly_rate, policy.debrief_hours) == (D("27.50"), D("2.00"))
