"""Representatives' attendance at board meetings on the body's page: board
meetings attended out of those held during their term; not shown to
commissioners (names are person-level data)."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from meetings.models import Invitation, Meeting
from meetings.selectors.bodies import representative_attendance

pytestmark = [pytest.mark.django_db, pytest.mark.calendar_sensitive]

LONDON = ZoneInfo("Europe/London")
TODAY = datetime.datetime(2026, 6, 1, 10, 0, tzinfo=LONDON)


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(TODAY, tick=False):
        yield


def _board(world, day: datetime.date, *, cancelled=False) -> Meeting:
    starts = datetime.datetime(day.year, day.month, day.day, 10, 0, tzinfo=LONDON)
    return Meeting.objects.create(
        organisation=world.organisation,
        body=world.objects["body"],
        kind=Meeting.Kind.BOARD,
        title=f"Board {day}",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
        status=Meeting.Status.CANCELLED if cancelled else Meeting.Status.SCHEDULED,
    )


@pytest.fixture
def seat(world):
    seat = world.objects["seat"]
    seat.term_start = datetime.date(2026, 1, 1)
    seat.save(update_fields=["term_start"])
    return seat


def test_attended_out_of_held_in_their_term(world, seat):
    person = world.objects["person"]
    came = _board(world, datetime.date(2026, 2, 10))
    missed = _board(world, datetime.date(2026, 4, 10))
    _board(world, datetime.date(2025, 11, 10))  # before the term
    _board(world, datetime.date(2026, 5, 10), cancelled=True)
    _board(world, datetime.date(2026, 7, 10))  # not held yet
    Invitation.objects.create(meeting=came, person=person, attended=True)
    Invitation.objects.create(meeting=missed, person=person, attended=False)

    [row] = representative_attendance(body=world.objects["body"])

    assert (row["person"], row["attended"], row["held"]) == (person, 1, 2)


def test_the_body_page_shows_attendance_to_members_not_commissioners(
    world, login, seat, assert_flat_queries
):
    url = reverse("body-detail", kwargs={"pk": world.objects["body"].pk})
    days = iter(range(1, 200))

    def grow(n):
        for _ in range(n):
            meeting = _board(world, datetime.date(2026, 1, 1) + datetime.timedelta(days=next(days)))
            Invitation.objects.create(
                meeting=meeting, person=world.objects["person"], attended=True
            )

    client = login(world.user("member"))
    assert_flat_queries(lambda: client.get(url), grow=grow)
    page = client.get(url).content.decode()
    assert "Representatives at board meetings" in page
    assert "10 of 10" in page

    as_commissioner = login(world.user("commissioner")).get(url).content.decode()
    assert "Representatives at board meetings" not in as_commissioner
