"""A board debrief on a phone, in a real browser: the representative records
what was discussed and each point raised with the board's answer on a
390-pixel-wide screen; the coordinator publishes it; the points are "you
said" items with the board's answers as draft responses; and the group's
next meeting has the report back on its agenda, once."""

from __future__ import annotations

import datetime

from django.utils import timezone

from meetings.models import AgendaItem, Debrief, Meeting
from workplans.models import FeedbackItem

from ..access.debriefs import board_meeting

PHONE = {"width": 390, "height": 844}


def _fits_the_screen(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def _click(page, name: str) -> None:
    page.locator("main").get_by_role("button", name=name).click()
    page.wait_for_load_state()


def test_debrief_on_a_phone_to_you_said_and_report_back(
    world, as_user, url, assert_no_serious_violations
):
    meeting = board_meeting(world)
    Debrief.objects.filter(meeting=meeting).delete()  # written here, from nothing
    starts = timezone.now() + datetime.timedelta(days=10)
    next_meeting = Meeting.objects.create(
        organisation=world.organisation,
        group=world.objects["group"],
        title="Testshire Diabetes Voices: next meeting",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
    )

    page = as_user(world.user("member"))
    page.set_viewport_size(PHONE)
    page.goto(url("meeting-debrief", pk=meeting.pk))
    assert _fits_the_screen(page)
    assert_no_serious_violations(page, "Debrief on a phone")
    assert "How it went for the representative" not in page.locator("main").inner_text()
    page.get_by_label("What was discussed").fill("The new foot care pathway.")
    page.get_by_label("Point 1 raised").fill("Evening clinics for people who work.")
    page.get_by_label("The board's answer to point 1").fill("They will be costed this year.")
    page.get_by_label("Point 2 raised").fill("Leaflets in Polish and Urdu.")
    page.get_by_label("Follow-up 1: what needs doing").fill("Send the pathway leaflet")
    page.get_by_label("Follow-up 1: who").fill("Board secretary")
    _click(page, "Save the debrief")
    assert "The debrief has been saved" in page.locator("body").inner_text()
    assert _fits_the_screen(page)

    coordinator = as_user(world.user("coordinator"))
    coordinator.goto(url("meeting-debrief", pk=meeting.pk))
    coordinator.get_by_label("How it went for the representative").fill(
        "Would like a buddy next time."
    )
    _click(coordinator, "Save the debrief")
    _click(coordinator, "Publish the debrief")
    assert "The debrief has been published" in coordinator.locator("body").inner_text()

    items = {item.text: item for item in FeedbackItem.objects.filter(body=meeting.body)}
    assert set(items) == {"Evening clinics for people who work.", "Leaflets in Polish and Urdu."}
    answer = items["Evening clinics for people who work."].responses.get()
    assert "They will be costed this year." in answer.what_happened
    assert answer.published_at is None

    report_backs = AgendaItem.objects.filter(
        meeting=next_meeting, kind=AgendaItem.Kind.REPRESENTATIVES
    )
    assert report_backs.count() == 1
    assert "Would like a buddy" not in report_backs.get().description

    page = as_user(world.user("member"))  # the same browser, the member again
    page.goto(url("meeting-detail", pk=next_meeting.pk))
    assert "Report back: Testshire Diabetes Network Board" in page.locator("main").inner_text()
