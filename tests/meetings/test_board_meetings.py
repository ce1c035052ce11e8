"""A decision-making body's board meetings on its page, and a person's seats
on theirs."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from meetings.models import Meeting, Paper
from tests.factories import BodyFactory, SeatFactory

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


def _board_meeting(body, *, days: int, title: str = "Network board", **fields) -> Meeting:
    starts = timezone.now().replace(microsecond=0) + days * DAY
    return Meeting.objects.create(
        organisation=body.organisation,
        body=body,
        kind=Meeting.Kind.BOARD,
        title=title,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
        **fields,
    )


def _paper(meeting, title="Finance report"):
    paper = Paper(meeting=meeting, title=title, original_name="report.pdf", size=9)
    paper.file.save("report.pdf", ContentFile(b"%PDF-1.4\n"), save=False)
    paper.save()
    return paper


def _page(response) -> str:
    assert response.status_code == 200, response
    return response.content.decode()


def test_the_body_page_lists_coming_and_past_board_meetings_with_papers(world, login):
    body = world.objects["body"]
    coming = _board_meeting(body, days=10, title="Board meeting in spring")
    _paper(coming)
    _paper(coming, "Pathway update")
    _board_meeting(body, days=-20, title="Board meeting last winter")
    _board_meeting(world.objects["other_body"], days=5, title="Someone else's board")

    page = _page(login(world.user("coordinator")).get(reverse("body-detail", args=[body.pk])))

    assert "Board meetings" in page
    assert "Board meeting in spring" in page
    assert "2 uploaded" in page
    assert "Board meeting last winter" in page
    assert "Someone else&#x27;s board" not in page
    assert page.index("Coming up") < page.index("Board meeting in spring")
    assert page.index("Past board meetings") < page.index("Board meeting last winter")
    assert f"{reverse('meeting-create')}?body={body.pk}" in page


def test_staff_who_do_not_run_meetings_see_no_board_meetings_section(world, login):
    body = world.objects["body"]
    _board_meeting(body, days=10, title="Board meeting in spring")

    page = _page(login(world.user("commissioner")).get(reverse("body-detail", args=[body.pk])))

    assert "Board meeting in spring" not in page
    assert "Schedule a board meeting" not in page


def test_a_representative_sees_the_board_meetings_they_are_invited_to(world, login):
    body = world.objects["body"]
    invited = _board_meeting(body, days=10, title="Board meeting they go to")
    _board_meeting(body, days=12, title="Board meeting without them")
    invited.invitations.create(person=world.objects["person"])

    page = _page(login(world.user("member")).get(reverse("body-detail", args=[body.pk])))

    assert "Board meeting they go to" in page
    assert "Board meeting without them" not in page
    assert "Schedule a board meeting" not in page


def test_scheduling_from_the_body_page_starts_a_board_meeting_of_that_body(world, login):
    body = world.objects["body"]

    page = _page(
        login(world.user("coordinator")).get(reverse("meeting-create") + f"?body={body.pk}")
    )

    assert f'value="body-{body.pk}" selected' in page
    assert 'value="board" selected' in page


def test_the_body_page_queries_stay_flat_with_more_meetings(world, login, assert_flat_queries):
    body = world.objects["body"]
    client = login(world.user("coordinator"))
    counter = iter(range(1, 1000))

    def grow(n):
        for _ in range(n):
            meeting = _board_meeting(body, days=next(counter))
            _paper(meeting)

    assert_flat_queries(lambda: client.get(reverse("body-detail", args=[body.pk])), grow=grow)


def test_a_persons_page_shows_their_seats(world, login):
    person = world.objects["person"]
    second = BodyFactory(organisation=world.organisation, name="Testshire Foot Care Board")
    SeatFactory(
        body=second,
        membership=world.objects["membership"],
        term_start=timezone.localdate() - 10 * DAY,
        term_end=timezone.localdate() + 100 * DAY,
    )

    page = _page(login(world.user("coordinator")).get(reverse("person-detail", args=[person.pk])))

    assert "Representative seats" in page
    assert "Testshire Diabetes Network Board" in page
    assert "Testshire Foot Care Board" in page
    assert reverse("body-detail", args=[second.pk]) in page


def test_a_seat_that_has_ended_is_not_shown_on_the_persons_page(world, login):
    seat = world.objects["seat"]
    seat.term_start = timezone.localdate() - 100 * DAY
    seat.term_end = timezone.localdate() - DAY
    seat.save()

    page = _page(
        login(world.user("coordinator")).get(
            reverse("person-detail", args=[world.objects["person"].pk])
        )
    )

    assert "Representative seats" not in page


def test_the_body_page_says_which_terms_end_in_the_next_three_months(world, login):
    seat = world.objects["seat"]
    seat.term_start = timezone.localdate() - 300 * DAY
    seat.term_end = timezone.localdate() + 60 * DAY
    seat.save()
    body = world.objects["body"]

    page = _page(login(world.user("coordinator")).get(reverse("body-detail", args=[body.pk])))

    assert "Terms ending in the next three months" in page
    assert f"Marian Testwell: {seat.term_end:%-d %B %Y}" in page


def test_past_board_meetings_show_whether_the_debrief_was_done(world, login):
    from meetings.models import Debrief

    body = world.objects["body"]
    done = _board_meeting(body, days=-40, title="Board meeting debriefed")
    Debrief.objects.create(meeting=done, published_at=timezone.now())
    _board_meeting(body, days=-10, title="Board meeting not debriefed")

    page = _page(login(world.user("coordinator")).get(reverse("body-detail", args=[body.pk])))

    assert "Published" in page
    assert "Not written" in page
