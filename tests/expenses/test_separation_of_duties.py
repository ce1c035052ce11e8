"""Separation of duties on money: nobody pays their own claim, and nobody
approves a claim they entered or changed on the person's behalf. Refused in
the services (so every interface is covered) and shown on the pages."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from expenses.models import ExpenseClaim, PaymentRun
from expenses.services import approval, claims, payments
from involvement.errors import ApplicationError
from involvement.models import StaffRole
from tests.access.expenses_admin import PNG, make_claim, make_meeting
from tests.factories import MembershipFactory, PersonFactory, StaffRoleFactory

from ._claims import attended, other_member

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


# --- Nobody approves a claim they entered or changed for someone ------------


def paper_claim(world, *, by="coordinator"):
    """A paper claim entered, costed and sent by a coordinator for a member
    who does not use the web."""
    entered_by = world.user(by)
    claim = claims.claim_start(
        invitation=attended(world, person=other_member(world)), started_by=entered_by
    )
    claims.claim_line_add(claim=claim, kind="parking", amount=D("3.00"), by=entered_by)
    claims.claim_submit(claim=claim, by=entered_by)
    claim.refresh_from_db()
    return claim


def members_claim(world):
    """A draft the member started themselves, online."""
    claim = claims.claim_start(invitation=attended(world), started_by=world.user("member"))
    claims.claim_line_add(
        claim=claim, kind="public_transport", amount=D("4.60"), by=world.user("member")
    )
    return claim


def submit_as_member(world, claim):
    claims.claim_submit(claim=claim, by=world.user("member"))
    claim.refresh_from_db()
    return claim


def assert_cannot_approve(world, claim, role="coordinator"):
    with pytest.raises(ApplicationError) as refused:
        approval.claim_approve(claim=claim, by=world.user(role))
    assert refused.value.code == "entered_claim"
    claim.refresh_from_db()
    assert claim.status == Status.SUBMITTED and claim.approved_by is None


def test_the_coordinator_who_entered_a_paper_claim_cannot_approve_it(world):
    claim = paper_claim(world)
    assert claim.entered_by == world.user("coordinator")
    assert_cannot_approve(world, claim)


def test_entered_by_alone_is_enough_to_refuse(world):
    # A claim marked as entered by the coordinator, with no history by them.
    claim = make_claim(other_member(world), make_meeting(world.objects["group"]))
    ExpenseClaim.objects.filter(pk=claim.pk).update(entered_by=world.user("coordinator"))
    claim.refresh_from_db()
    assert_cannot_approve(world, claim)


def test_another_approver_approves_the_paper_claim(world):
    claim = paper_claim(world)
    approval.claim_approve(claim=claim, by=world.user("org_admin"))
    claim.refresh_from_db()
    assert claim.status == Status.APPROVED and claim.approved_by == world.user("org_admin")


def test_a_cost_added_for_the_member_bars_approving(world):
    claim = members_claim(world)
    claims.claim_line_add(
        claim=claim, kind="parking", amount=D("2.00"), by=world.user("coordinator")
    )
    assert_cannot_approve(world, submit_as_member(world, claim))


def test_a_cost_removed_for_the_member_bars_approving(world):
    claim = members_claim(world)
    claims.claim_line_remove(line=claim.lines.get(), by=world.user("coordinator"))
    claims.claim_line_add(claim=claim, kind="parking", amount=D("2.00"), by=world.user("member"))
    assert_cannot_approve(world, submit_as_member(world, claim))


def test_a_receipt_added_for_the_member_bars_approving(world):
    claim = members_claim(world)
    claims.claim_receipt_attach(
        line=claim.lines.get(),
        upload=SimpleUploadedFile("r.png", PNG),
        by=world.user("coordinator"),
    )
    assert_cannot_approve(world, submit_as_member(world, claim))


def test_sending_the_claim_for_the_member_bars_approving(world):
    claim = members_claim(world)
    claims.claim_submit(claim=claim, by=world.user("coordinator"))
    claim.refresh_from_db()
    assert_cannot_approve(world, claim)


def test_answering_a_question_for_the_member_bars_approving(world):
    claim = submit_as_member(world, members_claim(world))
    approval.claim_query(claim=claim, by=world.user("org_admin"), question="Which bus?")
    claims.claim_answer_query(claim=claim, answer="The 12, by phone", by=world.user("coordinator"))
    claim.refresh_from_db()
    assert_cannot_approve(world, claim)


def test_asking_a_question_is_a_decision_not_a_change(world):
    """The approver who queried approves once the member has answered."""
    claim = submit_as_member(world, members_claim(world))
    coordinator = world.user("coordinator")
    approval.claim_query(claim=claim, by=coordinator, question="Which bus?")
    claims.claim_answer_query(claim=claim, answer="The 12", by=world.user("member"))
    claim.refresh_from_db()
    approval.claim_approve(claim=claim, by=coordinator)
    claim.refresh_from_db()
    assert claim.status == Status.APPROVED


def test_the_member_changing_their_own_claim_records_nothing_extra(world):
    claim = members_claim(world)
    assert list(claim.events.values_list("to_status", flat=True)) == ["draft"]
    approval.claim_approve(claim=submit_as_member(world, claim), by=world.user("coordinator"))


def test_changes_for_the_member_are_in_the_claims_history(world):
    claim = members_claim(world)
    claims.claim_line_add(
        claim=claim, kind="parking", amount=D("2.00"), by=world.user("admin_support")
    )
    event = claim.events.get(by=world.user("admin_support"))
    assert (event.from_status, event.to_status) == ("draft", "draft")
    assert event.note == "Cost added on the person's behalf: parking, £2.00"


def test_the_rejecting_or_querying_enterer_is_not_refused(world):
    claim = paper_claim(world)
    approval.claim_query(claim=claim, by=world.user("coordinator"), question="Which car park?")
    claim.refresh_from_db()
    assert claim.status == Status.QUERIED


# --- Through the pages --------------------------------------------------------


def test_pages_record_changes_for_the_member_and_the_approval_page_refuses(world, login):
    claim = members_claim(world)
    coordinator = login(world.user("coordinator"))
    detail = reverse("claim-detail", kwargs={"public_id": claim.public_id})
    response = coordinator.post(detail, {"kind": "parking", "amount": "2.00"})
    assert response.status_code == 302
    submit_as_member(world, claim)

    url = reverse("approval-claim", kwargs={"pk": claim.pk})
    page = coordinator.get(url).content.decode()
    assert "you cannot approve it" in page
    assert "Approve the claim" not in page
    assert "Send the question" in page
    response = coordinator.post(url, {"action": "approve", "approve-note": ""})
    assert response.status_code == 200
    body = response.content.decode()
    assert "nhsuk-error-summary" in body and "you cannot approve it" in body
    claim.refresh_from_db()
    assert claim.status == Status.SUBMITTED


def test_a_receipt_or_removal_through_the_pages_is_recorded(world, login):
    claim = members_claim(world)
    line = claim.lines.get()
    coordinator = login(world.user("coordinator"))
    coordinator.post(
        reverse("claim-line-receipt", kwargs={"pk": line.pk}),
        {"receipt": SimpleUploadedFile("r.png", PNG)},
    )
    coordinator.post(reverse("claim-line-remove", kwargs={"pk": line.pk}))
    notes = list(claim.events.filter(by=world.user("coordinator")).values_list("note", flat=True))
    assert notes == [
        "Receipt added on the person's behalf: bus, train or tram fare, £4.60",
        "Cost removed on the person's behalf: bus, train or tram fare, £4.60",
    ]


def test_a_paper_claim_entered_through_the_pages_cannot_be_approved_by_its_enterer(world, login):
    person = other_member(world)
    invitation = attended(world, person=person)
    coordinator = login(world.user("coordinator"))
    coordinator.post(reverse("claim-start", kwargs={"pk": invitation.pk}))
    claim = ExpenseClaim.objects.get(person=person)
    coordinator.post(
        reverse("claim-detail", kwargs={"public_id": claim.public_id}),
        {"kind": "parking", "amount": "3.00"},
    )
    coordinator.post(reverse("claim-check", kwargs={"public_id": claim.public_id}))
    response = coordinator.post(
        reverse("approval-claim", kwargs={"pk": claim.pk}), {"action": "approve"}
    )
    assert "you cannot approve it" in response.content.decode()
    claim.refresh_from_db()
    assert claim.status == Status.SUBMITTED


def test_the_member_sees_the_question_not_a_later_change(world, login):
    claim = submit_as_member(world, members_claim(world))
    approval.claim_query(claim=claim, by=world.user("org_admin"), question="Which bus was it?")
    claim.refresh_from_db()
    claims.claim_line_add(
        claim=claim, kind="parking", amount=D("2.00"), by=world.user("coordinator")
    )
    member = login(world.user("member"))
    answer_page = member.get(reverse("claim-answer", kwargs={"public_id": claim.public_id}))
    assert "Which bus was it?" in answer_page.content.decode()
