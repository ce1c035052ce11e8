"""Objectives, success measures and readings: the pages and services, and
each computed measure's monthly series against hand-computed figures."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from evaluation import selectors, services
from evaluation.models import Objective, Reading
from involvement.models import MembershipStatusChange
from tests.factories import MembershipFactory
from tests.workplans.helpers import plan_with_items

from .helpers import aware, meeting_on, paid_claim

pytestmark = pytest.mark.django_db
D = datetime.date
TODAY = datetime.datetime(2026, 6, 15, 10, tzinfo=datetime.UTC)
MONTHS = [D(2026, 3, 1), D(2026, 4, 1), D(2026, 5, 1), D(2026, 6, 1)]


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(TODAY, tick=False):
        yield


def objective(world, group=None, **kwargs):
    return services.objective_create(
        organisation=world.organisation,
        group=group,
        title=kwargs.pop("title", "A full group"),
        term="short",
        owner="Group coordinator",
        **kwargs,
    )


def measure(world, source, group=None, direction="up"):
    return services.measure_create(
        objective=objective(world, group=group),
        name=source,
        method="Worked out from the platform.",
        source=source,
        direction=direction,
    )


def values(points):
    return [(p.month, p.value) for p in points]


def test_active_members_by_month_follow_the_membership_history(world):
    group = world.objects["group"]
    # Joined (active) in March, left in May: active at the end of March and April.
    leaver = MembershipFactory(group=group, status="left", status_changed_on=D(2026, 5, 10))
    MembershipStatusChange.objects.create(
        membership=leaver, to_status="active", changed_on=D(2026, 3, 2)
    )
    MembershipStatusChange.objects.create(
        membership=leaver, from_status="active", to_status="left", changed_on=D(2026, 5, 10)
    )
    # Active since April with no history rows: counted from its status date.
    MembershipFactory(group=group, status="active", status_changed_on=D(2026, 4, 20))
    # The world's member: active, status date set in the fixture below.
    world.objects["membership"].status_changed_on = D(2026, 1, 1)
    world.objects["membership"].save()
    m = measure(world, "members", group=group)
    points = selectors.measure_series(measure=m, months=MONTHS)
    assert values(points) == [
        (D(2026, 3, 1), 2.0),
        (D(2026, 4, 1), 3.0),
        (D(2026, 5, 1), 2.0),
        (D(2026, 6, 1), 2.0),
    ]
    # Anyone but the coordinators sees counts below five suppressed.
    hidden = selectors.measure_series(measure=m, months=MONTHS, exact=False)
    assert {p.shown for p in hidden} == {"fewer than 5"}
    assert all(p.value is None for p in hidden)


def test_attendance_rate_by_month(world):
    group = world.objects["group"]
    meeting_on(group, D(2026, 4, 7), came=3, missed=1)
    meeting_on(group, D(2026, 4, 21), came=3, missed=3)
    meeting_on(group, D(2026, 5, 5), came=5, missed=0)
    points = selectors.measure_series(measure=measure(world, "attendance", group), months=MONTHS)
    # April: 6 of 10 = 60%; May: 5 of 5 = 100%; March and June: no meetings.
    assert values(points) == [
        (D(2026, 3, 1), None),
        (D(2026, 4, 1), 60.0),
        (D(2026, 5, 1), 100.0),
        (D(2026, 6, 1), None),
    ]
    assert points[0].shown == "No meetings"


def test_median_working_days_to_pay_by_month_of_payment(world):
    group = world.objects["group"]
    approver = world.user("coordinator")
    # Sent Monday 4 May: paid Thursday 7 May (3 days), Monday 11 May (5), Friday 15 May (9).
    for paid in (D(2026, 5, 7), D(2026, 5, 11), D(2026, 5, 15)):
        paid_claim(
            group, meeting_day=D(2026, 5, 1), submitted=D(2026, 5, 4), paid=paid, approver=approver
        )
    m = measure(world, "days_to_pay", group, direction="down")
    points = selectors.measure_series(measure=m, months=MONTHS)
    assert values(points)[2] == (D(2026, 5, 1), 5.0)
    assert points[1].shown == "None paid"


def test_feedback_answered_in_time_by_month_due(world):
    from workplans.models import FeedbackItem

    group = world.objects["group"]
    base = {"group": group, "said_on": D(2026, 3, 1), "moderation": "accepted"}
    FeedbackItem.objects.create(
        text="A", due_on=D(2026, 4, 10), answered_at=aware(D(2026, 4, 9)), **base
    )
    FeedbackItem.objects.create(
        text="B", due_on=D(2026, 4, 10), answered_at=aware(D(2026, 4, 20)), **base
    )
    FeedbackItem.objects.create(text="C", due_on=D(2026, 4, 30), **base)  # overdue, no answer
    FeedbackItem.objects.create(text="D", due_on=D(2026, 6, 30), **base)  # not due yet
    m = measure(world, "feedback_in_time", group)
    points = selectors.measure_series(measure=m, months=MONTHS)
    # April: 1 of 3 answered in time = 33.3%; June: none due yet.
    assert values(points)[1] == (D(2026, 4, 1), 33.3)
    assert points[3].shown == "None due"


def test_entered_readings_and_their_chart(world):
    m = services.measure_create(
        objective=objective(world),
        name="Members who feel listened to",
        method="A show of hands.",
        source="entered",
        direction="up",
    )
    services.reading_record(measure=m, month=D(2026, 4, 18), value=6)
    services.reading_record(measure=m, month=D(2026, 5, 1), value=7, note="New chair.")
    services.reading_record(measure=m, month=D(2026, 5, 1), value=8)  # a correction
    assert Reading.objects.filter(measure=m).count() == 2
    result = selectors.measure_chart(measure=m, months=MONTHS)
    assert [p.value for p in result.plotted] == [6.0, 8.0]
    assert result.chart.kind == "run chart"
    assert result.chart.centre == 7


def test_computed_measures_take_no_readings(world):
    m = measure(world, "members")
    with pytest.raises(ValidationError):
        services.reading_record(measure=m, month=D(2026, 5, 1), value=3)


def test_objective_refuses_another_organisations_group_and_work_items(world):
    with pytest.raises(ValidationError) as caught:
        objective(world, group=world.objects["other_group"])
    assert "group" in caught.value.message_dict
    _plan, items = plan_with_items(world.objects["other_group"], items=1)
    with pytest.raises(ValidationError) as caught:
        objective(world, work_items=items)
    assert "work_items" in caught.value.message_dict


def test_coordinator_adds_an_objective_linked_to_a_work_item(world, login):
    group = world.objects["group"]
    _plan, items = plan_with_items(group, items=2)
    client = login(world.user("coordinator"))
    url = reverse("objective-create", args=[world.organisation.pk])
    response = client.post(
        url,
        {
            "title": "Screening letters people can read",
            "term": "medium",
            "owner": "Group coordinator",
            "group": group.pk,
            "work_items": [items[0].pk],
        },
    )
    created = Objective.objects.get(title="Screening letters people can read")
    assert response.url == reverse("objective-detail", args=[created.pk])
    assert list(created.work_items.all()) == [items[0]]
    page = client.get(response.url).content.decode()
    assert items[0].title in page


def test_objective_form_errors_keep_what_was_typed(world, login):
    client = login(world.user("coordinator"))
    url = reverse("objective-create", args=[world.organisation.pk])
    page = client.post(url, {"title": "Keep <this>", "owner": ""}).content.decode()
    assert "Enter who is responsible" in page
    assert "Select when it should be achieved" in page
    assert 'value="Keep &lt;this&gt;"' in page


def test_reading_page_saves_a_reading_and_refuses_computed_measures(world, login):
    entered = services.measure_create(
        objective=objective(world),
        name="Confidence",
        method="Survey.",
        source="entered",
        direction="up",
    )
    client = login(world.user("coordinator"))
    response = client.post(
        reverse("reading-create", args=[entered.pk]),
        {"month": "2026-05-01", "value": "abc"},
    )
    assert "Enter the reading as a number, like 7 or 62.5" in response.content.decode()
    response = client.post(
        reverse("reading-create", args=[entered.pk]),
        {"month": "2026-05-01", "value": "7.5", "note": "<b>First</b> reading"},
    )
    assert response.status_code == 302
    page = client.get(response.url).content.decode()
    assert "7.5" in page and "&lt;b&gt;First&lt;/b&gt; reading" in page
    computed = measure(world, "members")
    assert client.get(reverse("reading-create", args=[computed.pk])).status_code == 404


def test_measure_page_shows_signals_in_words(world, login):
    m = services.measure_create(
        objective=objective(world),
        name="Confidence",
        method="Survey.",
        source="entered",
        direction="up",
    )
    months = selectors.months_back(months=14)
    series = [5, 6] * 7
    series[-1] = 30
    for month, value in zip(months, series, strict=True):
        services.reading_record(measure=m, month=month, value=value)
    page = (
        login(world.user("commissioner"))
        .get(reverse("measure-detail", args=[m.pk]), {"period": "24"})
        .content.decode()
    )
    assert "special cause: improvement (a point above the upper process limit)" in page
    assert "XmR chart" in page
