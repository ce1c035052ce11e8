"""A bus-fare claim on a phone-sized screen: from "Your claims" to "Claim
sent" in a handful of pages, each page free of serious accessibility failures
and without sideways scrolling at 320 pixels wide."""

from __future__ import annotations

from ..access.expenses_claims import attended_invitation

PHONE = {"width": 320, "height": 640}


def _fits_the_screen(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_bus_fare_claim_on_a_phone(world, as_user, url, assert_no_serious_violations):
    invitation = attended_invitation(world)
    page = as_user(world.user("member"))
    page.set_viewport_size(PHONE)

    page.goto(url("claim-list"))
    assert _fits_the_screen(page)
    assert_no_serious_violations(page, "Your claims on a phone")
    page.get_by_role("button", name="Claim expenses").click()
    page.wait_for_load_state()

    assert invitation.meeting.title in page.locator("main").inner_text()
    assert _fits_the_screen(page)
    assert_no_serious_violations(page, "A claim on a phone")
    page.get_by_label("Bus, train or tram fare").check()
    page.get_by_label("Amount in pounds").fill("4.60")
    page.get_by_role("button", name="Add this cost").click()
    page.wait_for_load_state()

    page.get_by_role("button", name="Check and send your claim").click()
    page.wait_for_load_state()
    assert "£4.60" in page.locator("main").inner_text()
    assert _fits_the_screen(page)
    assert_no_serious_violations(page, "Check your claim on a phone")
    page.get_by_role("button", name="Send your claim").click()
    page.wait_for_load_state()

    assert page.locator("h1").inner_text() == "Claim sent"
    assert _fits_the_screen(page)
    invitation.refresh_from_db()
    assert invitation.claims.get().status == "submitted"
