"""Builders for workplans tests."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from meetings.models import Meeting
from tests.factories import MembershipFactory
from workplans.services import exercises, plans


def voting_exercise(group, *, proposals=3, members=None):
    """An exercise in its voting stage with `proposals` proposals."""
    exercise = exercises.exercise_create(
        group=group, title="Our priorities", briefing="Eye screening uptake is low locally."
    )
    made = [
        exercises.proposal_add(exercise=exercise, problem=f"Problem {n}", solution=f"Fix {n}")
        for n in range(proposals)
    ]
    exercises.exercise_open_voting(exercise=exercise)
    exercise.refresh_from_db()
    return exercise, made


def member_of(group, **kwargs):
    return MembershipFactory(group=group, status="active", **kwargs).person


def meeting_of(group, *, days=14, title="Group meeting"):
    start = timezone.now() + timedelta(days=days)
    return Meeting.objects.create(
        organisation=group.organisation,
        group=group,
        title=title,
        starts_at=start,
        ends_at=start + timedelta(hours=2),
    )


def plan_with_items(group, *, items=2, exercise=None, body=None):
    plan = plans.work_plan_create(group=group, exercise=exercise)
    made = [
        plans.work_item_create(
            plan=plan,
            title=f"Work item {n}",
            description=f"What item {n} is about.",
            body=body,
            lead="Priya",
        )
        for n in range(items)
    ]
    return plan, made
