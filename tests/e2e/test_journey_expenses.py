"""An expenses claim from start to paid, in a real browser on a phone-sized
screen: the member claims a bus fare for a meeting they came to, the
coordinator asks a question, the member answers and sends it again, the
coordinator approves it and finance marks it paid in a payment run."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from expenses.models import ExpenseClaim, PaymentPreference, PaymentRun
from meetings.models import Invitation, Meeting

PHONE = {"width": 375, "height": 740}


@pytest.fixture
def attended_meeting(world):
    starts = timezone.now() - datetime.timedelta(days=1)
    meeting = Meeting.objects.create(
        organisation=world.organisation,
        group=world.objects["group"],
        title="Autumn group meeting",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
    )
    person = world.objects["person"]
    Invitation.objects.create(meeting=meeting, person=person, rsvp="attending", attended=True)
    now = timezone.now()
    PaymentPreference.objects.create(
        person=person, choice="expenses_only", advice_offered_at=now, chosen_at=now
    )
    return meeting


def fits_the_screen(page) -> bool:
    return page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_claim_query_resubmit_approve_and_pay_on_a_phone(
    world, attended_meeting, as_user, url, assert_no_serious_violations
):
    page = as_user(world.user("member"))
    page.set_viewport_size(PHONE)

    # The member claims a bus fare.
    page.goto(url("claim-list"))
    page.get_by_role("button", name="Claim expenses").first.click()
    page.wait_for_load_state()
    page.get_by_label("Bus, train or tram fare").check()
    page.locator("input[name='amount']").fill("4.80")
    page.get_by_role("button", name="Add this cost").click()
    page.wait_for_load_state()
    page.get_by_role("button", name="Check and send your claim").click()
    page.wait_for_load_state()
    page.get_by_role("button", name="Send your claim").click()
    page.wait_for_load_state()
    claim = ExpenseClaim.objects.get(meeting=attended_meeting)
    assert claim.status == "submitted"

    # The coordinator asks a question.
    as_user(world.user("coordinator"))
    page.goto(url("approval-queue"))
    assert page.get_by_text("Autumn group meeting").first.is_visible()
    assert_no_serious_violations(page, "Claims to approve on a phone")
    assert fits_the_screen(page), "the queue fits a phone's width"
    page.get_by_role("link", name="Decide on this claim").first.click()
    page.wait_for_load_state()
    page.locator("#id_query-question").fill("Was the £4.80 for a return ticket?")
    page.get_by_role("button", name="Send the question").click()
    page.wait_for_load_state()
    claim.refresh_from_db()
    assert claim.status == "queried"

    # The member answers and sends the claim again.
    as_user(world.user("member"))
    page.goto(url("claim-detail", public_id=claim.public_id))
    assert page.get_by_text("Was the £4.80 for a return ticket?").first.is_visible()
    page.get_by_role("link", name="Answer the question and send your claim again").click()
    page.wait_for_load_state()
    page.locator("textarea[name='answer']").fill("Yes, a day return on the 42 bus.")
    page.get_by_role("button", name="Send your answer and your claim").click()
    page.wait_for_load_state()
    claim.refresh_from_db()
    assert claim.status == "submitted"

    # The coordinator approves it.
    as_user(world.user("coordinator"))
    page.goto(url("approval-claim", pk=claim.pk))
    assert page.get_by_text("Yes, a day return on the 42 bus.").first.is_visible()
    page.get_by_role("button", name="Approve the claim").click()
    page.wait_for_load_state()
    claim.refresh_from_db()
    assert claim.status == "approved"

    # Finance marks it paid.
    as_user(world.user("finance"))
    page.goto(url("payment-list"))
    assert_no_serious_violations(page, "Claims to pay on a phone")
    assert fits_the_screen(page), "the list of claims to pay fits a phone's width"
    today = timezone.localdate()
    page.locator(f"input[name='claims'][value='{claim.pk}']").check()
    page.locator("input[name='paid_on_0']").fill(str(today.day))
    page.locator("input[name='paid_on_1']").fill(str(today.month))
    page.locator("input[name='paid_on_2']").fill(str(today.year))
    page.locator("input[name='method'][value='bank_transfer']").check()
    page.locator("input[name='reference']").fill("BACS-PHONE-1")
    page.get_by_role("button", name="Mark as paid").click()
    page.wait_for_load_state()
    claim.refresh_from_db()
    assert claim.status == "paid"
    assert claim.payment_run == PaymentRun.objects.get(reference="BACS-PHONE-1")
    assert page.get_by_role("heading", name="Payment run BACS-PHONE-1").is_visible()

    # The member sees it paid.
    as_user(world.user("member"))
    page.goto(url("claim-list"))
    assert page.get_by_text("Paid").first.is_visible()
    assert fits_the_screen(page)
    assert [e.to_status for e in claim.events.order_by("at", "id")] == [
        "draft",
        "submitted",
        "queried",
        "submitted",
        "approved",
        "paid",
    ]
