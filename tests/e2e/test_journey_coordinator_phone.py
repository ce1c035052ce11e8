"""A coordinator and finance on a 390-pixel phone: the coordinator takes
attendance (a tapped name turns into the selected button) and approves a
claim with a photo receipt; finance marks a £2,250 claim paid and reads the
budgets. No page scrolls sideways; money reads with its separator."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import timezone

from expenses.models import ExpenseClaim
from meetings.models import Invitation
from tests.access.expenses_admin import add_receipt, make_claim, make_meeting
from tests.factories import MembershipFactory
from tests.meetings._scheduling import invite
from tests.meetings._scheduling import make_meeting as meeting_on

PHONE = {"width": 390, "height": 844}


def _fits(page, label):
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= PHONE["width"] + 1, f"{label}: the page is {width}px wide on a 390px phone"


def test_coordinator_takes_attendance_and_approves_a_claim_on_a_phone(world, as_user, url):
    group = world.objects["group"]
    meeting = meeting_on(group, at=timezone.now() - datetime.timedelta(minutes=5))
    arrived = invite(meeting, world.objects["person"], rsvp="attending")
    other = MembershipFactory(group=group).person
    invite(meeting, other, rsvp="apologies")
    claimant = MembershipFactory(group=group).person
    claim = make_claim(
        claimant,
        make_meeting(group, title="Planning day at Fellside library"),
        lines=(("taxi", Decimal("2250.00")),),
    )
    add_receipt(claim.lines.get())

    page = as_user(world.user("coordinator"))
    page.set_viewport_size(PHONE)
    page.goto(url("meeting-attendance", pk=meeting.pk))
    _fits(page, "Attendance")
    name = world.objects["person"].full_name
    button = page.locator(f"#invitation-{arrived.pk} button")
    assert button.get_attribute("aria-pressed") == "false"
    assert "nhsuk-button--secondary" in button.get_attribute("class")
    button.click()
    page.wait_for_load_state()
    button = page.locator(f"#invitation-{arrived.pk} button")
    assert button.get_attribute("aria-pressed") == "true"
    assert "nhsuk-button--secondary" not in button.get_attribute("class")
    assert f"{name}: here" in button.inner_text()
    _fits(page, "Attendance after a tap")
    assert Invitation.objects.get(pk=arrived.pk).attended is True

    page.goto(url("approval-queue"))
    _fits(page, "Claims to approve")
    page.goto(url("approval-claim", pk=claim.pk))
    _fits(page, "A claim to approve")
    assert "£2,250.00" in page.locator("main").inner_text()
    receipt = page.locator("img.involve-receipt-thumbnail")
    assert receipt.bounding_box()["width"] >= 150, "the receipt preview is big enough to read"
    assert page.get_by_role("link", name="Open the receipt full size").is_visible()
    page.get_by_role("button", name="Approve the claim").click()
    page.wait_for_load_state()
    _fits(page, "After approving")
    assert ExpenseClaim.objects.get(pk=claim.pk).status == "approved"


def test_finance_marks_a_claim_paid_and_reads_the_budgets_on_a_phone(world, as_user, url):
    group = world.objects["group"]
    claim = make_claim(
        MembershipFactory(group=group).person,
        make_meeting(group, title="Planning day at Fellside library"),
        status="approved",
        approved_by=world.user("coordinator"),
        lines=(("other", Decimal("2250.00")),),
    )
    page = as_user(world.user("finance"))
    page.set_viewport_size(PHONE)
    page.goto(url("payment-list"))
    _fits(page, "Claims to pay")
    assert "£2,250.00" in page.locator("main").inner_text()
    today = timezone.localdate()
    page.locator(f"input[name='claims'][value='{claim.pk}']").check()
    page.locator("input[name='paid_on_0']").fill(str(today.day))
    page.locator("input[name='paid_on_1']").fill(str(today.month))
    page.locator("input[name='paid_on_2']").fill(str(today.year))
    page.locator("input[name='method'][value='bank_transfer']").check()
    page.locator("input[name='reference']").fill("BACS-390")
    page.get_by_role("button", name="Mark as paid").click()
    page.wait_for_load_state()
    assert ExpenseClaim.objects.get(pk=claim.pk).status == "paid"
    _fits(page, "The payment run")

    page.goto(url("budget-overview"))
    _fits(page, "Budgets")
    assert page.get_by_text("scroll it sideways to see every month").is_visible()
    page.goto(url("prompt-payment"))
    _fits(page, "How quickly claims are paid")
