"""Regions: an organisation admin shares the organisation's aggregate figures
with a region (and stops, through a confirmation page); the region's
commissioners compare every sharing organisation's groups side by side, with
small numbers suppressed (primary and secondary) and nothing about any
person; a revoked grant takes the organisation's groups off the region and
its own page is gone; queries stay flat as organisations and groups grow."""

from __future__ import annotations

import datetime
import io

import pytest
import time_machine
from django.urls import reverse
from django.utils.html import escape
from pypdf import PdfReader

from evaluation import region_figures, selectors, services
from evaluation.models import Region, RegionGrant, ReportJob, StandardAssessment
from tests.factories import GroupFactory, MembershipFactory, OrganisationFactory, UserFactory
from workplans.models import FeedbackItem

from .helpers import aware, meeting_on, paid_claim

pytestmark = pytest.mark.django_db
D = datetime.date
TODAY = datetime.datetime(2026, 6, 15, 10, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(TODAY, tick=False):
        yield


def _active_to(group, n):
    while group.memberships.filter(status="active").count() < n:
        MembershipFactory(group=group, status="active")


@pytest.fixture
def region(world):
    """Both organisations share with the region. North's group has 6 active
    members, attendance 4 of 5, five claims paid (four within the 5-day
    target), two "you said" points (one answered in time); North's small
    panel has 2 active members; South's group has 9."""
    commissioner = UserFactory(full_name="Rhian Commissioner")
    region = Region.objects.create(name="East Testshire commissioners")
    region.commissioners.add(commissioner)
    for organisation in (world.organisation, world.other_organisation):
        services.region_grant(
            organisation=organisation, region=region, granted_by=world.user("org_admin")
        )
    group = world.objects["group"]
    _active_to(group, 6)
    small = GroupFactory(organisation=world.organisation, name="Young Adults Panel")
    _active_to(small, 2)
    _active_to(world.objects["other_group"], 9)
    meeting_on(group, D(2026, 5, 12), came=4, missed=1)
    approver = world.user("coordinator")
    # Sent Monday 4 May: paid Monday 11 May is 5 working days, 25 May is 15.
    for paid in (D(2026, 5, 11),) * 4 + (D(2026, 5, 25),):
        paid_claim(
            group,
            meeting_day=D(2026, 5, 1),
            submitted=D(2026, 5, 4),
            paid=paid,
            approver=approver,
        )
    base = {"group": group, "said_on": D(2026, 3, 1), "moderation": "accepted"}
    FeedbackItem.objects.create(
        text="A", due_on=D(2026, 4, 10), answered_at=aware(D(2026, 4, 9)), **base
    )
    FeedbackItem.objects.create(
        text="B", due_on=D(2026, 4, 10), answered_at=aware(D(2026, 4, 20)), **base
    )
    for year, rating in ((2025, 2), (2026, 4)):
        StandardAssessment.objects.create(
            group=group, year=year, standard="inclusive", rating=rating, evidence="Outreach."
        )
    return {"region": region, "commissioner": commissioner, "group": group, "small": small}


def _dashboard(region, **kwargs):
    return region_figures.region_dashboard(
        region=region, months=selectors.months_back(months=12), **kwargs
    )


def test_figures_match_the_hand_computed_fixture(world, region):
    dashboard = _dashboard(region["region"])
    rows = {row.group.name: row for row in dashboard.rows}
    assert set(rows) == {
        "Testshire Diabetes Voices",
        "Young Adults Panel",
        "South Testshire Voices",
    }
    voices = rows["Testshire Diabetes Voices"]
    # 4 of 5 at the May meeting; each claim's meeting counted its claimant as come.
    assert (voices.came, voices.taken) == (9, 10)
    assert voices.attendance_shown == "90%"
    assert voices.feedback_shown == "50%"
    assert (voices.claims_paid, voices.claims_in_target) == (5, 4)
    assert voices.claims_shown == "80%"
    assert dict(voices.standards)["Inclusive opportunities"] == "Well established"
    assert dict(voices.standards)["Impact"] == "Not rated"
    assert rows["South Testshire Voices"].active_shown == "9"
    assert rows["South Testshire Voices"].within_target is False  # 10 to 14 by default
    assert dashboard.active_total == 17
    assert dashboard.active_total_shown == "17"
    assert len(dashboard.organisations) == 2


def test_small_numbers_are_suppressed_with_a_second_cell(world, region):
    rows = {row.group.name: row for row in _dashboard(region["region"]).rows}
    assert rows["Young Adults Panel"].active_shown == "fewer than 5"
    assert rows["Young Adults Panel"].within_target_shown == "Not shown"
    # One hidden cell beside a shown total: the smallest other (6) is hidden too.
    assert rows["Testshire Diabetes Voices"].active_shown == "Hidden to protect a small number"
    assert rows["Testshire Diabetes Voices"].within_target is None
    # A rate from fewer than 5 people is not shown; no attendance says so.
    assert rows["South Testshire Voices"].attendance_shown == "No attendance taken"
    assert rows["Young Adults Panel"].claims_shown == "No claims paid"


def test_rates_from_few_people_are_not_shown(world, region):
    meeting_on(region["small"], D(2026, 5, 20), came=2, missed=1)
    rows = {row.group.name: row for row in _dashboard(region["region"]).rows}
    assert rows["Young Adults Panel"].attendance_shown == "Too few to show"
    assert rows["Young Adults Panel"].attendance_position == "Not shown"


def test_funnel_position_against_the_region():
    assert region_figures.funnel_position(came=50, taken=50, region_rate=60) == (
        "Above the region's expected range"
    )
    assert region_figures.funnel_position(came=10, taken=50, region_rate=60) == (
        "Below the region's expected range"
    )
    # 4 of 6 is 67%: well within three standard errors of 60% for so few.
    assert region_figures.funnel_position(came=4, taken=6, region_rate=60) == (
        "Within the region's expected range"
    )
    assert region_figures.funnel_position(came=1, taken=3, region_rate=60) == "Not shown"


def test_sorting_puts_hidden_counts_last(world, region):
    rows = _dashboard(region["region"], sort="members").rows
    assert [row.group.name for row in rows][0] == "South Testshire Voices"
    rows = _dashboard(region["region"], sort="attendance").rows
    assert rows[0].group.name == "Testshire Diabetes Voices"


def test_filter_by_kind_of_organisation(world, region):
    world.other_organisation.kind = "charity"
    world.other_organisation.save(update_fields=["kind"])
    dashboard = _dashboard(region["region"], kind="charity")
    assert [row.group.name for row in dashboard.rows] == ["South Testshire Voices"]


def test_the_page_shows_groups_and_no_one(world, region, login):
    client = login(region["commissioner"])
    url = reverse("region-dashboard", args=[region["region"].pk])
    response = client.get(url, {"period": "12", "sort": "attendance"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Testshire Diabetes Voices" in page
    assert "South Testshire Voices" in page
    assert "fewer than 5" in page
    assert "Hidden to protect a small number" in page
    assert "sorted by attendance rate" in page
    assert escape(world.objects["person"].full_name) not in page
    members = world.objects["group"].memberships.select_related("person")
    assert not any(escape(m.person.full_name) in page for m in members)
    csv = client.get(reverse("region-dashboard-csv", args=[region["region"].pk])).content
    text = csv.decode("utf-8-sig")
    assert "fewer than 5" in text
    assert "Hidden to protect a small number" in text
    assert not any(m.person.full_name in text for m in members)


def test_the_index_lists_the_region(world, region, login):
    page = login(region["commissioner"]).get(reverse("evaluation-index")).content.decode()
    assert reverse("region-dashboard", args=[region["region"].pk]) in page


def test_only_the_region_commissioners_see_it(world, region, login):
    url = reverse("region-dashboard", args=[region["region"].pk])
    assert login(UserFactory()).get(url).status_code == 404
    assert login(world.user("coordinator")).get(url).status_code == 404
    # Nothing else of the organisations opens for the region's commissioner.
    client = login(region["commissioner"])
    org_url = reverse("evaluation-dashboard", args=[world.organisation.pk])
    assert client.get(org_url).status_code == 404
    assert client.get(reverse("region-sharing", args=[world.organisation.pk])).status_code == 404


def test_an_organisation_admin_shares_and_stops_sharing(world, region, login):
    other_region = Region.objects.create(name="West Testshire oversight")
    client = login(world.user("org_admin"))
    url = reverse("region-sharing", args=[world.organisation.pk])
    page = client.get(url).content.decode()
    assert "East Testshire commissioners" in page
    # Nothing chosen: the form comes back with our own words.
    response = client.post(url, {})
    assert "Select the region to share the figures with" in response.content.decode()
    response = client.post(url, {"region": str(other_region.pk)})
    assert response.status_code == 302
    assert RegionGrant.objects.filter(
        region=other_region, organisation=world.organisation, revoked_at__isnull=True
    ).exists()

    grant = RegionGrant.objects.get(
        region=region["region"], organisation=world.organisation, revoked_at__isnull=True
    )
    stop = reverse("region-grant-revoke", args=[grant.pk])
    confirm_page = client.get(stop)
    assert confirm_page.status_code == 200
    assert (
        "Stop sharing figures with East Testshire commissioners?" in confirm_page.content.decode()
    )
    grant.refresh_from_db()
    assert grant.revoked_at is None  # GET changes nothing
    assert client.post(stop).status_code == 302
    grant.refresh_from_db()
    assert grant.revoked_at is not None and grant.revoked_by == world.user("org_admin")
    # A revoked grant is gone.
    assert client.get(stop).status_code == 404
    assert client.post(stop).status_code == 404
    # The region no longer sees the organisation's groups.
    rows = _dashboard(region["region"]).rows
    assert [row.group.name for row in rows] == ["South Testshire Voices"]
    page = login(region["commissioner"]).get(
        reverse("region-dashboard", args=[region["region"].pk])
    )
    assert "Testshire Diabetes Voices" not in page.content.decode()


def test_other_staff_may_not_share(world, region, login):
    url = reverse("region-sharing", args=[world.organisation.pk])
    grant = RegionGrant.objects.get(region=region["region"], organisation=world.organisation)
    stop = reverse("region-grant-revoke", args=[grant.pk])
    for role in ("coordinator", "commissioner", "finance"):
        client = login(world.user(role))
        assert client.get(url).status_code == 403
        assert client.post(stop).status_code == 403
    client = login(world.user("other_org"))
    assert client.get(url).status_code == 404
    assert client.post(stop).status_code == 404
    grant.refresh_from_db()
    assert grant.revoked_at is None


def test_sharing_twice_is_refused(world, region):
    with pytest.raises(Exception, match="already shares"):
        services.region_grant(organisation=world.organisation, region=region["region"])


def test_region_queries_stay_flat_as_organisations_grow(
    world, region, login, assert_flat_queries, django_assert_max_num_queries
):
    client = login(region["commissioner"])
    url = reverse("region-dashboard", args=[region["region"].pk])
    approver = world.user("coordinator")

    def grow(n):
        for i in range(n):
            organisation = OrganisationFactory()
            services.region_grant(organisation=organisation, region=region["region"])
            for _ in range(2):
                group = GroupFactory(organisation=organisation)
                _active_to(group, 6)
                meeting_on(group, D(2026, 3, 1) + datetime.timedelta(days=i), came=4, missed=2)
                paid_claim(
                    group,
                    meeting_day=D(2026, 4, 1),
                    submitted=D(2026, 4, 6),
                    paid=D(2026, 4, 9),
                    approver=approver,
                )
                FeedbackItem.objects.create(
                    group=group,
                    text="Later letters",
                    said_on=D(2026, 3, 1),
                    due_on=D(2026, 4, 1),
                    moderation="accepted",
                )
                StandardAssessment.objects.create(
                    group=group, year=2026, standard="impact", rating=3, evidence="Notes."
                )

    small = assert_flat_queries(lambda: client.get(url), grow=grow)
    # And at both sizes within a fixed bound.
    with django_assert_max_num_queries(small):
        assert client.get(url).status_code == 200
    grow(10)
    with django_assert_max_num_queries(small):
        assert client.get(url).status_code == 200


# --- the figures API ----------------------------------------------------------------


def _api(user):
    from rest_framework.test import APIClient

    client = APIClient()
    client.force_authenticate(user)
    return client


def test_the_region_api_is_suppressed_like_the_page(world, region):
    url = reverse("api-region-figures-detail", args=[region["region"].pk])
    response = _api(region["commissioner"]).get(url, {"period": "12"})
    assert response.status_code == 200, response.content
    body = response.json()
    groups = {g["name"]: g for g in body["groups"]}
    assert groups["Young Adults Panel"]["active_members"] is None
    assert groups["Young Adults Panel"]["active_members_shown"] == "fewer than 5"
    assert groups["Testshire Diabetes Voices"]["active_members"] is None  # secondary
    assert groups["South Testshire Voices"]["active_members"] == 9
    assert groups["Testshire Diabetes Voices"]["attendance_rate"] == 90.0
    assert groups["Testshire Diabetes Voices"]["claims_paid_in_time_rate"] == 80.0
    assert groups["Testshire Diabetes Voices"]["standards"]["Inclusive opportunities"] == (
        "Well established"
    )
    assert body["active_members_shown"] == "17"
    assert body["worked_out_at"].startswith("2026-06-15T11:00:00")  # London time
    text = response.content.decode()
    members = world.objects["group"].memberships.select_related("person")
    assert not any(m.person.full_name in text for m in members)
    listed = _api(region["commissioner"]).get(reverse("api-region-figures-list")).json()
    assert [r["name"] for r in listed] == ["East Testshire commissioners"]


def test_the_region_api_is_scoped_and_a_revoked_grant_takes_the_groups_off(world, region):
    url = reverse("api-region-figures-detail", args=[region["region"].pk])
    assert _api(UserFactory()).get(url).status_code == 404
    assert _api(world.user("commissioner")).get(url).status_code == 404
    assert _api(UserFactory()).get(reverse("api-region-figures-list")).json() == []
    grant = RegionGrant.objects.get(region=region["region"], organisation=world.organisation)
    services.region_grant_revoke(grant=grant)
    names = [g["name"] for g in _api(region["commissioner"]).get(url).json()["groups"]]
    assert names == ["South Testshire Voices"]
    # The region's commissioner never reads the organisation's own figures.
    org_url = reverse("api-organisation-figures-detail", args=[world.organisation.pk])
    assert _api(region["commissioner"]).get(org_url).status_code == 404


def test_the_organisation_api_is_scoped_and_suppressed(world, region):
    url = reverse("api-organisation-figures-detail", args=[world.organisation.pk])
    body = _api(world.user("commissioner")).get(url, {"period": "12"}).json()
    assert body["counts_exact"] is False
    groups = {g["name"]: g for g in body["groups"]}
    assert groups["Young Adults Panel"]["active_members"] is None
    assert groups["Young Adults Panel"]["active_members_shown"] == "fewer than 5"
    figures = {(f["section"], f["figure"]): f["value"] for f in body["figures"]}
    assert figures[("Group: Young Adults Panel", "Active members")] == "fewer than 5"
    exact = _api(world.user("coordinator")).get(url).json()
    assert {g["name"]: g for g in exact["groups"]}["Young Adults Panel"]["active_members"] == 2
    assert _api(world.user("finance")).get(url).status_code == 403
    assert _api(world.user("other_org")).get(url).status_code == 404
    assert _anonymous_api().get(url).status_code == 401


def _anonymous_api():
    from rest_framework.test import APIClient

    return APIClient()


def test_the_figures_api_is_in_the_openapi_schema(client, db):
    schema = client.get(reverse("api-schema"), {"format": "json"}).json()
    assert "/api/evaluation/organisations/{id}/" in schema["paths"]
    assert "/api/evaluation/regions/{id}/" in schema["paths"]
    properties = schema["components"]["schemas"]["RegionGroup"]["properties"]
    assert {"active_members", "attendance_rate", "claims_paid_in_time_rate"} <= set(properties)


def test_the_region_api_reads_a_fixed_number_of_queries(world, region, assert_flat_queries):
    client = _api(region["commissioner"])
    url = reverse("api-region-figures-detail", args=[region["region"].pk])

    def grow(n):
        for _ in range(n):
            organisation = OrganisationFactory()
            services.region_grant(organisation=organisation, region=region["region"])
            group = GroupFactory(organisation=organisation)
            _active_to(group, 5)
            meeting_on(group, D(2026, 3, 2), came=3, missed=2)

    assert_flat_queries(lambda: client.get(url), grow=grow)


# --- one organisation seen from the region, the locality filter, the XLSX ------


def test_the_region_opens_one_sharing_organisation_suppressed(world, region, login):
    client = login(region["commissioner"])
    org_url = reverse("region-organisation", args=[region["region"].pk, world.organisation.pk])
    dashboard = client.get(reverse("region-dashboard", args=[region["region"].pk])).content
    assert org_url in dashboard.decode()
    response = client.get(org_url, {"period": "12"})
    assert response.status_code == 200
    page = response.content.decode()
    assert world.organisation.name in page
    assert "Young Adults Panel" in page
    assert "fewer than 5" in page
    assert "Hidden to protect a small number" in page
    members = world.objects["group"].memberships.select_related("person")
    assert not any(escape(m.person.full_name) in page for m in members)
    # No way on to the organisation's groups, people or records.
    for name in ("group-dashboard", "impact-list", "objective-list", "survey-list"):
        arg = world.objects["group"].pk if name == "group-dashboard" else world.organisation.pk
        assert reverse(name, args=[arg]) not in page
    assert "/people/" not in page
    assert reverse("evaluation-dashboard", args=[world.organisation.pk]) not in page


def test_an_organisation_not_sharing_or_revoked_is_not_found(world, region, login):
    client = login(region["commissioner"])
    stranger = OrganisationFactory(name="Unshared Trust")
    url = reverse("region-organisation", args=[region["region"].pk, stranger.pk])
    assert client.get(url).status_code == 404
    grant = RegionGrant.objects.get(region=region["region"], organisation=world.organisation)
    services.region_grant_revoke(grant=grant, revoked_by=world.user("org_admin"))
    url = reverse("region-organisation", args=[region["region"].pk, world.organisation.pk])
    assert client.get(url).status_code == 404
    # Another region's commissioner: the region itself is not found.
    other = login(UserFactory())
    url = reverse("region-organisation", args=[region["region"].pk, world.other_organisation.pk])
    assert other.get(url).status_code == 404


def test_filter_by_locality(world, region, login):
    world.organisation.localities = ["Northwich", "Eastbury"]
    world.organisation.save(update_fields=["localities"])
    world.other_organisation.localities = ["Southport"]
    world.other_organisation.save(update_fields=["localities"])
    dashboard = _dashboard(region["region"], locality="Southport")
    assert dashboard.localities == ["Eastbury", "Northwich", "Southport"]
    assert [row.group.name for row in dashboard.rows] == ["South Testshire Voices"]
    # An unknown locality is no filter at all.
    assert len(_dashboard(region["region"], locality="Atlantis").rows) == 3
    client = login(region["commissioner"])
    url = reverse("region-dashboard", args=[region["region"].pk])
    page = client.get(url, {"locality": "Eastbury"}).content.decode()
    assert '<option value="Eastbury" selected>' in page
    assert "South Testshire Voices" not in page
    assert "locality=Eastbury" in page  # the downloads keep the filter


def test_region_xlsx_matches_the_csv_suppression(world, region, login):
    import io

    import openpyxl

    client = login(region["commissioner"])
    response = client.get(
        reverse("region-dashboard-xlsx", args=[region["region"].pk]), {"period": "12"}
    )
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.xlsx"')
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    cells = {(r[0].value, r[1].value): r[2].value for r in sheet.iter_rows(min_row=2)}
    section = f"{world.organisation.name}: Young Adults Panel"
    assert cells[(section, "Active members")] == "fewer than 5"
    section = f"{world.organisation.name}: Testshire Diabetes Voices"
    assert cells[(section, "Active members")] == "Hidden to protect a small number"
    members = world.objects["group"].memberships.select_related("person")
    values = {str(v) for v in cells.values()}
    assert not any(m.person.full_name in values for m in members)


# --- the region's impact report --------------------------------------------------


def _squash(text: str) -> str:
    return "".join(text.split())


def test_the_region_report_is_built_suppressed_and_kept_for_who_asked(
    world, region, login, django_capture_on_commit_callbacks
):
    client = login(region["commissioner"])
    dashboard = client.get(reverse("region-dashboard", args=[region["region"].pk])).content
    url = reverse("region-report-request", args=[region["region"].pk])
    assert url in dashboard.decode()
    assert client.get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"period": "12", "large_print": "on"})
    assert response.status_code == 302
    job = ReportJob.objects.get()
    assert (job.region, job.organisation, job.exact, job.status) == (
        region["region"],
        None,
        False,
        "done",
    )
    page = client.get(response["Location"]).content.decode()
    assert 'data-report-status="done"' in page
    assert region["region"].name in page
    download = client.get(reverse("report-download", args=[job.pk]))
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith(
        'attachment; filename="impact-report-east-testshire-commissioners-2025-07'
    )
    body = b"".join(download.streaming_content)
    assert body.startswith(b"%PDF")
    text = _squash("".join(page.extract_text() for page in PdfReader(io.BytesIO(body)).pages))
    for expected in (
        region["region"].name,
        world.organisation.name,
        world.other_organisation.name,
        "Young Adults Panel",
        "fewer than 5",
        "Hidden to protect a small number",
        "Large print",
    ):
        assert _squash(expected) in text, expected
    members = world.objects["group"].memberships.select_related("person")
    assert not any(_squash(m.person.full_name) in text for m in members)
    # Listed for who asked; nobody else sees it, not even the region's other commissioner.
    assert reverse("report-job", args=[job.pk]) in client.get(url).content.decode()
    colleague = UserFactory()
    region["region"].commissioners.add(colleague)
    other = login(colleague)
    assert other.get(reverse("report-job", args=[job.pk])).status_code == 404
    assert other.get(reverse("report-download", args=[job.pk])).status_code == 404
    # Off the region, the report goes too.
    region["region"].commissioners.remove(region["commissioner"])
    assert client.get(reverse("report-job", args=[job.pk])).status_code in (403, 404)


def test_a_report_is_of_an_organisation_or_a_region_never_both(world, region):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        ReportJob.objects.create(
            organisation=world.organisation,
            region=region["region"],
            requested_by=region["commissioner"],
            period_months=12,
            last_month=D(2026, 6, 1),
        )


def test_the_region_api_filters_by_locality(world, region):
    world.other_organisation.localities = ["Southport"]
    world.other_organisation.save(update_fields=["localities"])
    url = reverse("api-region-figures-detail", args=[region["region"].pk])
    response = _api(region["commissioner"]).get(url, {"period": "12", "locality": "Southport"})
    assert response.status_code == 200, response.content
    assert [g["name"] for g in response.json()["groups"]] == ["South Testshire Voices"]


def test_the_organisation_seen_from_the_region_reads_flat_queries(
    world, region, login, assert_flat_queries
):
    client = login(region["commissioner"])
    url = reverse("region-organisation", args=[region["region"].pk, world.organisation.pk])

    def grow(n):
        for _ in range(n):
            extra = GroupFactory(organisation=world.organisation)
            _active_to(extra, 6)
            meeting_on(extra, D(2026, 5, 2), came=3, missed=2)

    assert_flat_queries(lambda: client.get(url, {"period": "12"}), grow=grow)


# --- kept figures: the cache, its refresh and what a grant allows -------------------


def _page(client, region, **params):
    response = client.get(reverse("region-dashboard", args=[region.pk]), params)
    assert response.status_code == 200
    return response.content.decode()


def _attendance(page, group):
    """The attendance cell of the group's row, as shown."""
    marker = f'data-region-attendance="{group.pk}">'
    return page.split(marker, 1)[1].split("<", 1)[0]


def test_the_page_says_when_its_figures_were_worked_out(world, region, login):
    page = _page(login(region["commissioner"]), region["region"])
    # 10:00 UTC on 15 June is 11am in London.
    assert "Figures worked out at 11am today" in page


def test_the_page_keeps_its_figures_and_the_beat_task_works_them_out_again(world, region, login):
    from evaluation import tasks

    client = login(region["commissioner"])
    group = region["group"]
    assert _attendance(_page(client, region["region"]), group) == "90%"
    meeting_on(group, D(2026, 6, 1), came=0, missed=10)
    with time_machine.travel(TODAY + datetime.timedelta(minutes=20), tick=False):
        # Kept: the page shows the figures worked out at 11am, and says so.
        page = _page(client, region["region"])
        assert _attendance(page, group) == "90%"
        assert "Figures worked out at 11am today" in page
        assert tasks.refresh_region_figures() == len(selectors.PERIODS)
        page = _page(client, region["region"])
    assert _attendance(page, group) == "45%"  # 9 of 20
    assert "Figures worked out at 11:20am today" in page


def test_a_stopped_grant_takes_the_organisation_off_at_once(
    world, region, login, django_capture_on_commit_callbacks
):
    from django.core.cache import cache

    client = login(region["commissioner"])
    assert "Testshire Diabetes Voices" in _page(client, region["region"])
    months = selectors.months_back(months=int(selectors.DEFAULT_PERIOD))
    key = region_figures.cache_key(region["region"].pk, months)
    assert cache.get(key) is not None
    grant = RegionGrant.objects.get(region=region["region"], organisation=world.organisation)
    admin = login(world.user("org_admin"))
    with django_capture_on_commit_callbacks(execute=True):
        assert admin.post(reverse("region-grant-revoke", args=[grant.pk])).status_code == 302
    assert cache.get(key) is None  # forgotten once the change committed
    page = _page(login(region["commissioner"]), region["region"])
    assert "Testshire Diabetes Voices" not in page
    assert "Young Adults Panel" not in page
    assert "South Testshire Voices" in page
    assert 'data-figure="organisations">1<' in page


def test_kept_figures_never_outlive_a_grant_even_if_not_forgotten(world, region, login):
    """A grant stopped without the service (or before the cache heard of it):
    the page reads the live grants every time, so the organisation is gone."""
    client = login(region["commissioner"])
    assert "Testshire Diabetes Voices" in _page(client, region["region"])
    RegionGrant.objects.filter(organisation=world.organisation).update(revoked_at=TODAY)
    page = _page(client, region["region"])
    assert "Testshire Diabetes Voices" not in page
    assert "South Testshire Voices" in page
    csv = client.get(reverse("region-dashboard-csv", args=[region["region"].pk])).content
    assert b"Testshire Diabetes Voices" not in csv
    api = _api(region["commissioner"]).get(
        reverse("api-region-figures-detail", args=[region["region"].pk])
    )
    assert [g["name"] for g in api.json()["groups"]] == ["South Testshire Voices"]


def test_a_new_grant_and_a_new_group_show_at_once(world, region, login):
    client = login(region["commissioner"])
    _page(client, region["region"])
    newcomer = OrganisationFactory(name="Westshire Partnership")
    GroupFactory(organisation=newcomer, name="Westshire Voices")
    services.region_grant(organisation=newcomer, region=region["region"])
    GroupFactory(organisation=world.other_organisation, name="South Carers Panel")
    page = _page(client, region["region"])
    assert "Westshire Voices" in page
    assert "South Carers Panel" in page


def test_the_groups_come_a_page_at_a_time_keeping_the_sort(world, region, login):
    for i in range(25):
        _active_to(GroupFactory(organisation=world.other_organisation, name=f"Panel {i:02}"), 6)
    client = login(region["commissioner"])
    page = _page(client, region["region"], sort="members", period="12")
    assert "Showing 1 to 25 of 28 groups, sorted by active members, 25 a page." in page
    assert "page=2" in page and "sort=members" in page and "period=12" in page
    # The region's figures are of every group, whichever page.
    assert 'data-figure="groups">28<' in page
    second = _page(client, region["region"], sort="members", period="12", page="2")
    assert "Showing 26 to 28 of 28 groups" in second
    assert 'data-figure="groups">28<' in second
    # Hidden counts sort last: the small panel is on the last page.
    assert (
        "Young Adults Panel" in second
        and "Young Adults Panel" not in page.split("Groups side by side", 1)[1]
    )


def test_kept_figures_read_a_fixed_number_of_queries(world, region, login):
    """Read from the cache: fewer queries than working them out, and the same
    at tenfold organisations."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = login(region["commissioner"])
    url = reverse("region-dashboard", args=[region["region"].pk])

    def kept_count():
        assert client.get(url).status_code == 200  # works them out and keeps them
        with CaptureQueriesContext(connection) as kept:
            assert client.get(url).status_code == 200
        count = len(kept)
        return count

    def grow(n):
        for _ in range(n):
            organisation = OrganisationFactory()
            services.region_grant(organisation=organisation, region=region["region"])
            group = GroupFactory(organisation=organisation)
            _active_to(group, 6)
            meeting_on(group, D(2026, 3, 2), came=3, missed=2)

    from django.core.cache import cache

    cache.clear()
    with CaptureQueriesContext(connection) as fresh:
        assert client.get(url).status_code == 200
    worked_out = len(fresh)  # now: the connection's log is a bounded deque
    small = kept_count()
    assert small < worked_out
    grow(10)
    assert kept_count() <= small


def test_the_beat_refreshes_region_figures(settings):
    from config.celery import app
    from evaluation import tasks

    entry = settings.CELERY_BEAT_SCHEDULE["evaluation-refresh-region-figures"]
    assert entry["task"] == tasks.refresh_region_figures.name
    assert entry["task"] in app.tasks
    assert entry["schedule"] <= 15 * 60
