"""Coordinators are reminded when a meeting has no draft minutes 3 and 7 days
after it, exactly once per meeting and reminder, however often the task runs."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from involvement.models import Notification
from meetings.services.minutes import minutes_reminders_send
from meetings.tasks import send_minutes_reminders
from tests.access.meetings_minutes import make_meeting

pytestmark = pytest.mark.django_db


def _reminders():
    return Notification.objects.filter(idempotency_key__startswith="meetings:minutes-reminder:")


def test_reminders_at_3_and_7_days_exactly_once(world):
    meeting = make_meeting(world.objects["group"], days_ago=0)
    ended = timezone.localtime(meeting.ends_at).date()
    for day in range(0, 3):
        assert minutes_reminders_send(today=ended + datetime.timedelta(day)) == 0
    assert minutes_reminders_send(today=ended + datetime.timedelta(3)) == 1
    for day in range(3, 7):
        minutes_reminders_send(today=ended + datetime.timedelta(day))
    assert _reminders().count() == 1
    assert minutes_reminders_send(today=ended + datetime.timedelta(7)) == 1
    for day in range(7, 20):
        minutes_reminders_send(today=ended + datetime.timedelta(day))
    keys = sorted(_reminders().values_list("idempotency_key", flat=True))
    coordinator = world.user("coordinator")
    assert keys == [
        f"meetings:minutes-reminder:{meeting.pk}:3:{coordinator.pk}",
        f"meetings:minutes-reminder:{meeting.pk}:7:{coordinator.pk}",
    ]
    assert {n.recipient.user_id for n in _reminders()} == {coordinator.pk}


def test_no_reminder_once_minutes_exist(world):
    from meetings.models import Minutes

    meeting = make_meeting(world.objects["group"], days_ago=4)
    Minutes.objects.create(meeting=meeting)
    assert minutes_reminders_send() == 0


def test_the_beat_task_run_twice_sends_one_reminder(world):
    make_meeting(world.objects["group"], days_ago=4)
    send_minutes_reminders()
    send_minutes_reminders()
    assert _reminders().count() == 1


def test_cancelled_meetings_need_no_minutes(world):
    meeting = make_meeting(world.objects["group"], days_ago=4)
    meeting.status = "cancelled"
    meeting.save()
    assert minutes_reminders_send() == 0


def test_inductions_need_no_minutes(world):
    make_meeting(world.objects["group"], days_ago=4, kind="induction")
    assert minutes_reminders_send() == 0


def test_the_tasks_are_scheduled(settings):
    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert {"meetings.send_minutes_reminders", "meetings.send_feedback_summaries"} <= tasks
