"""The group dashboard: one group's figures against a hand-computed fixture,
attendance meeting by meeting as an XmR chart with its signals in words, the
small-count rule for everyone but the organisation's coordinators, the links
to it, and a query count that stays flat at tenfold data."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.core.cache import cache
from django.urls import reverse

from evaluation import group_figures, selectors, services
from expenses.models import GroupBudget
from involvement.models import DiversityFactor, RepresentativeSeat
from meetings.models import Meeting
from tests.factories import BodyFactory, MembershipFactory, SeatFactory

from .helpers import aware, meeting_on, paid_claim

pytestmark = pytest.mark.django_db
D = datetime.date
TODAY = datetime.datetime(2026, 6, 15, 10, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def figures(world):
    """The world's group (monthly): the world's member and 5 more active (6).
    Twelve monthly meetings from July 2025: 8 of 10 came at eleven, 2 of 10 at
    the last (June). One meeting cancelled. Two claims for a June 2025
    meeting paid in July, 5 and 15 working days after they were sent. Two
    representatives on the network board (the world's member and one more).
    Four "you said" points: one answered in time and done, one answered late
    and partly done, one overdue, one not due yet. A budget of £1,000."""
    from workplans.models import FeedbackItem

    group = world.objects["group"]
    for _ in range(5):
        MembershipFactory(group=group, status="active")
    for month in range(12):
        day = D(2025 + (6 + month) // 12, (6 + month) % 12 + 1, 10)
        if month < 11:
            meeting_on(group, day, came=8, missed=2)
        else:
            meeting_on(group, day, came=2, missed=8)
    Meeting.objects.create(
        organisation=group.organisation,
        group=group,
        title="Called off",
        starts_at=aware(D(2026, 2, 20)),
        ends_at=aware(D(2026, 2, 20), datetime.time(14)),
        status=Meeting.Status.CANCELLED,
    )
    approver = world.user("coordinator")
    for paid in (D(2025, 7, 14), D(2025, 7, 28)):  # sent Monday 7 July: 5 and 15 days
        paid_claim(
            group, meeting_day=D(2025, 6, 20), submitted=D(2025, 7, 7), paid=paid, approver=approver
        )
    RepresentativeSeat.objects.filter(pk=world.objects["seat"].pk).update(term_start=D(2026, 1, 1))
    SeatFactory(
        body=world.objects["body"],
        membership=MembershipFactory(group=group, status="active"),
        term_start=D(2026, 1, 1),
    )
    base = {"group": group, "said_on": D(2026, 3, 1), "moderation": "accepted"}
    FeedbackItem.objects.create(
        text="A", due_on=D(2026, 4, 10), answered_at=aware(D(2026, 4, 9)), status="done", **base
    )
    FeedbackItem.objects.create(
        text="B", due_on=D(2026, 4, 10), answered_at=aware(D(2026, 4, 20)), status="partly", **base
    )
    FeedbackItem.objects.create(text="C", due_on=D(2026, 4, 30), **base)
    FeedbackItem.objects.create(text="D", due_on=D(2026, 6, 30), **base)
    GroupBudget.objects.create(group=group, year_starting=D(2026, 4, 1), amount=Decimal("1000"))
    return group


def dashboard_for(group, exact):
    return group_figures.group_dashboard(
        group=group, months=selectors.months_back(months=12), exact=exact
    )


def test_figures_match_the_hand_computed_fixture(figures):
    dashboard = dashboard_for(figures, exact=True)
    assert dashboard.active == 7  # 6, and the second representative
    assert dashboard.active_shown == "7"
    assert dashboard.within_target_shown == "No: fewer than the target"
    assert [m.rate for m in dashboard.meetings] == [80.0] * 11 + [20.0]
    # 90 came of 120 taken.
    assert dashboard.attendance_rate == "75%"
    # Monthly: 12 a year; 1 July 2025 to 15 June 2026 is 350 days, so 11.
    assert dashboard.meetings_expected == 11
    assert dashboard.meetings_held == 12
    assert dashboard.meetings_cancelled == 1
    assert dashboard.cadence_kept
    [seat] = dashboard.seats
    assert (seat.from_group, seat.everyone, seat.filled) == (2, 2, True)
    assert dashboard.feedback.total == 4
    assert dashboard.feedback_answered == 2
    assert dashboard.feedback_changed == 2
    assert dashboard.feedback_in_time == "33%"  # 1 of 3 due
    assert dashboard.spend_shown == "£0.00 of £1,000.00"
    assert dashboard.claims_paid == 2
    assert dashboard.median_days_to_pay == 10
    assert dashboard.paid_in_target_share == "50%"


def test_attendance_is_an_xmr_chart_with_its_signals_in_words(figures):
    dashboard = dashboard_for(figures, exact=True)
    chart = dashboard.attendance_chart
    # Mean 75; moving ranges all 0 but the last (60): mean 60/11; limits 75 ± 14.5.
    assert chart.kind == "XmR chart"
    assert chart.centre == pytest.approx(75)
    assert chart.lower == pytest.approx(75 - 2.66 * 60 / 11)
    last = dashboard.attendance_rows[-1]
    assert "special cause: concern (a point below the lower process limit)" in last["signals"]
    first = dashboard.attendance_rows[0]
    assert (
        "special cause: improvement (a run of 7 or more points above the mean)"
        in (first["signals"])
    )


def test_commissioners_see_small_counts_suppressed(world, figures, login):
    dashboard = dashboard_for(figures, exact=False)
    assert dashboard.active_shown == "7"
    assert dashboard.meetings[-1].came_shown == "fewer than 5"
    assert dashboard.meetings[0].came_shown == "8"
    seat = dashboard.seats[0]
    assert (seat.from_group_shown, seat.everyone_shown) == ("fewer than 5", "fewer than 5")
    assert dashboard.claims_paid_shown == "fewer than 5"
    assert dashboard.paid_in_target_share == "Too few to show"
    assert dashboard.median_days_to_pay_shown == "Too few to show"
    assert dashboard.spend_by_category == []

    url = reverse("group-dashboard", args=[figures.pk])
    page = login(world.user("commissioner")).get(url, {"period": "12"}).content.decode()
    assert "Marian Testwell" not in page
    assert "fewer than 5" in page
    assert 'data-figure="paid-in-target">Too few to show' in page


def test_a_meeting_with_fewer_than_five_counted_is_not_plotted_for_commissioners(world):
    group = world.objects["group"]
    meeting_on(group, D(2026, 5, 5), came=3, missed=1)
    dashboard = dashboard_for(group, exact=False)
    assert dashboard.meetings[0].rate_shown == "Too few to show"
    assert dashboard.plotted == []
    assert dashboard_for(group, exact=True).meetings[0].rate_shown == "75%"


def test_small_diversity_counts_are_hidden_from_commissioners(world):
    group = world.objects["group"]
    DiversityFactor.objects.create(
        group=group, name="Carers", attribute="carer", values=["yes"], minimum=1
    )
    [factor] = dashboard_for(group, exact=False).factors
    assert (factor["shown"], factor["met"]) == ("fewer than 5", "Not shown")


def test_page_shows_the_chart_its_table_and_links(world, figures, login):
    url = reverse("group-dashboard", args=[figures.pk])
    response = login(world.user("coordinator")).get(url, {"period": "12"})
    page = response.content.decode()
    assert response.status_code == 200
    assert '<svg role="img"' in page
    assert "Data table: attendance at each meeting" in page
    assert 'data-figure="attendance">75%' in page
    assert "12 held, 11 expected (monthly): kept" in page
    assert reverse("evaluation-dashboard", args=[world.organisation.pk]) in page


def test_linked_from_the_group_page_and_the_organisation_dashboard(world, login):
    group = world.objects["group"]
    url = reverse("group-dashboard", args=[group.pk])
    for role in ("coordinator", "commissioner"):
        page = login(world.user(role)).get(reverse("group-detail", args=[group.pk]))
        assert url in page.content.decode()
    member_page = login(world.user("member")).get(reverse("group-detail", args=[group.pk]))
    assert url not in member_page.content.decode()
    dashboard = login(world.user("commissioner")).get(
        reverse("evaluation-dashboard", args=[world.organisation.pk])
    )
    assert url in dashboard.content.decode()


def test_group_dashboard_queries_stay_flat_as_data_grows(world, login, assert_flat_queries):
    from workplans.models import FeedbackItem

    group = world.objects["group"]
    DiversityFactor.objects.create(
        group=group, name="Carers", attribute="carer", values=["yes"], minimum=1
    )
    client = login(world.user("commissioner"))
    approver = world.user("coordinator")
    url = reverse("group-dashboard", args=[group.pk])

    def grow(n):
        for i in range(n):
            MembershipFactory(group=group, status="active")
            meeting_on(group, D(2026, 3, 1) + datetime.timedelta(days=i), came=5, missed=1)
            paid_claim(
                group,
                meeting_day=D(2026, 4, 1),
                submitted=D(2026, 4, 6),
                paid=D(2026, 4, 9),
                approver=approver,
            )
            SeatFactory(
                body=BodyFactory(organisation=world.organisation),
                membership=MembershipFactory(group=group, status="active"),
                term_start=D(2026, 1, 1),
            )
            FeedbackItem.objects.create(
                group=group,
                text="More",
                said_on=D(2026, 3, 1),
                due_on=D(2026, 4, 1),
                moderation="accepted",
            )

    def worked_out():
        cache.clear()  # the figures worked out now, not kept
        return client.get(url)

    assert_flat_queries(worked_out, grow=grow)


# --- kept figures (evaluation/kept.py) ----------------------------------------------


def _main(page: str) -> str:
    """The page's main content (the header's sign-out form has a fresh token)."""
    return page.split("<main", 1)[1].split("</main>", 1)[0]


def test_the_group_dashboard_is_kept_and_a_self_assessment_shows_at_once(
    world, figures, login, django_capture_on_commit_callbacks
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = login(world.user("coordinator"))
    url = reverse("group-dashboard", args=[figures.pk])
    with CaptureQueriesContext(connection) as worked_out:
        page = client.get(url).content.decode()
    building = len(worked_out)
    assert "Figures worked out at 11am today" in page
    with CaptureQueriesContext(connection) as kept:
        assert _main(client.get(url).content.decode()) == _main(page)
    assert len(kept) < building
    with time_machine.travel(TODAY + datetime.timedelta(minutes=3), tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            services.standards_save(
                group=figures,
                year=2026,
                answers={"inclusive": {"rating": 4, "evidence": "Outreach."}},
            )
        page = client.get(url).content.decode()
    assert "Figures worked out at 11:03am today" in page
