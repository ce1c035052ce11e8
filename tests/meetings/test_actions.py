"""Actions agreed at meetings: one owner (a member or a named staff member),
a due date and a status; a group's list of open actions with progress."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from meetings.models import Action
from meetings.services.actions import action_create, action_update
from tests.access.meetings_minutes import make_meeting
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(world):
    return make_meeting(world.objects["group"])


def test_an_action_has_a_member_or_a_staff_member_as_owner(meeting, world):
    due = timezone.localdate() + datetime.timedelta(10)
    action = action_create(
        meeting=meeting, description="Ask about clinics", owner_name="Dr Ana Lopez", due_on=due
    )
    assert action.status == Action.Status.OPEN
    with pytest.raises(ValidationError) as error:
        action_create(meeting=meeting, description="Nobody", due_on=due)
    assert "owner_person" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        action_create(
            meeting=meeting,
            description="Both",
            owner_person=world.objects["person"],
            owner_name="Someone",
            due_on=due,
        )
    assert "owner_name" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        action_create(meeting=meeting, description="X", owner_person=PersonFactory(), due_on=due)
    assert "owner_person" in error.value.message_dict


def test_another_meetings_agenda_item_is_refused(meeting, world):
    other = make_meeting(world.objects["group"], days_ago=40)
    with pytest.raises(ValidationError) as error:
        action_create(
            meeting=meeting,
            description="X",
            owner_name="Sam",
            due_on=timezone.localdate(),
            agenda_item=other.agenda_items.first(),
        )
    assert "agenda_item" in error.value.message_dict


def test_done_records_the_date_and_dropping_needs_a_reason(meeting):
    action = action_create(
        meeting=meeting, description="X", owner_name="Sam", due_on=timezone.localdate()
    )
    action_update(action=action, status=Action.Status.DONE, progress="Booked")
    assert action.completed_on == timezone.localdate()
    with pytest.raises(ValidationError):
        action_update(action=action, status=Action.Status.DROPPED)


def test_the_group_list_shows_open_actions_and_progress(meeting, world, login):
    today = timezone.localdate()
    action_create(meeting=meeting, description="Open one", owner_name="Sam", due_on=today)
    done = action_create(meeting=meeting, description="Done one", owner_name="Sam", due_on=today)
    action_update(action=done, status=Action.Status.DONE)
    page = login(world.user("member")).get(
        reverse("group-actions", args=[world.objects["group"].pk])
    )
    text = page.content.decode()
    assert "Open one" in text
    assert "Done one" not in text
    assert "1 of 2 actions done (50%)" in text


def test_updating_an_action_on_the_page(meeting, world, login):
    action = action_create(
        meeting=meeting, description="X", owner_name="Sam", due_on=timezone.localdate()
    )
    client = login(world.user("coordinator"))
    due = action.due_on
    response = client.post(
        reverse("action-update", args=[action.pk]),
        {
            "status": "in_progress",
            "progress": "Called them",
            "due_on_0": due.day,
            "due_on_1": due.month,
            "due_on_2": due.year,
        },
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.status == Action.Status.IN_PROGRESS


def test_the_actions_list_queries_stay_flat(meeting, world, login, assert_flat_queries):
    client = login(world.user("coordinator"))
    group = world.objects["group"]

    def grow(n):
        for _ in range(n):
            other = make_meeting(group, days_ago=30, items=1)
            Action.objects.create(
                meeting=other,
                agenda_item=other.agenda_items.first(),
                description="Do it",
                owner_person=world.objects["person"],
                due_on=timezone.localdate(),
            )

    assert_flat_queries(
        lambda: client.get(reverse("group-actions", args=[group.pk]) + "?show=all"), grow=grow
    )
