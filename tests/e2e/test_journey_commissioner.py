"""A commissioner's journey, in a real browser: they log in with their
password and the code from their authenticator app (as all staff must),
open their organisation's impact dashboard, read a chart's data table,
download the figures (CSV and XLSX) and the impact report (built in the
background, a PDF), and cannot open a person's page."""

from __future__ import annotations

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.utils import timezone

from evaluation import services
from evaluation.selectors import add_months, month_start
from tests.factories import TEST_PASSWORD
from tests.platform.helpers import totp_code, wait_for_fresh_totp_period


@pytest.fixture
def commissioner(world, settings):
    settings.INVOLVE_REQUIRE_MFA_FOR_STAFF = True
    user = world.user("commissioner")
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    objective = services.objective_create(
        organisation=world.organisation,
        group=world.objects["group"],
        title="Members feel listened to",
        term="short",
        owner="Group coordinator",
    )
    measure = services.measure_create(
        objective=objective,
        name="Members who feel listened to",
        method="Show of hands at each meeting.",
        source="entered",
        direction="up",
    )
    this_month = month_start(timezone.localdate())
    for back, value in enumerate((61, 58, 64, 60, 66, 63)):
        services.reading_record(
            measure=measure, month=add_months(this_month, -back - 1), value=value
        )
    return user, secret


def test_commissioner_reads_the_dashboard_downloads_and_sees_no_person(
    world, commissioner, page, url
):
    user, secret = commissioner

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

    # The organisation's impact dashboard, and a chart's data table.
    page.goto(url("evaluation-dashboard", pk=world.organisation.pk))
    assert page.locator("h1").first.inner_text().strip()
    assert page.locator("main svg").count() >= 1
    summary = page.locator("main summary", has_text="Data table: Members who feel listened to")
    summary.click()
    table = page.locator("main details[open] table").first
    assert table.is_visible()
    assert "66" in table.inner_text()

    # The figures as CSV and as a spreadsheet.
    with page.expect_download() as csv_download:
        page.locator("main a", has_text="Download these figures (CSV)").click()
    assert csv_download.value.suggested_filename.endswith(".csv")
    with open(csv_download.value.path(), encoding="utf-8-sig") as handle:
        assert handle.readline().strip() == "Section,Figure,Value"
    with page.expect_download() as xlsx_download:
        page.locator("main a", has_text="Download these figures (XLSX").click()
    assert xlsx_download.value.suggested_filename.endswith(".xlsx")

    # The impact report, built in the background, then downloaded.
    page.locator("main a", has_text="Impact report (PDF)").click()
    page.wait_for_load_state()
    page.locator("main input[name='period']").first.check()
    page.locator("main").get_by_role("button", name="Build the report").click()
    page.wait_for_load_state()
    with page.expect_download() as report:
        page.locator("main a", has_text="Download the report").click()
    with open(report.value.path(), "rb") as handle:
        assert handle.read(5) == b"%PDF-"

    # A person's page is not for commissioners.
    response = page.goto(url("person-detail", pk=world.objects["person"].pk))
    assert response.status in (403, 404)
    assert "Marian Testwell" not in page.content()
