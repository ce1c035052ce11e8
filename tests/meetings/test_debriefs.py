"""The debrief after a board meeting: written by the representative, points
raised and the board's answers kept, published by the coordinator, each
point then a "you said" item (once) with the board's answer as its first
draft "we did" response."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from involvement.errors import ApplicationError
from meetings.models import AgendaItem, Debrief, Meeting
from meetings.services.agenda import agenda_add_standing_items
from meetings.services.debriefs import FollowUpIn, PointIn, debrief_publish, debrief_save
from meetings.summary_sections import sections_for
from workplans.models import FeedbackItem

pytestmark = pytest.mark.django_db

HOUR = datetime.timedelta(hours=1)


def _board_meeting(world, *, starts=None) -> Meeting:
    if starts is None:
        now = timezone.localtime()
        starts = max(now - HOUR, now.replace(hour=0, minute=1))
    return Meeting.objects.create(
        organisation=world.organisation,
        body=world.objects["body"],
        kind=Meeting.Kind.BOARD,
        title="Network board, spring",
        starts_at=starts,
        ends_at=starts + 2 * HOUR,
    )


def _save(world, meeting, *, points, support_notes=None, user=None):
    return debrief_save(
        meeting=meeting,
        representative=world.objects["person"],
        discussed="The new foot care pathway.",
        decisions="The pathway starts in June.",
        points=points,
        follow_ups=[FollowUpIn("Send the pathway leaflet", "Board secretary", None)],
        support_notes=support_notes,
        saved_by=user,
    )


POINTS = [
    PointIn("Evening clinics for people who work.", "Being costed for next year."),
    PointIn("Leaflets in Polish and Urdu.", ""),
]


def test_publishing_makes_each_point_a_you_said_item_with_the_board_as_destination(world):
    meeting = _board_meeting(world)
    coordinator = world.user("coordinator")
    debrief = _save(world, meeting, points=POINTS)

    debrief_publish(debrief=debrief, published_by=coordinator)

    items = list(FeedbackItem.objects.order_by("id"))
    assert [item.text for item in items] == [p.point for p in POINTS]
    assert all(item.body == world.objects["body"] for item in items)
    assert all(item.group == world.objects["group"] for item in items)
    assert all(item.source == FeedbackItem.Source.DEBRIEF for item in items)
    first = items[0].responses.get()
    assert first.published_at is None  # a draft, for the coordinator to check
    assert "Being costed for next year." in first.what_happened
    assert not items[1].responses.exists()  # no answer, no response


def test_saving_a_published_debrief_again_makes_no_second_item(world):
    meeting = _board_meeting(world)
    debrief = debrief_publish(debrief=_save(world, meeting, points=POINTS))

    _save(world, meeting, points=POINTS)
    _save(world, meeting, points=[*POINTS, PointIn("Parking at the hospital.", "")])

    assert FeedbackItem.objects.count() == 3
    assert debrief.points.filter(feedback_item__isnull=True).count() == 0


def test_a_draft_debrief_makes_no_items_and_cannot_be_published_twice(world):
    meeting = _board_meeting(world)
    debrief = _save(world, meeting, points=POINTS)
    assert FeedbackItem.objects.count() == 0

    debrief_publish(debrief=debrief)
    with pytest.raises(ApplicationError):
        debrief_publish(debrief=debrief)
    assert FeedbackItem.objects.count() == 2


def test_no_debrief_before_the_board_meeting_starts(world):
    meeting = _board_meeting(world, starts=timezone.now() + 48 * HOUR)

    with pytest.raises(ApplicationError, match="once the board meeting has started"):
        _save(world, meeting, points=POINTS)


def test_the_representative_writes_the_debrief_on_the_page(world, login):
    meeting = _board_meeting(world)
    client = login(world.user("member"))
    url = reverse("meeting-debrief", args=[meeting.pk])

    page = client.get(url).content.decode()
    assert "Point 1 raised" in page
    assert "How it went for the representative" not in page  # coordinators only

    response = client.post(
        url,
        {
            "representative": world.objects["person"].pk,
            "discussed": "The pathway.",
            "decisions": "",
            "point_1": "Evening clinics.",
            "answer_1": "Being costed.",
            "follow_1_what": "Send the leaflet",
            "follow_1_owner": "Board secretary",
        },
    )

    assert response.status_code == 302
    debrief = Debrief.objects.get(meeting=meeting)
    assert [(p.point, p.answer) for p in debrief.points.all()] == [
        ("Evening clinics.", "Being costed.")
    ]
    assert debrief.follow_ups.get().owner == "Board secretary"


def test_the_representative_cannot_see_or_change_the_support_notes(world, login):
    meeting = _board_meeting(world)
    _save(world, meeting, points=POINTS, support_notes="Wants a buddy for the next one.")
    client = login(world.user("member"))
    url = reverse("meeting-debrief", args=[meeting.pk])

    assert "Wants a buddy" not in client.get(url).content.decode()
    client.post(
        url,
        {
            "representative": world.objects["person"].pk,
            "discussed": "Changed.",
            "support_notes": "Overwritten by the rep",
            "point_1": "Evening clinics.",
        },
    )

    debrief = Debrief.objects.get(meeting=meeting)
    assert debrief.discussed == "Changed."
    assert debrief.support_notes == "Wants a buddy for the next one."
    coordinator_page = login(world.user("coordinator")).get(url).content.decode()
    assert "Wants a buddy for the next one." in coordinator_page


def test_an_answer_without_its_point_is_refused_and_what_was_typed_kept(world, login):
    meeting = _board_meeting(world)
    client = login(world.user("coordinator"))

    response = client.post(
        reverse("meeting-debrief", args=[meeting.pk]),
        {"representative": world.objects["person"].pk, "answer_2": "The board said no."},
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "Enter the point the board was answering" in page
    assert "The board said no." in page
    assert not Debrief.objects.exists()


def test_the_coordinator_publishes_from_the_page(world, login):
    meeting = _board_meeting(world)
    _save(world, meeting, points=POINTS)
    client = login(world.user("coordinator"))

    response = client.post(reverse("meeting-debrief-publish", args=[meeting.pk]))

    assert response.status_code == 302
    assert Debrief.objects.get(meeting=meeting).published_at is not None
    assert FeedbackItem.objects.filter(body=world.objects["body"]).count() == 2


# --- report back ----------------------------------------------------------------


def _group_meeting(world, *, days: int) -> Meeting:
    starts = timezone.now() + datetime.timedelta(days=days)
    return Meeting.objects.create(
        organisation=world.organisation,
        group=world.objects["group"],
        title="Testshire Diabetes Voices: meeting",
        starts_at=starts,
        ends_at=starts + 2 * HOUR,
    )


def test_a_published_debrief_goes_on_the_groups_next_meeting_agenda_once(world):
    next_meeting = _group_meeting(world, days=7)
    later = _group_meeting(world, days=35)
    meeting = _board_meeting(world)
    debrief = _save(world, meeting, points=POINTS, support_notes="Found it hard to get a word in.")

    debrief_publish(debrief=debrief)
    _save(world, meeting, points=POINTS)  # saved again after publishing
    agenda_add_standing_items(meeting=next_meeting)
    agenda_add_standing_items(meeting=later)

    items = list(AgendaItem.objects.filter(title__startswith="Report back"))
    assert len(items) == 1
    assert items[0].meeting == next_meeting
    assert items[0].kind == AgendaItem.Kind.REPRESENTATIVES
    assert "Evening clinics for people who work." in items[0].description
    assert "Being costed for next year." in items[0].description
    assert "Found it hard" not in items[0].description  # coordinators only


def test_with_no_meeting_scheduled_the_report_back_waits_for_the_next_agenda(world):
    meeting = _board_meeting(world)
    debrief_publish(debrief=_save(world, meeting, points=POINTS))
    assert not AgendaItem.objects.filter(title__startswith="Report back").exists()

    next_meeting = _group_meeting(world, days=14)
    agenda_add_standing_items(meeting=next_meeting)
    agenda_add_standing_items(meeting=next_meeting)

    assert next_meeting.agenda_items.filter(title__startswith="Report back").count() == 1


def test_the_report_back_is_in_that_meetings_feedback_summary(world):
    next_meeting = _group_meeting(world, days=7)
    meeting = _board_meeting(world)
    debrief_publish(debrief=_save(world, meeting, points=POINTS))

    sections = [s for s in sections_for(next_meeting) if s.title.startswith("Report back")]

    assert len(sections) == 1
    headings = [line.heading for line in sections[0].lines]
    assert "We raised: Evening clinics for people who work." in headings


def test_members_see_the_report_back_on_their_meeting_page(world, login):
    next_meeting = _group_meeting(world, days=7)
    debrief_publish(debrief=_save(world, _board_meeting(world), points=POINTS))

    page = login(world.user("member")).get(reverse("meeting-detail", args=[next_meeting.pk]))

    assert "Report back: Testshire Diabetes Network Board" in page.content.decode()
