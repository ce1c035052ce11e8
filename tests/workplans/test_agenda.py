"""Build the agenda from the work plan (a workplans service over meetings)."""

from __future__ import annotations

import pytest

from involvement.errors import ApplicationError
from meetings.models import AgendaItem
from workplans.services.agenda import agenda_build_from_plan, work_item_link_agenda_item

from .helpers import meeting_of, plan_with_items

pytestmark = pytest.mark.django_db


def test_work_items_become_linked_agenda_items_with_the_standing_items(world):
    group = world.objects["group"]
    plan, items = plan_with_items(group, items=2)
    meeting = meeting_of(group)
    created = agenda_build_from_plan(meeting=meeting, items=items)
    kinds = list(meeting.agenda_items.order_by("position").values_list("kind", "title"))
    assert kinds == [
        ("actions", "Actions from last time"),
        ("topic", "Work item 0"),
        ("topic", "Work item 1"),
        ("you_said_we_did", "You said, we did: updates"),
        ("representatives", "Reports back from board representatives"),
    ]
    assert len(created) == 5
    assert items[0].agenda_items.get().meeting == meeting
    assert items[0].agenda_items.get().presenter == "Priya"


def test_building_again_creates_nothing_twice(world):
    group = world.objects["group"]
    plan, items = plan_with_items(group, items=2)
    meeting = meeting_of(group)
    agenda_build_from_plan(meeting=meeting, items=items[:1])
    again = agenda_build_from_plan(meeting=meeting, items=items)
    assert [a.title for a in again] == ["Work item 1"]
    assert meeting.agenda_items.count() == 5
    assert agenda_build_from_plan(meeting=meeting, items=items) == []


def test_another_groups_meeting_is_refused(world):
    plan, items = plan_with_items(world.objects["group"], items=1)
    other = meeting_of(world.objects["other_group"])
    with pytest.raises(ApplicationError, match="not a meeting of this group"):
        agenda_build_from_plan(meeting=other, items=items)
    assert not other.agenda_items.exists()
    agenda_item = AgendaItem.objects.create(meeting=other, title="Their topic")
    with pytest.raises(ApplicationError, match="not a meeting of this group"):
        work_item_link_agenda_item(item=items[0], agenda_item=agenda_item)
    assert not items[0].agenda_items.exists()


def test_a_cancelled_meeting_takes_no_agenda(world):
    group = world.objects["group"]
    plan, items = plan_with_items(group, items=1)
    meeting = meeting_of(group)
    meeting.status = "cancelled"
    meeting.save()
    with pytest.raises(ApplicationError, match="cancelled"):
        agenda_build_from_plan(meeting=meeting, items=items)
