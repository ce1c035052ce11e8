"""Reads for work-plan pages: the plan with its items, versions and reviews."""

from __future__ import annotations

from django.db.models import Count, Prefetch, Q, QuerySet

from meetings.models import AgendaItem

from ..models import PlanReview, WorkItem, WorkPlan


def current_plan(*, group) -> WorkPlan | None:
    return (
        WorkPlan.objects.filter(group=group, status=WorkPlan.Status.CURRENT)
        .select_related("group__organisation", "exercise")
        .first()
    )


def plan_items(*, plan: WorkPlan) -> list[WorkItem]:
    return list(
        plan.items.select_related("body")
        .prefetch_related(
            "themes",
            Prefetch(
                "agenda_items",
                queryset=AgendaItem.objects.select_related("meeting").order_by(
                    "meeting__starts_at", "position"
                ),
            ),
        )
        .order_by("position", "id")
    )


def plan_versions(*, group) -> list[WorkPlan]:
    return list(
        WorkPlan.objects.filter(group=group)
        .select_related("created_by")
        .annotate(item_count=Count("items"))
        .order_by("-version")
    )


def plan_reviews(*, group) -> list[PlanReview]:
    return list(
        PlanReview.objects.filter(plan__group=group)
        .select_related("plan", "new_version", "recorded_by")
        .order_by("-held_on", "-id")
    )


def upcoming_group_meetings(*, group, now) -> QuerySet:
    from meetings.models import Meeting

    return Meeting.objects.filter(
        group=group, starts_at__gte=now, status=Meeting.Status.SCHEDULED
    ).order_by("starts_at")


def open_items_for_agenda(*, plan: WorkPlan) -> QuerySet:
    return plan.items.exclude(status__in=[WorkItem.Status.DONE, WorkItem.Status.DROPPED]).order_by(
        "position", "id"
    )


def groups_with_plans(*, groups: QuerySet) -> QuerySet:
    return (
        groups.select_related("organisation")
        .annotate(
            plan_versions=Count("work_plans", distinct=True),
            exercise_count=Count("priority_exercises", distinct=True),
            open_feedback=Count(
                "feedback_items",
                filter=Q(feedback_items__moderation="accepted")
                & ~Q(feedback_items__status__in=["done", "not_possible"]),
                distinct=True,
            ),
        )
        .order_by("organisation__name", "name")
    )
