"""Owners hear about actions due within 3 days, and once more when overdue;
each once, and not at all once the action is done."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from involvement.models import Notification
from involvement.services.outbox import notification_send
from meetings.models import Action
from meetings.services.reminders import action_reminders_queue
from meetings.tasks import send_action_reminders
from tests.factories import PersonFactory
from tests.meetings._scheduling import make_meeting

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
DUE = date(2027, 4, 20)


@pytest.fixture
def action(world):
    with time_machine.travel(datetime(2027, 3, 1, 10, tzinfo=LONDON), tick=False):
        meeting = make_meeting(world.objects["group"], days=-1, title="March meeting")
    return Action.objects.create(
        meeting=meeting,
        description="Ask the pharmacy about opening hours",
        owner_person=PersonFactory(full_name="Ann Owner"),
        due_on=DUE,
    )


def keys():
    return sorted(
        Notification.objects.filter(kind="action_due").values_list("idempotency_key", flat=True)
    )


def test_the_owner_hears_when_due_soon_and_when_overdue_once_each(action):
    person = action.owner_person_id
    assert action_reminders_queue(today=date(2027, 4, 16)) == 0
    assert action_reminders_queue(today=date(2027, 4, 17)) == 1
    assert action_reminders_queue(today=date(2027, 4, 18)) == 0
    with time_machine.travel(datetime(2027, 4, 21, 9, tzinfo=LONDON), tick=False):
        send_action_reminders.apply()
        send_action_reminders.apply()
    assert keys() == [
        f"action:{action.pk}:due-soon:person:{person}",
        f"action:{action.pk}:overdue:person:{person}",
    ]
    overdue = Notification.objects.get(idempotency_key__contains=":overdue:")
    assert "was due on Tuesday 20 April 2027" in overdue.body_text
    assert action.description in overdue.body_text


def test_an_action_done_before_its_reminder_goes_is_not_chased(action):
    with time_machine.travel(datetime(2027, 4, 18, 9, tzinfo=LONDON), tick=False):
        action_reminders_queue()
        reminder = Notification.objects.get(kind="action_due")
        Action.objects.filter(pk=action.pk).update(status=Action.Status.DONE)
        result = notification_send(notification_id=reminder.pk)
    assert result.status == Notification.Status.CANCELLED
    assert result.cancelled_reason == "The action was marked done."
