"""The organisation dashboard: figures against a hand-computed fixture, the
small-count rule (primary and secondary suppression) for everyone but the
organisation's coordinators, no person-level data for commissioners, and a
query count that stays flat at tenfold data."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from evaluation import selectors, services
from involvement.models import DiversityConsent, DiversityFactor, DiversityProfile
from tests.factories import GroupFactory, MembershipFactory, PersonFactory

from .helpers import meeting_on, paid_claim

pytestmark = pytest.mark.django_db
D = datetime.date
TODAY = datetime.datetime(2026, 6, 15, 10, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def figures(world):
    """Group one: the world's member and 5 more active (6); group two: 2 active.
    A May meeting of group one with attendance 4 of 5; two claims paid in May,
    5 and 15 working days after they were sent."""
    group = world.objects["group"]
    for _ in range(5):
        MembershipFactory(group=group, status="active")
    small = GroupFactory(organisation=world.organisation, name="Young Adults Panel")
    for _ in range(2):
        MembershipFactory(group=small, status="active")
    meeting_on(group, D(2026, 5, 12), came=4, missed=1)
    approver = world.user("coordinator")
    # Monday 4 May to Monday 11 May: 5 working days; to Monday 25 May: 14 (the
    # 25th is the Spring bank holiday, not a working day).
    paid_claim(
        group,
        meeting_day=D(2026, 5, 1),
        submitted=D(2026, 5, 4),
        paid=D(2026, 5, 11),
        approver=approver,
    )
    paid_claim(
        group,
        meeting_day=D(2026, 5, 1),
        submitted=D(2026, 5, 4),
        paid=D(2026, 5, 25),
        approver=approver,
    )
    return {"group": group, "small": small}


def dashboard_for(world, exact):
    return selectors.organisation_dashboard(
        organisation=world.organisation,
        months=selectors.months_back(months=12),
        exact=exact,
    )


def test_figures_match_the_hand_computed_fixture(world, figures):
    dashboard = dashboard_for(world, exact=True)
    rows = {row.group.name: row for row in dashboard.groups}
    assert rows["Testshire Diabetes Voices"].shown == "6"
    assert rows["Young Adults Panel"].shown == "2"
    assert rows["Young Adults Panel"].within_target is False
    assert dashboard.active_total_shown == "8"
    # Attendance: 4 came of 5 taken at the May meeting (claims' invitations
    # were taken as "came" too: 2 more, so 6 of 7).
    assert (dashboard.attendance_came, dashboard.attendance_taken) == (6, 7)
    assert dashboard.attendance_rate == "86%"
    assert dashboard.claims_paid == 2
    assert dashboard.median_days_to_pay == 9.5  # median of 5 and 14
    assert dashboard.target_days == 5
    assert dashboard.paid_in_target_share == "50%"


def test_small_numbers_are_suppressed_with_a_second_cell(world, figures):
    dashboard = dashboard_for(world, exact=False)
    rows = {row.group.name: row for row in dashboard.groups}
    assert rows["Young Adults Panel"].shown == "fewer than 5"
    # With the total shown (8), the 6 would give the 2 away: hidden too.
    assert rows["Testshire Diabetes Voices"].shown == "Hidden to protect a small number"
    assert rows["Young Adults Panel"].within_target is None
    # Hidden as the second cell, its place against the target is hidden too:
    # "No" (it is 10 to 14) would say it is fewer than 10.
    assert rows["Testshire Diabetes Voices"].within_target is None
    assert dashboard.active_total_shown == "8"
    # Two claims are too few to show as a share, or as a median.
    assert dashboard.paid_in_target_share == "Too few to show"
    assert dashboard.median_days_to_pay_shown == "Too few to show"
    assert ("Headline figures", "Median working days from claim to payment", "Too few to show") in (
        dashboard.figure_rows()
    )


def test_suppress_cells_hides_a_second_cell_only_when_one_is_hidden():
    assert selectors.suppress_cells([6, 2], exact=False) == [
        "Hidden to protect a small number",
        "fewer than 5",
    ]
    # Two hidden cells already protect each other; the rest stay.
    assert selectors.suppress_cells([9, 2, 3], exact=False) == [
        "9",
        "fewer than 5",
        "fewer than 5",
    ]
    assert selectors.suppress_cells([9, 2, 6], exact=False) == [
        "9",
        "fewer than 5",
        "Hidden to protect a small number",
    ]
    assert selectors.suppress_cells([9, 2, 6], exact=True) == ["9", "2", "6"]


def test_commissioner_sees_no_person_level_data(world, figures, login):
    group = figures["group"]
    DiversityFactor.objects.create(
        group=group, name="Type 1 diabetes", attribute="diabetes_type", values=["type_1"]
    )
    named = PersonFactory(full_name="Ottoline Quarrington")
    MembershipFactory(group=group, person=named, status="active")
    DiversityProfile.objects.create(person=named, diabetes_type="type_1", ethnicity="mixed")
    DiversityConsent.objects.create(person=named, wording="I agree.", given_at=timezone.now())
    url = reverse("evaluation-dashboard", args=[world.organisation.pk])

    page = login(world.user("commissioner")).get(url).content.decode()
    assert "Ottoline" not in page and "Quarrington" not in page
    assert "Marian Testwell" not in page
    assert "fewer than 5" in page
    # The factor's count (1) is suppressed, and so is whether the minimum is met.
    assert "Type 1 diabetes" in page
    assert "Not shown" in page
    assert "Mixed or multiple" not in page and "mixed" not in page

    coordinator_page = login(world.user("coordinator")).get(url).content.decode()
    assert "Not shown" not in coordinator_page
    assert "Not met" in coordinator_page  # 1 against a minimum of 2


def test_dashboard_page_shows_figures_and_a_chart_with_its_table(world, figures, login):
    objective = services.objective_create(
        organisation=world.organisation, title="A full group", term="short", owner="Coordinator"
    )
    services.measure_create(
        objective=objective,
        name="Active members",
        method="From memberships.",
        source="members",
        direction="up",
    )
    url = reverse("evaluation-dashboard", args=[world.organisation.pk])
    response = login(world.user("coordinator")).get(url, {"period": "12"})
    page = response.content.decode()
    assert response.status_code == 200
    assert 'data-figure="attendance">86%' in page
    assert '<svg role="img"' in page
    assert "Data table: Active members" in page
    assert "June 2026" in page and "July 2025" in page
    assert "run chart" in page


def test_an_unknown_period_falls_back_to_two_years(world, login):
    url = reverse("evaluation-dashboard", args=[world.organisation.pk])
    page = login(world.user("coordinator")).get(url, {"period": "nonsense"}).content.decode()
    assert "1 July 2024 to 30 June 2026" in page


def _worked_out(client, url, **params):
    """The page with its figures worked out now (nothing kept)."""
    cache.clear()
    return client.get(url, params)


def test_dashboard_queries_stay_flat_as_data_grows(world, login, assert_flat_queries):
    group = world.objects["group"]
    objective = services.objective_create(
        organisation=world.organisation, title="Prompt", term="short", owner="Finance"
    )
    for source in ("members", "attendance", "feedback_in_time", "days_to_pay"):
        services.measure_create(
            objective=objective, name=source, method="Worked out.", source=source, direction="up"
        )
    DiversityFactor.objects.create(
        group=group, name="Carers", attribute="carer", values=["yes"], minimum=1
    )
    client = login(world.user("commissioner"))
    approver = world.user("coordinator")
    url = reverse("evaluation-dashboard", args=[world.organisation.pk])

    def grow(n):
        for i in range(n):
            extra = GroupFactory(organisation=world.organisation)
            MembershipFactory(group=extra, status="active")
            meeting_on(extra, D(2026, 3, 1) + datetime.timedelta(days=i), came=2, missed=1)
            paid_claim(
                extra,
                meeting_day=D(2026, 4, 1),
                submitted=D(2026, 4, 6),
                paid=D(2026, 4, 9),
                approver=approver,
            )

    assert_flat_queries(lambda: _worked_out(client, url), grow=grow)


def test_dashboard_queries_stay_flat_as_measures_are_added(world, login, assert_flat_queries):
    """Every measure of every objective is drawn from one read of each of the
    platform's figures and one of the entered readings: a tenth measure of a
    kind costs no more queries than the first."""
    group = world.objects["group"]
    meeting_on(group, D(2026, 3, 10), came=4, missed=1)
    client = login(world.user("coordinator"))
    url = reverse("evaluation-dashboard", args=[world.organisation.pk])

    def grow(n):
        for i in range(n):
            for scope in (None, group):
                objective = services.objective_create(
                    organisation=world.organisation,
                    group=scope,
                    title=f"Objective {i} {scope}",
                    term="short",
                    owner="Coordinator",
                )
                for source in ("entered", "members", "attendance", "feedback_in_time"):
                    measure = services.measure_create(
                        objective=objective,
                        name=f"{source} {i}",
                        method="Worked out.",
                        source=source,
                        direction="up",
                    )
                    if source == "entered":
                        services.reading_record(
                            measure=measure, month=D(2026, 5, 1), value=7, note=""
                        )

    assert_flat_queries(lambda: _worked_out(client, url), grow=grow)


# --- kept figures (evaluation/kept.py) ----------------------------------------------


def _main(page: str) -> str:
    """The page's main content (the header's sign-out form has a fresh token)."""
    return page.split("<main", 1)[1].split("</main>", 1)[0]


def test_the_dashboard_is_kept_says_when_and_shows_an_evaluation_change_at_once(
    world, figures, login, django_capture_on_commit_callbacks
):
    client = login(world.user("coordinator"))
    url = reverse("evaluation-dashboard", args=[world.organisation.pk])
    page = client.get(url).content.decode()
    assert "Figures worked out at 11am today" in page  # 10:00 UTC is 11am in London
    assert "No success measures have been set yet" in page
    # A meeting elsewhere in the platform shows when the figures are next worked out.
    meeting_on(world.objects["group"], D(2026, 6, 1), came=5, missed=0)
    with time_machine.travel(TODAY + datetime.timedelta(minutes=5), tick=False):
        assert _main(client.get(url).content.decode()) == _main(page)
        # An objective set on the evaluation pages shows at once.
        with django_capture_on_commit_callbacks(execute=True):
            services.objective_create(
                organisation=world.organisation, title="Prompt payment", term="short", owner="Fi"
            )
        page = client.get(url).content.decode()
    assert "Figures worked out at 11:05am today" in page
    assert "No success measures have been set yet" in page  # the objective has none yet


def test_kept_figures_are_per_what_the_viewer_may_see(world, figures, login):
    url = reverse("evaluation-dashboard", args=[world.organisation.pk])
    exact = login(world.user("coordinator")).get(url).content.decode()
    suppressed = login(world.user("commissioner")).get(url).content.decode()
    assert "fewer than 5" not in exact
    assert "fewer than 5" in suppressed
    assert "Hidden to protect a small number" in suppressed


def test_kept_dashboard_reads_a_fixed_number_of_queries(world, login):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = login(world.user("commissioner"))
    url = reverse("evaluation-dashboard", args=[world.organisation.pk])

    def kept_count():
        cache.clear()
        with CaptureQueriesContext(connection) as worked_out:
            assert client.get(url).status_code == 200
        building = len(worked_out)
        with CaptureQueriesContext(connection) as kept:
            assert client.get(url).status_code == 200
        count = len(kept)
        assert count < building
        return count

    small = kept_count()
    for i in range(10):
        extra = GroupFactory(organisation=world.organisation)
        MembershipFactory(group=extra, status="active")
        meeting_on(extra, D(2026, 3, 1) + datetime.timedelta(days=i), came=2, missed=1)
    assert kept_count() <= small
