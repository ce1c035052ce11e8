"""The read-only API for bodies' board meetings and published debriefs:
scoped as the pages are, names only for those who see them on the debrief
page, never the support notes, and a flat number of queries."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from rest_framework.test import APIClient

from meetings.models import (
    Briefing,
    Debrief,
    DebriefFollowUp,
    DebriefPoint,
    Invitation,
    Meeting,
    Paper,
)
from tests.factories import GroupFactory, MembershipFactory, PersonFactory, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.calendar_sensitive]

LONDON = ZoneInfo("Europe/London")
TODAY = datetime.datetime(2026, 3, 2, 10, 0, tzinfo=LONDON)
SUPPORT = "Felt rushed; would like a pre-meeting call."


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def seat(world):
    seat = world.objects["seat"]
    seat.term_start = datetime.date(2025, 1, 1)
    seat.save(update_fields=["term_start"])
    return seat


def _api(user) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def _board_meeting(world, *, days=-7, invite=True, body=None, organisation=None):
    starts = TODAY.replace(hour=18) + datetime.timedelta(days=days)
    meeting = Meeting.objects.create(
        organisation=organisation or world.organisation,
        body=body or world.objects["body"],
        kind=Meeting.Kind.BOARD,
        title=f"Board on day {days}",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
        external_location="County Hall, Room 2",
    )
    Paper.objects.create(meeting=meeting, title="Foot care business case")
    if invite:
        Invitation.objects.create(meeting=meeting, person=world.objects["person"])
    return meeting


def _debrief(world, meeting, *, published=True):
    debrief = Debrief.objects.create(
        meeting=meeting,
        representative=world.objects["person"],
        discussed="The foot care pathway.",
        decisions="Evening clinics to be piloted.",
        support_notes=SUPPORT,
        published_at=TODAY if published else None,
    )
    DebriefPoint.objects.create(
        debrief=debrief, point="Evening clinics for people who work.", answer="Being costed."
    )
    DebriefFollowUp.objects.create(
        debrief=debrief,
        what="Send the pathway leaflet.",
        owner="Board secretary",
        due_on=datetime.date(2026, 3, 20),
    )
    return debrief


def _ids(user, name, **params):
    response = _api(user).get(reverse(name), params)
    assert response.status_code == 200, response.content
    return [row["id"] for row in response.json()["results"]]


# --- board meetings ---------------------------------------------------------


def test_a_representative_reads_their_board_meeting(world, seat):
    meeting = _board_meeting(world)
    briefing = Briefing.objects.create(
        meeting=meeting, what_to_expect="Speak after each item.", points_close_on=TODAY.date()
    )
    debrief = _debrief(world, meeting)

    response = _api(world.user("member")).get(
        reverse("api-board-meeting-detail", kwargs={"pk": meeting.pk})
    )

    assert response.status_code == 200
    data = response.json()
    assert data["body"] == world.objects["body"].pk
    assert data["place"] == "County Hall, Room 2"
    assert data["status"] == "scheduled"
    paper = meeting.papers.get()
    assert data["papers"][0]["title"] == "Foot care business case"
    assert data["papers"][0]["download_url"].endswith(
        reverse("meeting-paper-download", kwargs={"pk": paper.pk})
    )
    assert data["briefing_url"].endswith(reverse("api-briefing-detail", kwargs={"pk": briefing.pk}))
    assert data["debrief_published"] is True
    assert data["debrief_url"].endswith(reverse("api-debrief-detail", kwargs={"pk": debrief.pk}))


def test_an_unpublished_debrief_is_neither_linked_nor_listed(world, seat):
    meeting = _board_meeting(world)
    _debrief(world, meeting, published=False)

    data = (
        _api(world.user("coordinator"))
        .get(reverse("api-board-meeting-detail", kwargs={"pk": meeting.pk}))
        .json()
    )

    assert data["debrief_published"] is False
    assert data["debrief_url"] is None
    assert data["briefing_url"] is None
    assert _ids(world.user("coordinator"), "api-debrief-list") == []


def test_who_lists_which_board_meetings(world, seat):
    invited = _board_meeting(world, days=-7)
    not_invited = _board_meeting(world, days=3, invite=False)
    theirs = _board_meeting(
        world,
        days=4,
        invite=False,
        body=world.objects["other_body"],
        organisation=world.other_organisation,
    )

    assert _ids(world.user("coordinator"), "api-board-meeting-list") == [
        not_invited.pk,
        invited.pk,
    ]
    assert _ids(world.user("member"), "api-board-meeting-list") == [invited.pk]
    # Commissioners and finance see no meeting (as the meeting pages).
    assert _ids(world.user("commissioner"), "api-board-meeting-list") == []
    assert _ids(world.user("finance"), "api-board-meeting-list") == []
    assert _ids(world.user("other_org"), "api-board-meeting-list") == [theirs.pk]
    for role in ("other_org", "commissioner"):
        response = _api(world.user(role)).get(
            reverse("api-board-meeting-detail", kwargs={"pk": invited.pk})
        )
        assert response.status_code == 404
    assert _api(None).get(reverse("api-board-meeting-list")).status_code == 401


def test_board_meetings_filter_by_body(world, seat):
    meeting = _board_meeting(world)
    other_body = world.objects["body"].__class__.objects.create(
        organisation=world.organisation, name="Foot Care Steering Group"
    )
    _board_meeting(world, days=2, body=other_body)
    coordinator = world.user("coordinator")

    body = world.objects["body"].pk
    assert _ids(coordinator, "api-board-meeting-list", body=body) == [meeting.pk]
    assert _ids(coordinator, "api-board-meeting-list", body=999999) == []
    response = _api(coordinator).get(reverse("api-board-meeting-list"), {"body": "the board"})
    assert response.status_code == 400
    assert response.json()  # the API's own error shape, not a stack trace


def test_the_board_meeting_list_reads_flat(world, seat, django_assert_max_num_queries):
    client = _api(world.user("member"))

    def make(count, start):
        for days in range(start, start + count):
            meeting = _board_meeting(world, days=-days)
            Briefing.objects.create(meeting=meeting, points_close_on=TODAY.date())
            _debrief(world, meeting)
            Paper.objects.create(meeting=meeting, title="Minutes of the last meeting")

    make(1, 1)
    with django_assert_max_num_queries(8) as one:
        response = client.get(reverse("api-board-meeting-list"))
    assert response.json()["count"] == 1
    make(9, 2)
    with django_assert_max_num_queries(len(one.captured_queries)):
        response = client.get(reverse("api-board-meeting-list"))
    assert response.json()["count"] == 10
    assert all(row["debrief_url"] for row in response.json()["results"])


# --- debriefs ---------------------------------------------------------------


def test_a_representative_reads_the_debrief_with_names_but_no_support_notes(world, seat):
    debrief = _debrief(world, _board_meeting(world))

    response = _api(world.user("member")).get(
        reverse("api-debrief-detail", kwargs={"pk": debrief.pk})
    )

    assert response.status_code == 200
    data = response.json()
    assert data["decisions"] == "Evening clinics to be piloted."
    assert data["points"] == [
        {
            "id": debrief.points.get().pk,
            "point": "Evening clinics for people who work.",
            "answer": "Being costed.",
        }
    ]
    assert data["follow_ups"][0]["owner"] == "Board secretary"
    assert data["follow_ups"][0]["due_on"] == "2026-03-20"
    assert data["representative_name"] == "Marian Testwell"
    assert SUPPORT not in response.content.decode()
    assert "support_notes" not in data


def test_commissioners_read_the_outcomes_without_names(world, seat):
    debrief = _debrief(world, _board_meeting(world))

    response = _api(world.user("commissioner")).get(
        reverse("api-debrief-detail", kwargs={"pk": debrief.pk})
    )

    assert response.status_code == 200
    data = response.json()
    assert data["points"][0]["answer"] == "Being costed."
    assert data["representative_name"] == ""
    assert data["follow_ups"][0]["owner"] == ""
    body = response.content.decode()
    assert "Marian" not in body
    assert "Board secretary" not in body
    assert SUPPORT not in body


def test_who_lists_which_debriefs(world, seat):
    debrief = _debrief(world, _board_meeting(world))
    _debrief(world, _board_meeting(world, days=-3), published=False)
    # A member of the representative's group reads it, without names.
    group_member = PersonFactory(user=UserFactory(email="voice@example.org"))
    MembershipFactory(person=group_member, group=world.objects["group"], status="active")
    stranger = PersonFactory(user=UserFactory(email="stranger@example.org"))
    MembershipFactory(person=stranger, group=GroupFactory(organisation=world.organisation))

    for role in ("member", "coordinator", "admin_support", "org_admin", "commissioner"):
        assert _ids(world.user(role), "api-debrief-list") == [debrief.pk], role
    assert _ids(world.user("finance"), "api-debrief-list") == []
    assert _ids(world.user("panel_member"), "api-debrief-list") == []
    assert _ids(world.user("other_org"), "api-debrief-list") == []
    assert _ids(stranger.user, "api-debrief-list") == []
    rows = _api(group_member.user).get(reverse("api-debrief-list")).json()["results"]
    assert [row["id"] for row in rows] == [debrief.pk]
    assert rows[0]["representative_name"] == ""
    assert rows[0]["follow_ups"][0]["owner"] == ""

    detail = reverse("api-debrief-detail", kwargs={"pk": debrief.pk})
    assert _api(world.user("other_org")).get(detail).status_code == 404
    assert _api(world.user("finance")).get(detail).status_code == 404
    assert _api(None).get(detail).status_code == 401


def test_the_coordinator_sees_names(world, seat):
    debrief = _debrief(world, _board_meeting(world, invite=False))

    data = (
        _api(world.user("coordinator"))
        .get(reverse("api-debrief-detail", kwargs={"pk": debrief.pk}))
        .json()
    )

    assert data["representative_name"] == "Marian Testwell"
    assert data["follow_ups"][0]["owner"] == "Board secretary"


def test_the_debrief_list_reads_flat(world, seat, django_assert_max_num_queries):
    client = _api(world.user("member"))

    def make(count, start):
        for days in range(start, start + count):
            _debrief(world, _board_meeting(world, days=-days))

    make(1, 1)
    with django_assert_max_num_queries(8) as one:
        response = client.get(reverse("api-debrief-list"))
    assert response.json()["count"] == 1
    make(9, 2)
    with django_assert_max_num_queries(len(one.captured_queries)):
        response = client.get(reverse("api-debrief-list"))
    assert response.json()["count"] == 10


def test_a_seat_that_ended_before_the_board_met_reads_no_debrief(world, seat):
    seat.term_end = datetime.date(2026, 2, 1)
    seat.save(update_fields=["term_end"])
    before = _debrief(world, _board_meeting(world, days=-40))
    _debrief(world, _board_meeting(world, days=-7))

    rows = _api(world.user("member")).get(reverse("api-debrief-list")).json()["results"]

    assert [row["id"] for row in rows] == [before.pk]
    assert rows[0]["representative_name"] == "Marian Testwell"
