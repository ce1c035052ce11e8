"""Scheduling, changing and cancelling single meetings, and the refusals."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from involvement.models import Notification
from meetings.models import Meeting
from meetings.services.meetings import meeting_cancel, meeting_create, meeting_update
from tests.factories import PersonFactory

from ._scheduling import invite, make_meeting, make_venue


def _soon(days=10, hour=18):
    return (timezone.now() + timedelta(days=days)).replace(
        hour=hour, minute=0, second=0, microsecond=0
    )


def _create(group, starts, hours=2, **kwargs):
    kwargs.setdefault("venue", make_venue(group.organisation))
    return meeting_create(
        group=group,
        title="Meeting",
        starts_at=starts,
        ends_at=starts + timedelta(hours=hours),
        **kwargs,
    )


def test_an_overlapping_meeting_for_the_same_group_is_refused(world):
    group = world.objects["group"]
    first = _create(group, _soon())
    with pytest.raises(ValidationError) as refused:
        _create(group, first.starts_at + timedelta(hours=1))
    assert "overlaps" in refused.value.message_dict["starts_at"][0]


def test_another_groups_meeting_at_the_same_time_is_fine(world):
    _create(world.objects["group"], _soon())
    other = world.objects["other_group"]
    assert _create(other, _soon(), venue=make_venue(other.organisation)).pk


def test_a_meeting_in_the_past_is_refused(world):
    with pytest.raises(ValidationError) as refused:
        _create(world.objects["group"], timezone.now() - timedelta(days=1))
    assert "in the past" in refused.value.message_dict["starts_at"][0]


def test_a_meeting_that_ends_before_it_starts_is_refused(world):
    with pytest.raises(ValidationError) as refused:
        _create(world.objects["group"], _soon(), hours=-1)
    assert "end after it starts" in refused.value.message_dict["ends_at"][0]


def test_in_person_needs_a_venue_and_online_needs_a_link(world):
    group = world.objects["group"]
    with pytest.raises(ValidationError) as no_venue:
        _create(group, _soon(), mode="in_person", venue=None)
    assert "venue" in no_venue.value.message_dict
    with pytest.raises(ValidationError) as no_link:
        _create(group, _soon(), mode="online", venue=None)
    assert "video_link" in no_link.value.message_dict
    with pytest.raises(ValidationError) as hybrid:
        _create(group, _soon(), mode="hybrid")
    assert "video_link" in hybrid.value.message_dict
    assert _create(group, _soon(), mode="hybrid", video_link="https://video.example/abc").pk


def test_moving_a_meeting_raises_its_calendar_sequence(world):
    meeting = _create(world.objects["group"], _soon())
    meeting_update(
        meeting=meeting,
        starts_at=meeting.starts_at + timedelta(hours=1),
        ends_at=meeting.ends_at + timedelta(hours=1),
    )
    assert meeting.sequence == 1
    meeting_update(meeting=meeting, kind="workshop")
    assert meeting.sequence == 1


def test_cancelling_notifies_everyone_invited_once(world):
    meeting = make_meeting(world.objects["group"])
    people = [world.objects["person"], PersonFactory(), PersonFactory()]
    for person in people:
        invite(meeting, person)

    meeting_cancel(meeting=meeting, reason="The venue flooded.")
    with pytest.raises(ValidationError):
        meeting_cancel(meeting=meeting, reason="Again")

    notes = Notification.objects.filter(
        idempotency_key__startswith=f"meetings:cancelled:{meeting.pk}:"
    )
    assert notes.count() == 3
    assert {n.recipient_id for n in notes} == {p.pk for p in people}
    assert all("The venue flooded." in n.body_text for n in notes)
    meeting.refresh_from_db()
    assert meeting.status == "cancelled" and meeting.sequence == 1


def test_cancelling_needs_a_reason(world):
    meeting = make_meeting(world.objects["group"])
    with pytest.raises(ValidationError) as refused:
        meeting_cancel(meeting=meeting, reason="  ")
    assert "reason" in refused.value.message_dict


def test_the_coordinator_schedules_a_meeting_on_the_page(world, login):
    client = login(world.user("coordinator"))
    group = world.objects["group"]
    venue = make_venue(world.organisation)
    day = timezone.localdate() + timedelta(days=20)
    response = client.post(
        reverse("meeting-create"),
        {
            "owner": f"group-{group.pk}",
            "kind": "group",
            "title": "Summer meeting",
            "date_0": day.day,
            "date_1": day.month,
            "date_2": day.year,
            "start_time": "18:30",
            "end_time": "20:30",
            "mode": "in_person",
            "venue": venue.pk,
        },
    )
    meeting = Meeting.objects.get(title="Summer meeting")
    assert response.status_code == 302
    assert timezone.localtime(meeting.starts_at).strftime("%H:%M") == "18:30"


def test_the_page_keeps_what_was_typed_and_says_what_to_fix(world, login):
    client = login(world.user("coordinator"))
    group = world.objects["group"]
    day = timezone.localdate() - timedelta(days=3)
    response = client.post(
        reverse("meeting-create"),
        {
            "owner": f"group-{group.pk}",
            "kind": "group",
            "title": "Too late",
            "date_0": day.day,
            "date_1": day.month,
            "date_2": day.year,
            "start_time": "18:30",
            "end_time": "20:30",
            "mode": "online",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Too late" in page
    assert "in the past" in page or "Enter the video link" in page
    assert not Meeting.objects.filter(title="Too late").exists()


def test_a_start_in_the_past_is_explained_beside_the_date(world, login):
    client = login(world.user("coordinator"))
    group = world.objects["group"]
    day = timezone.localdate() - timedelta(days=3)
    response = client.post(
        reverse("meeting-create"),
        {
            "owner": f"group-{group.pk}",
            "kind": "group",
            "title": "Too late",
            "date_0": day.day,
            "date_1": day.month,
            "date_2": day.year,
            "start_time": "18:30",
            "end_time": "20:30",
            "mode": "in_person",
            "venue": make_venue(group.organisation).pk,
        },
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "in the past" in " ".join(errors["date"]) and "starts_at" not in errors
    assert not Meeting.objects.filter(title="Too late").exists()


def test_the_coordinator_generates_six_on_the_group_page(world, login):
    client = login(world.user("coordinator"))
    group = world.objects["group"]
    day = timezone.localdate() + timedelta(days=30)
    response = client.post(
        reverse("group-meetings", kwargs={"pk": group.pk}),
        {
            "kind": "group",
            "first_date_0": day.day,
            "first_date_1": day.month,
            "first_date_2": day.year,
            "start_time": "19:00",
            "end_time": "21:00",
            "mode": "online",
            "video_link": "https://video.example/group",
        },
    )
    assert response.status_code == 302
    assert Meeting.objects.filter(group=group).count() == 6


def test_cancelling_on_the_page(world, login):
    meeting = make_meeting(world.objects["group"])
    invite(meeting, world.objects["person"])
    client = login(world.user("admin_support"))
    response = client.post(reverse("meeting-cancel", kwargs={"pk": meeting.pk}), {"reason": "Snow"})
    assert response.status_code == 302
    assert (
        Notification.objects.filter(
            recipient=world.objects["person"], subject__startswith="Cancelled"
        ).count()
        == 1
    )


def test_meeting_list_queries_stay_flat(world, login, assert_flat_queries):
    client = login(world.user("coordinator"))
    group = world.objects["group"]
    made = []

    def grow(n):
        for _ in range(n):
            meeting = make_meeting(group, days=5 + 3 * len(made))
            invite(meeting, PersonFactory(), rsvp="attending")
            made.append(meeting)

    assert_flat_queries(lambda: client.get(reverse("meeting-list")), grow=grow)


def test_my_meetings_queries_stay_flat(world, login, assert_flat_queries):
    client = login(world.user("member"))
    group = world.objects["group"]
    person = world.objects["person"]
    made = []

    def grow(n):
        for _ in range(n):
            meeting = make_meeting(group, days=5 + 3 * len(made))
            invite(meeting, person)
            made.append(meeting)

    assert_flat_queries(lambda: client.get(reverse("my-meetings")), grow=grow)


def test_your_meetings_offers_to_change_a_reply_already_given(world, login):
    client = login(world.user("member"))
    group = world.objects["group"]
    person = world.objects["person"]
    unanswered = invite(make_meeting(group, days=5), person)
    answered = invite(make_meeting(group, days=9), person, rsvp="attending")

    page = client.get(reverse("my-meetings")).content.decode()

    assert '<h1 class="nhsuk-heading-l">Your meetings</h1>' in page
    reply = reverse("invitation-reply", args=[unanswered.pk])
    change = reverse("invitation-reply", args=[answered.pk])
    assert f'<a href="{reply}">Reply<span' in page
    assert f'<a href="{change}">Change your reply<span' in page


def test_home_lists_the_members_next_meetings_with_their_reply(world, login):
    client = login(world.user("member"))
    group = world.objects["group"]
    person = world.objects["person"]
    soon = make_meeting(group, days=5)
    invite(soon, person, rsvp="attending")
    later = make_meeting(group, days=12)

    page = client.get(reverse("home")).content.decode()

    assert "<h2>Your next meetings</h2>" in page
    assert f'href="{reverse("meeting-detail", args=[soon.pk])}"' in page
    assert f'href="{reverse("meeting-detail", args=[later.pk])}"' in page
    assert "Your reply: Coming" in page
    assert "Change your reply" in page
    assert page.index(soon.title) < page.rindex(later.title)

    # A member with no meetings is told where they will appear.
    soon.delete()
    later.delete()
    page = client.get(reverse("home")).content.decode()
    assert "<h2>Your next meetings</h2>" in page
    assert f'href="{reverse("my-meetings")}"' in page
