"""The payment preference: accept, expenses only or decline, changeable any
time, recording that benefits advice was offered; the running total of
involvement payments for the UK tax year."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from expenses.models import ExpenseClaim, PaymentPolicy
from expenses.services import claims as services

from ._claims import attended, day_rate_policy

pytestmark = pytest.mark.django_db


def test_choice_is_recorded_with_advice_offered_and_can_change(world):
    person = world.objects["person"]
    first = services.payment_preference_set(person=person, choice="accept")
    assert first.advice_offered_at is not None
    second = services.payment_preference_set(person=person, choice="decline")
    assert second.pk == first.pk
    assert second.choice == "decline"
    assert second.chosen_at >= first.chosen_at


def test_changing_the_choice_updates_draft_claims_only(world):
    day_rate_policy(world)
    person = world.objects["person"]
    draft = services.claim_start(invitation=attended(world, title="Draft"))
    sent = services.claim_start(invitation=attended(world, title="Sent", days_ago=4))
    services.claim_line_add(claim=sent, kind="parking", amount=Decimal("2"))
    services.claim_submit(claim=sent)
    assert draft.involvement_payment == Decimal("75.00")
    services.payment_preference_set(person=person, choice="expenses_only")
    draft.refresh_from_db()
    sent.refresh_from_db()
    assert draft.involvement_payment == Decimal("0.00")
    assert sent.involvement_payment == Decimal("75.00")


def test_preference_page_shows_the_benefits_note_and_the_organisations_advice(world, login):
    PaymentPolicy.objects.create(
        organisation=world.organisation, benefits_advice="Ring the Testshire welfare rights line."
    )
    client = login(world.user("member"))
    page = client.get(reverse("payment-preference")).content.decode()
    assert "can affect some benefits" in page
    assert "Before you choose, ask a benefits adviser" in page
    assert "Ring the Testshire welfare rights line." in page
    response = client.post(reverse("payment-preference"), {"choice": "expenses_only"})
    assert response.status_code == 302
    assert world.objects["person"].payment_preference.choice == "expenses_only"
    error = client.post(reverse("payment-preference"), {}).content.decode()
    assert "Choose whether you want involvement payments" in error


def test_without_the_organisations_advice_the_page_says_who_to_ask(world, login):
    page = login(world.user("member")).get(reverse("payment-preference")).content.decode()
    assert "Ask Citizens Advice or your local welfare rights service" in page
    assert "ask your group's coordinator" in page


def _paid_claim(world, *, on: datetime.date, amount: str, status="paid", title=None):
    invitation = attended(world, title=title or f"Meeting {on}")
    starts = timezone.make_aware(datetime.datetime.combine(on, datetime.time(10)))
    invitation.meeting.starts_at = starts
    invitation.meeting.ends_at = starts + datetime.timedelta(hours=2)
    invitation.meeting.save()
    claim = services.claim_start(invitation=invitation)
    ExpenseClaim.objects.filter(pk=claim.pk).update(
        status=status,
        involvement_payment=Decimal(amount),
        approved_by=world.user("coordinator"),
        paid_at=timezone.now(),
        paid_on=on,
    )


def test_tax_year_total_counts_approved_and_paid_within_6_april_to_5_april(world):
    person = world.objects["person"]
    _paid_claim(world, on=datetime.date(2026, 4, 5), amount="75.00")  # previous tax year
    _paid_claim(world, on=datetime.date(2026, 4, 6), amount="150.00")  # first day
    _paid_claim(world, on=datetime.date(2027, 4, 5), amount="75.00", status="approved")  # last day
    _paid_claim(world, on=datetime.date(2027, 4, 6), amount="20.00")  # next tax year
    _paid_claim(world, on=datetime.date(2026, 9, 1), amount="33.00", status="rejected")
    total = services.tax_year_involvement_total(person=person, day=datetime.date(2026, 10, 1))
    assert total == Decimal("225.00")
    earlier = services.tax_year_involvement_total(person=person, day=datetime.date(2026, 4, 5))
    assert earlier == Decimal("75.00")
