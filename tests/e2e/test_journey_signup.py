"""A new person creates an account, confirms their email address, arrives on
their home page, and logs out: in a real browser, through the pages' own links,
forms and buttons."""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress

# Where the journey leaves its screenshot of the home page.
SCREENSHOT_DIR = Path(os.environ.get("INVOLVE_E2E_SCREENSHOTS", tempfile.gettempdir()))

NEW_PASSWORD = "Blue-kettle-on-the-hill-42"


@pytest.fixture(autouse=True)
def room_under_the_rate_limits(settings):
    """This journey is not about rate limits, but allauth counts them in the
    cache: per IP address for sign-ups (every test signs up from 127.0.0.1), and
    per address for verification emails (over the limit it silently sends
    none). A Redis cache outlives the run, so a rerun would count too. A new
    limit is counted under a new key, so these start from zero."""
    settings.ACCOUNT_RATE_LIMITS = {
        **settings.ACCOUNT_RATE_LIMITS,
        "signup": "1000/m/ip",
        "confirm_email": "1000/m/key",
    }


def test_new_person_signs_up_confirms_email_and_logs_out(page, url, mailoutbox):
    email = "sam.new-member@example.org"
    page.goto(url("home"))
    main = page.get_by_role("main")
    main.get_by_role("link", name="Create an account").click()
    assert page.url == url("account_signup")

    page.get_by_label("Full name").fill("Sam Newmember")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Create a password").fill(NEW_PASSWORD)
    page.get_by_label("Type your password again").fill(NEW_PASSWORD)
    main.get_by_role("button").click()

    # Told to check their email; not logged in yet.
    page.wait_for_url(url("account_email_verification_sent"))
    assert page.get_by_role("button", name="Log out").count() == 0
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == [email]
    links = re.findall(r"https?://\S+/accounts/confirm-email/\S+/", message.body)
    assert len(links) == 1, message.body
    assert links[0].startswith(url("home")), "the link points at this site"

    page.goto(links[0])
    assert email in page.get_by_role("main").inner_text()
    page.get_by_role("main").get_by_role("button").click()

    # Confirming logs them in and lands them on their home page.
    page.wait_for_url(url("home"))
    heading = page.get_by_role("heading", level=1).inner_text()
    assert heading.startswith("Hello")
    assert "Sam" in heading and email not in heading, "greeted by name, not by email"
    assert EmailAddress.objects.get(email=email).verified
    screenshot = SCREENSHOT_DIR / "e2e-home.png"
    page.screenshot(path=str(screenshot), full_page=True)
    assert screenshot.stat().st_size > 0

    page.get_by_role("banner").get_by_role("button", name="Log out").click()

    page.wait_for_url(url("home"))
    assert page.get_by_role("banner").get_by_role("link", name="Log in").is_visible()
    assert page.get_by_role("button", name="Log out").count() == 0
    assert page.get_by_role("heading", level=1).inner_text().startswith("Have your say")
    # The session is really gone: account pages ask them to log in again.
    page.goto(url("account_settings"))
    assert page.url.startswith(url("account_login"))
