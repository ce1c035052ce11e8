"""One way to write a time of day, the NHS way ("10:30am"), on pages, in PDFs
and in messages."""

from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template
from django.urls import reverse

from involvement.clock import clock, day_and_clock
from meetings.services.meetings import _describe
from tests.meetings._scheduling import invite, make_meeting

LONDON = ZoneInfo("Europe/London")


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (time(10, 30), "10:30am"),
        (time(9, 0), "9am"),
        (time(13, 30), "1:30pm"),
        (time(18, 5), "6:05pm"),
        (time(12, 0), "midday"),
        (time(0, 0), "midnight"),
        (time(0, 15), "12:15am"),
        (time(12, 45), "12:45pm"),
        (None, ""),
    ],
)
def test_a_time_of_day_is_written_the_nhs_way(value, shown):
    assert clock(value) == shown


def test_an_aware_moment_is_shown_in_london_time_summer_and_winter():
    assert clock(datetime(2026, 7, 1, 9, 30, tzinfo=UTC)) == "10:30am"
    assert clock(datetime(2026, 12, 1, 9, 30, tzinfo=UTC)) == "9:30am"
    assert day_and_clock(datetime(2026, 12, 1, 23, 30, tzinfo=UTC)) == "1 December 2026, 11:30pm"
    assert day_and_clock(datetime(2026, 6, 30, 23, 30, tzinfo=UTC)) == "1 July 2026, 12:30am"


def test_templates_and_messages_use_the_same_filter():
    moment = datetime(2026, 12, 8, 10, 30, tzinfo=LONDON)
    rendered = Template('{{ m|clock }} / {{ m|day_and_clock:"j M Y" }}').render(
        Context({"m": moment})
    )
    assert rendered == "10:30am / 8 Dec 2026, 10:30am"
    assert _describe(moment) == "Tuesday 8 December 2026 at 10:30am"


def test_the_meeting_page_shows_its_times_the_nhs_way(world, login):
    meeting = make_meeting(
        world.objects["group"], at=datetime(2027, 1, 12, 10, 30, tzinfo=LONDON), hours=2
    )
    invite(meeting, world.objects["person"])
    page = login(world.user("member")).get(reverse("meeting-detail", args=[meeting.pk]))
    text = page.content.decode()
    assert page.status_code == 200
    assert "10:30am to 12:30pm" in text
    assert "a.m." not in text and "p.m." not in text
