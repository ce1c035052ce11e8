"""The read-only briefings API: scoped as the pages are, points without
names, a flat number of queries however many briefings."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.test import APIClient

from meetings.models import Meeting, Paper
from meetings.services.briefings import briefing_point_add, briefing_save
from tests.factories import GroupFactory, MembershipFactory, PersonFactory, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.calendar_sensitive]

LONDON = ZoneInfo("Europe/London")
TODAY = datetime.datetime(2026, 3, 2, 10, 0, tzinfo=LONDON)


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(TODAY, tick=False):
        yield


def _api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def _briefing(world, *, days=10):
    starts = TODAY.replace(hour=18) + datetime.timedelta(days=days)
    meeting = Meeting.objects.create(
        organisation=world.organisation,
        body=world.objects["body"],
        kind=Meeting.Kind.BOARD,
        title=f"Board in {days} days",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
    )
    paper = Paper.objects.create(meeting=meeting, title="Foot care business case")
    briefing = briefing_save(
        meeting=meeting,
        what_to_expect="The chair asks you to speak after each item.",
        points_close_on=starts.date(),
        glossary_terms=["ICB"],
        summaries={paper.pk: "The ICB wants to pay for more foot checks."},
    )
    briefing_point_add(
        briefing=briefing, point="Ask about evening clinics.", person=world.objects["person"]
    )
    return briefing


@pytest.fixture
def seat(world):
    seat = world.objects["seat"]
    seat.term_start = datetime.date(2025, 1, 1)
    seat.save(update_fields=["term_start"])
    return seat


def test_a_representative_reads_the_briefing_without_names(world, seat):
    briefing = _briefing(world)

    response = _api(world.user("member")).get(
        reverse("api-briefing-detail", kwargs={"pk": briefing.pk})
    )

    assert response.status_code == 200
    data = response.json()
    assert data["papers"][0]["summary"] == "The ICB wants to pay for more foot checks."
    assert isinstance(data["papers"][0]["reading_age"], int)
    assert data["glossary"][0]["term"] == "ICB"
    assert data["points"][0]["point"] == "Ask about evening clinics."
    assert "Marian" not in response.content.decode()


def test_who_lists_which_briefings(world, seat):
    briefing = _briefing(world)
    stranger = PersonFactory(user=UserFactory(email="stranger@example.org"))
    MembershipFactory(person=stranger, group=GroupFactory(organisation=world.organisation))

    def ids(user):
        response = _api(user).get(reverse("api-briefing-list"))
        assert response.status_code == 200
        return [row["id"] for row in response.json()["results"]]

    assert ids(world.user("commissioner")) == [briefing.pk]
    assert ids(world.user("coordinator")) == [briefing.pk]
    assert ids(world.user("finance")) == []
    assert ids(world.user("other_org")) == []
    assert ids(stranger.user) == []  # their group has no seat on the body


def test_the_list_reads_flat(world, seat):
    client = _api(world.user("member"))
    _briefing(world, days=5)
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("api-briefing-list"))
    for days in range(6, 15):
        _briefing(world, days=days)
    with CaptureQueriesContext(connection) as ten:
        response = client.get(reverse("api-briefing-list"))

    assert response.json()["count"] == 10
    assert len(ten) <= len(one)
