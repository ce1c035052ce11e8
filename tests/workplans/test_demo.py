"""The workplans demo: a closed exercise with overlap, a decision map, a plan
at version 2 with its review, agenda links when the meetings demo ran, and
"you said" items; safe to run twice."""

from __future__ import annotations

from datetime import timedelta

import pytest

from involvement import demo as involvement_demo
from workplans import demo
from workplans.models import DecisionMapEntry, FeedbackItem, PlanReview, PriorityExercise, WorkItem
from workplans.selectors.exercises import exercise_view

pytestmark = pytest.mark.django_db


def _counts():
    return (
        PriorityExercise.objects.count(),
        DecisionMapEntry.objects.count(),
        WorkItem.objects.count(),
        PlanReview.objects.count(),
        FeedbackItem.objects.count(),
        WorkItem.agenda_items.through.objects.count(),
    )


def _check_seeded():
    exercise = PriorityExercise.objects.get(title=demo.EXERCISE_TITLE)
    assert exercise.is_closed and exercise.result["overlap"]
    view = exercise_view(exercise=exercise, person=None)
    assert {row.theme.name for row in view.overlap} == {
        "Getting to eye screening",
        "Looking after feet",
        "Hypos and emergency care",
    }
    assert view.voters > 0
    plan = exercise.work_plans.get(status="current")
    assert plan.version == 2 and plan.previous.reviews.get().new_version == plan
    assert plan.items.filter(body__isnull=False).count() == 5
    assert DecisionMapEntry.objects.filter(body__organisation=plan.group.organisation).count() == 5
    from django.utils import timezone

    from workplans.models import FeedbackResponse

    said_at_meeting = FeedbackItem.objects.filter(group=plan.group, text__in=demo.YOU_SAID)
    assert said_at_meeting.filter(status="received").count() == 3
    # "You said, we did": both groups have points in every status, answered
    # over the past year after they were made, and some on the public board.
    today = timezone.localdate()
    for slug in ("fellside", "riverbank"):
        items = FeedbackItem.objects.filter(group__organisation__slug=slug, moderation="accepted")
        assert set(items.values_list("status", flat=True)) == set(FeedbackItem.Status.values)
        assert items.filter(on_board=True).exists()
        assert all(today - item.said_on < timedelta(days=366) for item in items)
        answers = FeedbackResponse.objects.filter(item__in=items, published_at__isnull=False)
        assert answers.exists()
        for answer in answers.select_related("item"):
            assert answer.item.said_on < timezone.localtime(answer.published_at).date() <= today
        assert any(item.is_overdue for item in items)
        assert not answers.filter(members_told_at__isnull=True).exists()
    assert FeedbackItem.objects.filter(moderation="waiting").exists()


def test_demo_without_meetings_is_complete_and_idempotent():
    involvement_demo.seed()
    demo.seed()
    _check_seeded()
    before = _counts()
    demo.seed()
    assert _counts() == before


def test_demo_after_the_meetings_demo_links_agenda_items():
    from meetings import demo as meetings_demo

    involvement_demo.seed()
    meetings_demo.seed()
    demo.seed()
    _check_seeded()
    # The live items are on the next meeting's agenda; "you said" came from the last one.
    linked = WorkItem.agenda_items.through.objects.filter(workitem__status="in_progress")
    assert (
        linked.count()
        == WorkItem.objects.filter(plan__status="current", status="in_progress").count()
        > 0
    )
    said_at_meeting = FeedbackItem.objects.filter(text__in=demo.YOU_SAID)
    assert not said_at_meeting.filter(meeting__isnull=True).exists()
    before = _counts()
    meetings_demo.seed()
    demo.seed()
    assert _counts() == before
