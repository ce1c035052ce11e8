"""The board representatives' journey, in a real browser: the coordinator
schedules a board meeting from the body's page and writes the briefing (a
plain-English summary of the board's paper, glossary terms); a member of the
group adds a point for the representatives; the coordinator has the pack
made and sends it to the representatives; the representative opens the
briefing; after the meeting the coordinator writes and publishes the
debrief, and the point comes back as a "you said" item with the board's
answer."""

from __future__ import annotations

import datetime
import re

from django.utils import timezone

from meetings.models import Briefing, Meeting, Paper
from meetings.tasks import build_briefing_pack
from tests.factories import MembershipFactory, PersonFactory, UserFactory
from workplans.models import FeedbackItem

POINT = "Ask when the evening foot clinic will open."
ANSWER = "The board agreed to open it in the spring."


def _main(page) -> str:
    return page.locator("main").inner_text()


def _click(page, name: str, timeout: float = 10_000) -> None:
    """Press a button and wait for the page it leads to."""
    with page.expect_navigation(timeout=timeout):
        page.locator("main").get_by_role("button", name=name).click()


def test_board_meeting_briefing_points_pack_debrief_and_you_said(
    world, as_user, url, assert_no_serious_violations
):
    body = world.objects["body"]
    seat = world.objects["seat"]  # the world's member sits on the board
    seat.term_start = timezone.localdate() - datetime.timedelta(days=365)
    seat.save(update_fields=["term_start"])
    member = PersonFactory(
        user=UserFactory(email="priya@example.org"),
        full_name="Priya Shah",
        email="priya@example.org",
    )
    MembershipFactory(person=member, group=world.objects["group"], status="active")
    day = timezone.localdate() + datetime.timedelta(days=10)

    # The coordinator schedules the board meeting from the body's page.
    page = as_user(world.user("coordinator"))
    page.goto(url("body-detail", pk=body.pk))
    page.get_by_role("link", name=re.compile("^Schedule a board meeting")).click()
    page.get_by_label("Title").fill("Testshire Network Board")
    page.get_by_label("Day", exact=True).fill(str(day.day))
    page.get_by_label("Month", exact=True).fill(str(day.month))
    page.get_by_label("Year", exact=True).fill(str(day.year))
    page.get_by_label("Start time").fill("18:00")
    page.get_by_label("End time").fill("20:00")
    page.get_by_label("Online (video call)").check()
    page.get_by_label("Video link").fill("https://meet.example.org/board")
    _click(page, "Schedule the meeting")
    assert "Testshire Network Board has been scheduled" in page.locator("body").inner_text()
    meeting = Meeting.objects.get(body=body, title="Testshire Network Board")
    assert meeting.kind == Meeting.Kind.BOARD
    # The board publishes its paper.
    Paper.objects.create(meeting=meeting, title="Foot care business case")

    # ... and writes the briefing: the paper in plain English, glossary terms.
    page.goto(url("meeting-briefing-edit", pk=meeting.pk))
    page.get_by_label("What to expect at the meeting").fill(
        "The chair asks the representatives to speak after each item."
    )
    page.get_by_label("Summary of “Foot care business case”").fill(
        "The ICB wants to pay for more foot checks near where people live."
    )
    page.get_by_role("checkbox", name=re.compile("^ICB")).check()
    _click(page, "Save the briefing")
    assert "The briefing has been saved" in page.locator("body").inner_text()
    assert Briefing.objects.get(meeting=meeting).glossary_terms == ["ICB"]

    # A member of the group adds a point for the representatives.
    page = as_user(member.user)
    page.goto(url("meeting-briefing", pk=meeting.pk))
    page.get_by_role("link", name="Add a point for the representatives").click()
    page.get_by_label("What do you want the representatives to raise?").fill(POINT)
    _click(page, "Add the point")
    assert "The point has been added" in page.locator("body").inner_text()

    # The coordinator has the pack made (in the background) and sends it.
    page = as_user(world.user("coordinator"))
    page.goto(url("meeting-briefing", pk=meeting.pk))
    # The pack is made by the worker, not in the request: run the queued task
    # as the worker would (twice is harmless: the same inputs are not built again).
    _click(page, "Make the briefing pack")
    build_briefing_pack(Briefing.objects.get(meeting=meeting).pk)
    assert Briefing.objects.get(meeting=meeting).pack_state == Briefing.PackState.READY
    page.goto(url("meeting-briefing", pk=meeting.pk))
    assert "Download the briefing pack" in _main(page)
    _click(page, "Send to the representatives")
    assert "on its way to 1 representative" in page.locator("body").inner_text()

    # The representative opens the briefing.
    page = as_user(world.user("member"))
    page.goto(url("meeting-briefing", pk=meeting.pk))
    briefing_text = _main(page)
    assert POINT in briefing_text
    assert "The ICB wants to pay for more foot checks" in briefing_text
    assert_no_serious_violations(page, "The representative's briefing")

    # After the meeting, the coordinator writes and publishes the debrief.
    held = timezone.now() - datetime.timedelta(days=1)
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=held, ends_at=held + datetime.timedelta(hours=2)
    )
    page = as_user(world.user("coordinator"))
    page.goto(url("meeting-debrief", pk=meeting.pk))
    page.get_by_label("Representative who went").select_option(
        value=str(world.objects["person"].pk)
    )
    page.get_by_label("What was discussed").fill("The foot care business case.")
    page.get_by_label("Point 1 raised").fill(POINT)
    page.get_by_label("The board's answer to point 1").fill(ANSWER)
    _click(page, "Save the debrief")
    assert "The debrief has been saved" in page.locator("body").inner_text()
    _click(page, "Publish the debrief")
    assert "The debrief has been published" in page.locator("body").inner_text()

    # The point is a "you said" item for the board, with the board's answer.
    item = FeedbackItem.objects.get(body=body)
    assert item.text == POINT
    assert ANSWER in item.responses.get().what_happened
