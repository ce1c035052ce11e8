"""The meetings demo: venues, six upcoming meetings per group (one hybrid, one
in the evening), agendas, replies, a past meeting with attendance; idempotent."""

import pytest
from django.utils import timezone

from involvement.demo import seed as seed_core
from meetings.demo import PAST_MEETING_TOPIC, seed
from meetings.models import AgendaItem, Invitation, Meeting, Venue


@pytest.mark.django_db
def test_the_meetings_demo_is_complete_and_idempotent():
    seed_core()
    seed()
    counts = (Venue.objects.count(), Meeting.objects.count(), Invitation.objects.count())
    seed()
    assert (Venue.objects.count(), Meeting.objects.count(), Invitation.objects.count()) == counts

    upcoming = Meeting.objects.filter(kind="group", starts_at__gte=timezone.now())
    by_group = {}
    for meeting in upcoming:
        by_group.setdefault(meeting.group_id, []).append(meeting)
    assert by_group and all(len(series) >= 6 for series in by_group.values())
    assert upcoming.filter(mode="hybrid").exclude(video_link="").exists()
    assert any(timezone.localtime(m.starts_at).hour >= 18 for m in upcoming)
    assert AgendaItem.objects.filter(kind="you_said_we_did").exists()
    assert {"attending", "apologies", "no_reply"} <= set(
        Invitation.objects.filter(meeting__in=upcoming).values_list("rsvp", flat=True)
    )
    assert Invitation.objects.filter(
        meeting__title__endswith=PAST_MEETING_TOPIC, attended=True
    ).exists()


@pytest.mark.django_db
def test_the_demo_role_and_messages_tell_the_same_story_as_the_demo_meetings():
    """The Fellside role says when and where the group meets, and the demo
    messages name its next meeting: both as the demo meetings are, and dated
    from today, so the demo always tells a current story."""
    from involvement.clock import clock
    from involvement.models import Notification
    from recruitment.demo import seed as seed_recruitment
    from recruitment.models import RoleDescription

    seed_core()
    seed()
    seed_recruitment()

    from recruitment.demo import MEMBER_ROLE_TITLE

    role = RoleDescription.objects.get(organisation__slug="fellside", title=MEMBER_ROLE_TITLE)
    upcoming = Meeting.objects.filter(
        group=role.group, kind="group", starts_at__gte=timezone.now()
    ).order_by("starts_at")
    first = upcoming.first()
    starts = timezone.localtime(first.starts_at)
    assert first.venue.name in role.meeting_pattern
    assert f"{starts:%A}" in role.meeting_pattern and clock(starts) in role.meeting_pattern
    day = f"{starts:%A} {starts.day} {starts:%B} at {clock(starts)}"
    assert Notification.objects.filter(
        organisation__slug="fellside", body_text__contains=day
    ).exists()
    assert Notification.objects.filter(body_text__contains=first.venue.name).exists()
