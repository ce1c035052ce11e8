"""Versioned work plans: items, new versions copying items, reviews."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from involvement.errors import ApplicationError
from tests.factories import BodyFactory
from workplans.models import PlanReview, WorkItem, WorkPlan
from workplans.services import plans as services
from workplans.services.agenda import agenda_build_from_plan

from .helpers import meeting_of, plan_with_items, voting_exercise

pytestmark = pytest.mark.django_db


def test_a_group_has_one_first_version_then_reviews_make_new_ones(world):
    group = world.objects["group"]
    plan, _ = plan_with_items(group, items=1)
    assert plan.version == 1 and plan.is_current
    with pytest.raises(ApplicationError, match="already has a work plan"):
        services.work_plan_create(group=group)


def test_a_new_version_copies_every_item_and_keeps_the_old_one(world):
    group = world.objects["group"]
    exercise, _ = voting_exercise(group)
    theme = exercise.themes.create(name="Eye screening")
    plan, items = plan_with_items(group, items=2, exercise=exercise, body=world.objects["body"])
    services.work_item_update(item=items[0], themes=[theme], status="in_progress")
    meeting = meeting_of(group)
    agenda_build_from_plan(meeting=meeting, items=[items[0]], add_standing=False)

    new = services.work_plan_new_version(
        plan=plan, change_summary="Foot care added after the network board's decision."
    )

    plan.refresh_from_db()
    assert plan.status == WorkPlan.Status.SUPERSEDED and new.is_current
    assert new.version == 2 and new.previous == plan
    copied = list(new.items.order_by("position"))
    assert [i.title for i in copied] == ["Work item 0", "Work item 1"]
    assert copied[0].carried_from == items[0]
    assert copied[0].status == "in_progress" and copied[0].body == world.objects["body"]
    assert list(copied[0].themes.all()) == [theme]
    assert list(copied[0].agenda_items.all()) == list(items[0].agenda_items.all())
    # The old version still has its own items, unchanged.
    assert list(plan.items.order_by("position")) == items


def test_an_old_version_cannot_be_changed(world):
    plan, items = plan_with_items(world.objects["group"], items=1)
    services.work_plan_new_version(plan=plan, change_summary="Reviewed in March.")
    plan.refresh_from_db()
    with pytest.raises(ApplicationError, match="has been replaced"):
        services.work_item_create(plan=plan, title="x", description="y")
    items[0].refresh_from_db()
    with pytest.raises(ApplicationError, match="has been replaced"):
        services.work_item_update(item=items[0], title="Changed")


def test_a_new_version_says_what_changed(world):
    plan, _ = plan_with_items(world.objects["group"], items=1)
    with pytest.raises(ValidationError, match="Say what changed"):
        services.work_plan_new_version(plan=plan, change_summary="  ")


def test_a_review_records_what_changed_and_why_and_makes_a_version(world):
    plan, _ = plan_with_items(world.objects["group"], items=1)
    review = services.plan_review_record(
        plan=plan,
        held_on=datetime.date(2026, 3, 10),
        what_changed="Retinal screening letters finished; hypo training added.",
        why="The letters went out in February; paramedics asked for training.",
        next_review_on=datetime.date(2026, 9, 10),
        recorded_by=world.user("coordinator"),
    )
    assert PlanReview.objects.get() == review
    assert review.new_version.version == 2
    assert review.new_version.change_summary.startswith("Retinal screening letters finished")
    assert review.new_version.next_review_on == datetime.date(2026, 9, 10)


def test_a_review_without_a_new_version_moves_the_next_review(world):
    plan, _ = plan_with_items(world.objects["group"], items=1)
    review = services.plan_review_record(
        plan=plan,
        held_on=datetime.date(2026, 3, 10),
        what_changed="Nothing: on track.",
        why="All items are moving.",
        make_new_version=False,
        next_review_on=datetime.date(2026, 6, 10),
    )
    plan.refresh_from_db()
    assert review.new_version is None and plan.version == 1
    assert plan.next_review_on == datetime.date(2026, 6, 10)
    with pytest.raises(ValidationError, match="after this one"):
        services.plan_review_record(
            plan=plan,
            held_on=datetime.date(2026, 6, 10),
            what_changed="x",
            why="y",
            next_review_on=datetime.date(2026, 6, 1),
        )


def test_items_feed_only_the_organisations_bodies_and_end_after_they_start(world):
    plan, _ = plan_with_items(world.objects["group"], items=0)
    with pytest.raises(ValidationError) as error:
        services.work_item_create(
            plan=plan, title="x", description="y", body=world.objects["other_body"]
        )
    assert "body" in error.value.message_dict
    with pytest.raises(ValidationError):
        services.work_item_create(
            plan=plan,
            title="x",
            description="y",
            starts_on=datetime.date(2026, 5, 1),
            target_on=datetime.date(2026, 4, 1),
        )
    item = services.work_item_create(
        plan=plan,
        title="Foot-care pathway",
        description="Members' views on the new pathway.",
        origin=WorkItem.Origin.ORGANISATION,
        body=BodyFactory(organisation=world.organisation),
        constraints_stated="No new money this year.",
    )
    assert item.position == 1
