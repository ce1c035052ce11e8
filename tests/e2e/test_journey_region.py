"""A region commissioner's journey, in a real browser: they log in with their
password and the code from their authenticator app, open the region view from
the evaluation index, sort the groups, open one sharing organisation's figures
(suppressed, with no way on to its groups or people), and ask for the region's
impact report, built in the background, then download it: a PDF that names
the region."""

from __future__ import annotations

import io

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from pypdf import PdfReader

from evaluation import services
from evaluation.models import Region
from tests.factories import TEST_PASSWORD
from tests.platform.helpers import totp_code, wait_for_fresh_totp_period


@pytest.fixture
def region_commissioner(world, settings):
    settings.INVOLVE_REQUIRE_MFA_FOR_STAFF = True
    user = world.user("commissioner")
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    region = Region.objects.create(name="Northshire oversight board")
    region.commissioners.add(user)
    for organisation in (world.organisation, world.other_organisation):
        services.region_grant(
            organisation=organisation, region=region, granted_by=world.user("org_admin")
        )
    return user, secret, region


def test_region_commissioner_sorts_drills_in_and_downloads_the_report(
    world, region_commissioner, page, url
):
    user, secret, region = region_commissioner

    # Log in: the password, then the authenticator app's code.
    page.goto(url("account_login"))
    page.locator("main input[name='login']").fill(user.email)
    page.locator("main input[name='password']").fill(TEST_PASSWORD)
    page.locator("main").get_by_role("button", name="Log in").click()
    page.wait_for_load_state()
    wait_for_fresh_totp_period()
    page.locator("main input[name='code']").fill(totp_code(secret))
    page.locator("main button[type='submit']").first.click()
    page.wait_for_load_state()
    assert "/accounts/login" not in page.url

    # The region view, from the evaluation index.
    page.goto(url("evaluation-index"))
    page.locator("main a", has_text=region.name).click()
    page.wait_for_load_state()
    assert page.locator("h1").first.inner_text().strip() == "Region dashboard"
    main = page.locator("main").inner_text()
    assert world.organisation.name in main
    assert world.other_organisation.name in main

    # Sort the groups by active members.
    page.locator("main select#sort").select_option("members")
    page.locator("main").get_by_role("button", name="Show").click()
    page.wait_for_load_state()
    assert "sort=members" in page.url
    assert "sorted by active members" in page.locator("main caption").first.inner_text()

    # Drill into one organisation: its figures, and no way on to its groups.
    page.locator("main table a", has_text=world.organisation.name).first.click()
    page.wait_for_load_state()
    assert page.locator("h1").first.inner_text().strip() == world.organisation.name
    main = page.locator("main")
    assert "Headline figures" in main.inner_text()
    assert main.locator(f"a[href*='/evaluation/groups/{world.objects['group'].pk}/']").count() == 0
    assert main.locator("a[href*='/people/']").count() == 0
    assert world.objects["person"].full_name not in page.content()
    page.locator("main a", has_text="Back to the region dashboard").click()
    page.wait_for_load_state()

    # The region's impact report, built in the background, then downloaded.
    page.locator("main a", has_text="Impact report for the region").click()
    page.wait_for_load_state()
    page.locator("main input[name='period']").first.check()
    page.locator("main").get_by_role("button", name="Build the report").click()
    page.wait_for_load_state()
    with page.expect_download() as report:
        page.locator("main a", has_text="Download the report").click()
    with open(report.value.path(), "rb") as handle:
        content = handle.read()
    assert content.startswith(b"%PDF-")
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(content)).pages)
    assert "".join(region.name.split()) in "".join(text.split())
