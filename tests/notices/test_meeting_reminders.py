"""Meeting reminders (each group's days, 7 and 1 by default), a chaser to
those who have not replied, a notice at once when a meeting moves, and every
one of them looked at again when it is sent. Time is frozen throughout."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

from involvement.models import Notification
from involvement.services.outbox import notification_send
from meetings.models import Invitation
from meetings.services.meetings import meeting_cancel, meeting_update
from meetings.services.reminders import meeting_reminders_queue
from meetings.tasks import send_meeting_reminders
from tests.factories import PersonFactory
from tests.meetings._scheduling import invite, make_meeting

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
STARTS = datetime(2027, 3, 17, 14, 0, tzinfo=LONDON)

Rsvp = Invitation.Rsvp
Status = Notification.Status


def at(delta: timedelta):
    return time_machine.travel(STARTS - delta, tick=False)


def keys(prefix=""):
    return sorted(
        Notification.objects.filter(idempotency_key__startswith=prefix).values_list(
            "idempotency_key", flat=True
        )
    )


@pytest.fixture
def meeting(world):
    with at(timedelta(days=30)):
        return make_meeting(world.objects["group"], at=STARTS, title="Spring meeting")


@pytest.fixture
def people(meeting):
    coming = PersonFactory(full_name="Ann Coming")
    silent = PersonFactory(full_name="Bob Silent")
    away = PersonFactory(full_name="Cat Away")
    invite(meeting, coming, rsvp=Rsvp.ATTENDING)
    invite(meeting, silent)
    invite(meeting, away, rsvp=Rsvp.APOLOGIES)
    return coming, silent, away


def test_reminders_go_7_days_and_1_day_before_each_once(meeting, people):
    coming, silent, away = people
    prefix = f"meeting:{meeting.pk}:reminder:"
    with at(timedelta(days=7, minutes=1)):
        meeting_reminders_queue()
    assert keys(prefix) == []
    with at(timedelta(days=6, hours=23)):
        assert meeting_reminders_queue() == 2  # the chaser comes later, 5 days before
        assert meeting_reminders_queue() == 0
    assert keys(prefix) == sorted(
        [f"{prefix}7d:person:{coming.pk}", f"{prefix}7d:person:{silent.pk}"]
    )
    with at(timedelta(hours=20)):
        meeting_reminders_queue()
        meeting_reminders_queue()
    assert len(keys(prefix)) == 4
    assert not Notification.objects.filter(recipient=away).exists()


def test_a_group_chooses_its_own_reminder_days(world, meeting, people):
    group = world.objects["group"]
    group.reminder_days = "3"
    group.save()
    with at(timedelta(days=6)):
        meeting_reminders_queue()
    assert keys(f"meeting:{meeting.pk}:reminder:") == []
    with at(timedelta(days=2, hours=12)):
        meeting_reminders_queue()
    assert {key.split(":")[3] for key in keys(f"meeting:{meeting.pk}:reminder:")} == {"3d"}


def test_a_group_with_no_reminder_days_gets_none(world, meeting, people):
    group = world.objects["group"]
    group.reminder_days = ""
    group.save()
    with at(timedelta(hours=20)):
        meeting_reminders_queue()
    assert keys(f"meeting:{meeting.pk}:reminder:") == []


def test_a_meeting_arranged_late_gets_only_the_nearest_reminder(meeting, people):
    with at(timedelta(hours=12)):
        meeting_reminders_queue()
    assert {key.split(":")[3] for key in keys(f"meeting:{meeting.pk}:reminder:")} == {"1d"}


def test_only_those_who_have_not_replied_are_chased_once(meeting, people):
    coming, silent, away = people
    with at(timedelta(days=4)):
        send_meeting_reminders.apply()
        send_meeting_reminders.apply()  # the beat firing twice
    assert keys(f"meeting:{meeting.pk}:chaser:") == [
        f"meeting:{meeting.pk}:chaser:person:{silent.pk}"
    ]


def test_a_chaser_is_not_sent_to_someone_who_replied_meanwhile(meeting, people):
    coming, silent, away = people
    with at(timedelta(days=4)):
        meeting_reminders_queue()
        chaser = Notification.objects.get(idempotency_key__contains=":chaser:")
        Invitation.objects.filter(meeting=meeting, person=silent).update(rsvp=Rsvp.ATTENDING)
        notification_send(notification_id=chaser.pk)
    chaser.refresh_from_db()
    assert chaser.status == Status.CANCELLED
    assert "replied" in chaser.cancelled_reason


def test_a_moved_meetings_reminder_carries_the_new_time_and_people_hear_at_once(meeting, people):
    coming, silent, away = people
    with at(timedelta(days=6, hours=20)):
        meeting_reminders_queue()
        reminder = Notification.objects.get(
            idempotency_key=f"meeting:{meeting.pk}:reminder:7d:person:{coming.pk}"
        )
        assert "2pm" in reminder.body_text
        meeting_update(
            meeting=meeting,
            starts_at=STARTS + timedelta(hours=4),
            ends_at=STARTS + timedelta(hours=6),
        )
        notices = Notification.objects.filter(kind="meeting_changed")
        assert {n.recipient_id for n in notices} == {coming.pk, silent.pk}
        sent = notification_send(notification_id=reminder.pk)
    assert sent.status == Status.SENT
    reminder.refresh_from_db()
    assert "6pm" in reminder.body_text and "2pm" not in reminder.body_text
    assert "6pm" in reminder.subject


def test_a_reminder_for_a_meeting_cancelled_meanwhile_is_cancelled_with_a_reason(meeting, people):
    with at(timedelta(hours=20)):
        meeting_reminders_queue()
        meeting_cancel(meeting=meeting, reason="The room flooded.")
        reminders = list(Notification.objects.filter(kind="meeting_reminder"))
        for reminder in reminders:
            assert notification_send(notification_id=reminder.pk).status == Status.CANCELLED
    for reminder in reminders:
        reminder.refresh_from_db()
        assert reminder.status == Status.CANCELLED
        assert "cancelled" in reminder.cancelled_reason
    # Nothing more is queued for a cancelled meeting.
    with at(timedelta(hours=2)):
        assert meeting_reminders_queue() == 0


def test_reminder_links_are_absolute(settings, meeting, people):
    settings.SITE_URL = "https://involve.example.org"
    with at(timedelta(days=6)):
        meeting_reminders_queue()
    for message in Notification.objects.filter(kind__startswith="meeting_"):
        assert "https://involve.example.org/meetings/mine/" in message.body_text


def _edit_group(client, group, **changes):
    from django.urls import reverse

    data = {
        "name": group.name,
        "purpose": group.purpose,
        "cadence": group.cadence,
        "target_min": str(group.target_min),
        "target_max": str(group.target_max),
        **changes,
    }
    return client.post(reverse("group-edit", args=[group.pk]), data)


def test_the_coordinator_sets_a_groups_reminder_days(world, login):
    group = world.objects["group"]
    client = login(world.user("coordinator"))

    response = _edit_group(client, group, reminder_days=" 2, 14 ,2")

    assert response.status_code == 302
    group.refresh_from_db()
    assert group.reminder_days == "14,2"
    assert group.reminder_offsets == (14, 2)


def test_reminder_days_that_are_not_days_are_refused_and_kept(world, login):
    group = world.objects["group"]
    client = login(world.user("coordinator"))

    response = _edit_group(client, group, reminder_days="a week")

    html = response.content.decode()
    assert response.status_code == 200
    assert "Enter whole days from 1 to 60, separated by commas, like 7,1." in html
    assert "a week" in html
    group.refresh_from_db()
    assert group.reminder_days == "7,1"


def test_a_reminder_held_back_by_a_move_later_goes_again_before_the_new_date(meeting, people):
    coming, silent, away = people
    later = STARTS + timedelta(days=14)
    with at(timedelta(days=6, hours=20)):
        meeting_reminders_queue()
        reminder = Notification.objects.get(
            idempotency_key=f"meeting:{meeting.pk}:reminder:7d:person:{coming.pk}"
        )
        meeting_update(meeting=meeting, starts_at=later, ends_at=later + timedelta(hours=2))
        for waiting in Notification.objects.filter(kind="meeting_reminder"):
            assert notification_send(notification_id=waiting.pk).status == Status.CANCELLED
        reminder.refresh_from_db()
        assert "goes again before the new date" in reminder.cancelled_reason
        assert meeting_reminders_queue() == 0  # not yet: the new date is three weeks off
    meeting.refresh_from_db()
    with time_machine.travel(later - timedelta(days=6, hours=20), tick=False):
        assert meeting_reminders_queue() == 2
        assert meeting_reminders_queue() == 0  # a second run (or beat) queues nothing
        again = Notification.objects.get(
            idempotency_key=(
                f"meeting:{meeting.pk}:reminder:7d:person:{coming.pk}:moved:{meeting.sequence}"
            )
        )
        assert notification_send(notification_id=again.pk).status == Status.SENT
        assert meeting_reminders_queue() == 0
    again.refresh_from_db()
    assert "31 March" in again.body_text


def test_a_reminder_already_sent_is_not_sent_again_after_a_move(meeting, people):
    coming, silent, away = people
    with at(timedelta(days=6, hours=20)):
        meeting_reminders_queue()
        for reminder in Notification.objects.filter(kind="meeting_reminder"):
            notification_send(notification_id=reminder.pk)
        meeting_update(
            meeting=meeting,
            starts_at=STARTS + timedelta(hours=1),
            ends_at=STARTS + timedelta(hours=3),
        )
        assert meeting_reminders_queue() == 0
    assert Notification.objects.filter(kind="meeting_reminder").count() == 2
