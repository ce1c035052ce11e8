"""Prompt payment: working days (Mon–Fri; bank holidays not taken out), the
median and 90th percentile per step and month against a hand-computed
example, and claims at risk of missing the target."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings.models import ExpenseClaim, PaymentPolicy
from meetings.selectors.prompt import claims_at_risk, percentile, prompt_figures
from meetings.services.prompt import working_days_between
from tests.access.expenses_admin import make_claim
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db

D = datetime.date
TODAY = D(2026, 11, 24)  # a Tuesday


@pytest.mark.parametrize(
    ("start", "end", "days"),
    [
        (D(2026, 11, 2), D(2026, 11, 2), 0),  # same day
        (D(2026, 11, 6), D(2026, 11, 9), 1),  # Friday to Monday
        (D(2026, 11, 2), D(2026, 11, 9), 5),  # Monday to Monday
        (D(2026, 11, 7), D(2026, 11, 9), 1),  # Saturday to Monday
        (D(2026, 11, 6), D(2026, 11, 8), 0),  # Friday to Sunday
        (D(2026, 11, 2), D(2026, 11, 30), 20),  # four weeks
        (D(2026, 11, 9), D(2026, 11, 6), -1),  # backwards
    ],
)
def test_working_days_count_monday_to_friday(start, end, days):
    assert working_days_between(start, end) == days


def test_percentile_is_nearest_rank():
    assert percentile(list(range(1, 11)), 0.9) == 9
    assert percentile([0, 1, 2, 5], 0.9) == 5
    assert percentile([7], 0.9) == 7


def at_noon(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


def dated_claim(world, *, meeting, submitted, approved=None, paid=None, status=None):
    from meetings.models import Meeting

    group = world.objects["group"]
    starts = at_noon(meeting)
    meeting_row = Meeting.objects.create(
        organisation=world.organisation,
        group=group,
        title=f"Meeting of {meeting}",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
    )
    status = status or ("paid" if paid else "approved" if approved else "submitted")
    claim = make_claim(
        MembershipFactory(group=group).person,
        meeting_row,
        status=status,
        submitted_at=at_noon(submitted),
        approved_at=at_noon(approved) if approved else None,
        approved_by=world.user("coordinator") if approved else None,
    )
    if paid:
        ExpenseClaim.objects.filter(pk=claim.pk).update(paid_on=paid, paid_at=at_noon(paid))
    return claim


@pytest.fixture
def example(world):
    """Four claims sent in November 2026 and one in October, worked out by hand:

    claim  meeting   sent      approved  paid      meeting>claim  claim>appr  appr>paid  claim>paid
    A      Mon 2     Mon 2     Wed 4     Fri 6     0              2           2          4
    B      Thu 5     Mon 9     Tue 10    Mon 16    2              1           4          5
    C      Fri 6     Fri 13    Fri 20    Mon 23    5              5           1          6
    D      Mon 9     Tue 10    -         -         1              -           -          -
    E      Thu 29 Oct, sent Fri 30 Oct (October)   1
    """
    dated_claim(
        world,
        meeting=D(2026, 11, 2),
        submitted=D(2026, 11, 2),
        approved=D(2026, 11, 4),
        paid=D(2026, 11, 6),
    )
    dated_claim(
        world,
        meeting=D(2026, 11, 5),
        submitted=D(2026, 11, 9),
        approved=D(2026, 11, 10),
        paid=D(2026, 11, 16),
    )
    dated_claim(
        world,
        meeting=D(2026, 11, 6),
        submitted=D(2026, 11, 13),
        approved=D(2026, 11, 20),
        paid=D(2026, 11, 23),
    )
    dated_claim(world, meeting=D(2026, 11, 9), submitted=D(2026, 11, 10))
    dated_claim(world, meeting=D(2026, 10, 29), submitted=D(2026, 10, 30))
    return world


def test_figures_match_the_hand_computed_example(example):
    months = prompt_figures(organisations=[example.organisation], today=TODAY)
    assert [row["month"] for row in months] == [D(2026, 11, 1), D(2026, 10, 1)]
    november = months[0]["figures"]
    # meeting to claim: 0, 1, 2, 5 -> median 1.5, 90th (rank 4 of 4) 5
    assert (november["meeting_to_claim"].count, november["meeting_to_claim"].median) == (4, 1.5)
    assert november["meeting_to_claim"].p90 == 5
    # claim to approval: 1, 2, 5 -> median 2, 90th (rank 3 of 3) 5
    assert (november["claim_to_approval"].median, november["claim_to_approval"].p90) == (2, 5)
    # approval to payment: 1, 2, 4 -> median 2, 90th 4
    assert (november["approval_to_payment"].median, november["approval_to_payment"].p90) == (2, 4)
    # claim to payment: 4, 5, 6 -> median 5, 90th 6
    assert (november["claim_to_payment"].median, november["claim_to_payment"].p90) == (5, 6)
    october = months[1]["figures"]
    assert october["meeting_to_claim"].median == 1
    assert october["claim_to_approval"] is None


def test_claims_at_risk_are_close_to_or_past_the_target(world):
    PaymentPolicy.objects.create(organisation=world.organisation, target_working_days=5)
    overdue = dated_claim(world, meeting=D(2026, 11, 9), submitted=D(2026, 11, 10))  # 10 days
    due_today = dated_claim(world, meeting=D(2026, 11, 16), submitted=D(2026, 11, 17))  # 5
    approved = dated_claim(
        world, meeting=D(2026, 11, 16), submitted=D(2026, 11, 18), approved=D(2026, 11, 19)
    )  # 4 days, 1 left
    dated_claim(world, meeting=D(2026, 11, 20), submitted=D(2026, 11, 23))  # 1 day: fine
    dated_claim(world, meeting=D(2026, 11, 2), submitted=D(2026, 11, 3), status="queried")
    found = claims_at_risk(organisations=[world.organisation], today=TODAY)
    assert [(item.claim, item.waited, item.overdue) for item in found] == [
        (overdue, 10, True),
        (due_today, 5, False),
        (approved, 4, False),
    ]


def test_prompt_payment_page_shows_figures_and_claims_at_risk(example, client):
    client.force_login(example.user("coordinator"))
    page = client.get(reverse("prompt-payment")).content.decode()
    assert "aims to pay claims within 5 working days" in page
    assert "November 2026" in page
    assert "median 1.5, 90th 5 (4)" in page


def test_prompt_payment_page_queries_stay_flat(world, client, assert_flat_queries):
    client.force_login(world.user("coordinator"))
    now = timezone.localdate()

    def grow(n):
        for i in range(n):
            dated_claim(
                world,
                meeting=now - datetime.timedelta(days=30 + i),
                submitted=now - datetime.timedelta(days=20),
                approved=now - datetime.timedelta(days=10),
                paid=now - datetime.timedelta(days=5),
            )
            dated_claim(
                world,
                meeting=now - datetime.timedelta(days=9),
                submitted=now - datetime.timedelta(days=8),
            )

    assert_flat_queries(lambda: client.get(reverse("prompt-payment")), grow=grow)
