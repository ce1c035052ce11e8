"""The phone call list: before a coordinator marks a call as made, the
message is checked again like any other send. A call no longer needed (its
meeting cancelled, or a kind of message the person turned off) is cancelled
with the reason, shown so on the list, and never marked made. Time is frozen."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from involvement.errors import ApplicationError
from involvement.models import Notification
from involvement.services import outbox
from involvement.services.people import person_choose_messages
from meetings.models import Meeting
from tests.factories import PersonFactory
from tests.meetings._scheduling import invite, make_meeting

pytestmark = [pytest.mark.django_db, pytest.mark.calendar_sensitive]

LONDON = ZoneInfo("Europe/London")
NOW = datetime(2027, 3, 15, 10, 0, tzinfo=LONDON)
Status = Notification.Status


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def reminder_call(world, *, name="Carl Caller"):
    person = PersonFactory(full_name=name, contact_channel="phone", phone="01632 960 123")
    meeting = make_meeting(world.objects["group"], at=NOW + timedelta(days=7), title="Spring")
    invite(meeting, person)
    notification = outbox.notification_queue(
        recipient=person,
        organisation=world.organisation,
        subject="Reminder: Spring meeting next week",
        body_text="Our Spring meeting is next Monday.",
        idempotency_key=f"meeting:{meeting.pk}:reminder:7d:person:{person.pk}",
        kind="meeting_reminder",
        about=f"meeting:{meeting.pk}:7",
    )
    return notification, meeting


def test_a_call_about_a_cancelled_meeting_is_cancelled_not_made(world, login):
    call, meeting = reminder_call(world)
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.CANCELLED)
    client = login(world.user("coordinator"))

    response = client.post(reverse("message-mark-called", args=[call.pk]), follow=True)

    call.refresh_from_db()
    assert call.status == Status.CANCELLED
    assert call.sent_at is None
    assert "The meeting was cancelled" in call.cancelled_reason
    page = response.content.decode()
    assert "This call is no longer needed" in page
    assert "Calls no longer needed" in page
    assert "Carl Caller" in page
    assert "There are no calls to make" in page


def test_a_call_the_person_no_longer_wants_is_cancelled_with_the_reason(world):
    call, _ = reminder_call(world, name="Nora Nothanks")
    person_choose_messages(person=call.recipient, wanted=[])

    with pytest.raises(ApplicationError, match="no longer needed"):
        outbox.notification_mark_called(notification=call, called_by=world.user("coordinator"))

    call.refresh_from_db()
    assert call.status == Status.CANCELLED  # kept cancelled, not rolled back
    assert "chose not to get this kind of message" in call.cancelled_reason


def test_a_call_still_needed_is_marked_made(world):
    call, _ = reminder_call(world)

    outbox.notification_mark_called(notification=call, called_by=world.user("coordinator"))

    call.refresh_from_db()
    assert call.status == Status.SENT
    assert call.sent_at is not None


def test_the_call_list_reads_flat_with_calls_no_longer_needed(world, login, assert_flat_queries):
    client = login(world.user("coordinator"))
    made = []

    def grow(n):
        for _ in range(n):
            call, _ = reminder_call(world, name=f"Person {len(made)}")
            outbox.notification_cancel(notification=call, cancelled_by=world.user("coordinator"))
            Notification.objects.filter(pk=call.pk).update(cancelled_reason="No longer needed.")
            made.append(call)

    assert_flat_queries(
        lambda: client.get(reverse("call-list", args=[world.organisation.pk])), grow=grow
    )
    page = client.get(reverse("call-list", args=[world.organisation.pk])).content.decode()
    assert page.count("No longer needed.") == 10
