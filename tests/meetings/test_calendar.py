"""The iCalendar feeds, parsed with the icalendar package."""

from datetime import UTC

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from meetings.models import CalendarToken
from meetings.services.calendar import calendar_token_for
from meetings.services.meetings import meeting_cancel

from ._scheduling import invite, make_meeting

pytestmark = pytest.mark.calendar_sensitive


def _parse(response):
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    return calendar, list(calendar.walk("VEVENT"))


def test_the_personal_feed_lists_the_persons_meetings_as_valid_events(world, client):
    person = world.objects["person"]
    meeting = make_meeting(
        world.objects["group"], mode="hybrid", video_link="https://video.example/x"
    )
    invite(meeting, person)
    make_meeting(world.objects["other_group"], title="Not mine")
    token = calendar_token_for(person=person)

    calendar, events = _parse(client.get(reverse("calendar-feed", kwargs={"token": token.token})))

    assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
    assert len(events) == 1
    event = events[0]
    assert str(event["UID"]) == f"meeting-{meeting.pk}@involve"
    assert event.decoded("DTSTART") == meeting.starts_at.astimezone(UTC)
    assert event.decoded("DTEND") == meeting.ends_at.astimezone(UTC)
    assert event["STATUS"] == "CONFIRMED"
    assert "Testshire Community Hall" in str(event["LOCATION"])
    assert "https://video.example/x" in str(event["DESCRIPTION"])
    assert str(event["URL"]) == "https://video.example/x"
    assert "DTSTAMP" in event and int(event["SEQUENCE"]) == 0


def test_a_cancelled_meeting_stays_in_the_feed_as_cancelled_with_the_same_uid(world, client):
    person = world.objects["person"]
    meeting = make_meeting(world.objects["group"])
    invite(meeting, person)
    url = reverse("calendar-feed", kwargs={"token": calendar_token_for(person=person).token})
    _, before = _parse(client.get(url))

    meeting_cancel(meeting=meeting, reason="Venue closed")
    _, after = _parse(client.get(url))

    assert str(after[0]["UID"]) == str(before[0]["UID"])
    assert after[0]["STATUS"] == "CANCELLED"
    assert int(after[0]["SEQUENCE"]) > int(before[0]["SEQUENCE"])


def test_a_new_address_revokes_the_old_one(world, client, login):
    person = world.objects["person"]
    old = calendar_token_for(person=person).token
    member = login(world.user("member"))
    member.post(reverse("calendar-regenerate"))
    new = CalendarToken.objects.get(person=person).token

    assert new != old
    client.logout()
    assert client.get(reverse("calendar-feed", kwargs={"token": old})).status_code == 404
    assert client.get(reverse("calendar-feed", kwargs={"token": new})).status_code == 200


def test_an_unknown_token_is_not_found(db, client):
    assert client.get(reverse("calendar-feed", kwargs={"token": "guess"})).status_code == 404


def test_the_group_feed_for_a_member_has_the_groups_meetings_in_utc(world, login):
    meeting = make_meeting(world.objects["group"], days=200)  # across a clock change
    client = login(world.user("member"))
    _, events = _parse(
        client.get(reverse("group-calendar-feed", kwargs={"pk": world.objects["group"].pk}))
    )
    assert [e.decoded("DTSTART") for e in events] == [meeting.starts_at.astimezone(UTC)]
    local = timezone.localtime(meeting.starts_at)
    assert events[0].decoded("DTSTART").astimezone(local.tzinfo).time() == local.time()


def test_the_calendar_page_shows_the_secret_address(world, login):
    client = login(world.user("member"))
    page = client.get(reverse("my-calendar")).content.decode()
    token = CalendarToken.objects.get(person=world.objects["person"]).token
    assert token in page


def test_feed_queries_stay_flat(world, client, assert_flat_queries):
    person = world.objects["person"]
    url = reverse("calendar-feed", kwargs={"token": calendar_token_for(person=person).token})
    made = []

    def grow(n):
        for _ in range(n):
            made.append(
                invite(make_meeting(world.objects["group"], days=3 + 3 * len(made)), person)
            )

    assert_flat_queries(lambda: client.get(url), grow=grow)


def test_feed_times_are_utc_in_the_text(world, client):
    person = world.objects["person"]
    invite(make_meeting(world.objects["group"], days=3), person)
    text = client.get(
        reverse("calendar-feed", kwargs={"token": calendar_token_for(person=person).token})
    ).content.decode()
    start_line = next(line for line in text.splitlines() if line.startswith("DTSTART"))
    assert start_line.endswith("Z")


def test_the_personal_feed_shows_the_groups_meetings_before_invitations_go_out(world, client):
    person = world.objects["person"]
    meeting = make_meeting(world.objects["group"], days=40)
    url = reverse("calendar-feed", kwargs={"token": calendar_token_for(person=person).token})
    _, events = _parse(client.get(url))
    assert [str(e["UID"]) for e in events] == [f"meeting-{meeting.pk}@involve"]
