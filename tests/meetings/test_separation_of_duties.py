"""Separation of duties on money: nobody pays their own claim. Refused in the
service (so every interface is covered) and shown on the page."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from involvement.errors import ApplicationError
from involvement.models import StaffRole
from meetings.models import ExpenseClaim, PaymentRun
from meetings.services import payments
from tests.access.expenses_admin import make_claim, make_meeting
from tests.factories import MembershipFactory, PersonFactory, StaffRoleFactory

from ._claims import other_member

pytestmark = pytest.mark.django_db
Status = ExpenseClaim.Status
D = Decimal


def own_person(world, role):
    """The staff user of `role` is also a member of the world's group."""
    person = PersonFactory(user=world.user(role))
    MembershipFactory(person=person, group=world.objects["group"])
    return person


def approved(world, person, title="Group meeting"):
    return make_claim(
        person,
        make_meeting(world.objects["group"], title=title),
        status="approved",
        approved_by=world.user("coordinator"),
    )


def pay(world, claim_list, *, by="finance"):
    return payments.claims_mark_paid(
        organisation=world.organisation,
        claim_ids=[claim.pk for claim in claim_list],
        by=world.user(by),
        paid_on=timezone.localdate(),
        method="bank_transfer",
        reference="BACS-7",
    )


# --- Nobody pays their own claim --------------------------------------------


def test_finance_cannot_mark_their_own_claim_paid(world):
    claim = approved(world, own_person(world, "finance"))
    with pytest.raises(ApplicationError) as refused:
        pay(world, [claim])
    assert refused.value.code == "own_claim"
    assert "You cannot mark your own claim as paid" in refused.value.message
    claim.refresh_from_db()
    assert claim.status == Status.APPROVED and claim.payment_run is None
    assert not PaymentRun.objects.exists()


def test_a_batch_with_ones_own_claim_is_refused_whole(world):
    mine = approved(world, own_person(world, "finance"), title="My meeting")
    theirs = approved(world, other_member(world))
    with pytest.raises(ApplicationError, match="My meeting"):
        pay(world, [theirs, mine])
    for claim in (mine, theirs):
        claim.refresh_from_db()
        assert claim.status == Status.APPROVED
    assert not PaymentRun.objects.exists()


def test_a_single_own_claim_is_refused_too(world):
    claim = approved(world, own_person(world, "finance"))
    with pytest.raises(ApplicationError) as refused:
        payments.claim_mark_paid(
            claim=claim,
            by=world.user("finance"),
            paid_on=timezone.localdate(),
            method="cash",
            reference="CASH-1",
        )
    assert refused.value.code == "own_claim"


def test_another_finance_colleague_pays_it(world):
    claim = approved(world, own_person(world, "finance"))
    colleague = StaffRoleFactory(organisation=world.organisation, role=StaffRole.Role.FINANCE).user
    run = payments.claims_mark_paid(
        organisation=world.organisation,
        claim_ids=[claim.pk],
        by=colleague,
        paid_on=timezone.localdate(),
        method="bank_transfer",
        reference="BACS-8",
    )
    assert list(run.claims.all()) == [claim]


def test_the_payments_page_shows_the_refusal_and_keeps_the_ticks(world, login):
    claim = approved(world, own_person(world, "finance"))
    client = login(world.user("finance"))
    response = client.post(
        reverse("payment-list"),
        {
            "claims": [str(claim.pk)],
            "paid_on_0": str(timezone.localdate().day),
            "paid_on_1": str(timezone.localdate().month),
            "paid_on_2": str(timezone.localdate().year),
            "method": "bank_transfer",
            "reference": "BACS-9",
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "nhsuk-error-summary" in page
    assert "You cannot mark your own claim as paid" in page
    assert 'value="BACS-9"' in page
    assert f'name="claims" type="checkbox" value="{claim.pk}" checked' in page
    claim.refresh_from_db()
    assert claim.status == Status.APPROVED
