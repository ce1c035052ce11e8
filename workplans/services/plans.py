"""Work plans: the first version, items, new versions and reviews."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from involvement.errors import ApplicationError
from involvement.models import DecisionMakingBody, Group

from ..models import PlanReview, PriorityExercise, Theme, WorkItem, WorkPlan

ITEM_FIELDS = (
    "title",
    "description",
    "origin",
    "body",
    "feed_in_by",
    "lead",
    "starts_on",
    "target_on",
    "status",
    "constraints_stated",
)


@transaction.atomic
def work_plan_create(
    *,
    group: Group,
    exercise: PriorityExercise | None = None,
    next_review_on: datetime.date | None = None,
    created_by=None,
) -> WorkPlan:
    """The group's first work plan (version 1)."""
    if WorkPlan.objects.filter(group=group).exists():
        raise ApplicationError(f"{group} already has a work plan. Review it to make a new version.")
    if exercise is not None and exercise.group_id != group.pk:
        raise ValidationError({"exercise": "Choose one of this group's priority exercises"})
    plan = WorkPlan(
        group=group,
        version=1,
        exercise=exercise,
        next_review_on=next_review_on,
        created_by=created_by,
    )
    plan.full_clean()
    plan.save()
    return plan


def _refuse_if_old(plan: WorkPlan) -> None:
    if not plan.is_current:
        raise ApplicationError(
            f"Version {plan.version} has been replaced; change the current version instead."
        )


def _check_item(plan: WorkPlan, body, themes) -> None:
    if body is not None and body.organisation_id != plan.group.organisation_id:
        raise ValidationError({"body": "Choose one of the organisation's decision-making bodies"})
    if themes and any(
        plan.exercise_id is None or t.exercise_id != plan.exercise_id for t in themes
    ):
        raise ValidationError({"themes": "Choose themes from the plan's priority exercise"})


@transaction.atomic
def work_item_create(
    *,
    plan: WorkPlan,
    title: str,
    description: str,
    origin: str = WorkItem.Origin.BOTH,
    themes: list[Theme] | None = None,
    body: DecisionMakingBody | None = None,
    feed_in_by: datetime.date | None = None,
    lead: str = "",
    starts_on: datetime.date | None = None,
    target_on: datetime.date | None = None,
    status: str = WorkItem.Status.PLANNED,
    constraints_stated: str = "",
) -> WorkItem:
    _refuse_if_old(plan)
    themes = list(themes or [])
    _check_item(plan, body, themes)
    position = (plan.items.aggregate(last=Max("position"))["last"] or 0) + 1
    item = WorkItem(
        plan=plan,
        title=title,
        description=description,
        origin=origin,
        body=body,
        feed_in_by=feed_in_by,
        lead=lead,
        starts_on=starts_on,
        target_on=target_on,
        status=status,
        constraints_stated=constraints_stated,
        position=position,
    )
    item.full_clean()
    item.save()
    if themes:
        item.themes.set(themes)
    return item


@transaction.atomic
def work_item_update(*, item: WorkItem, themes: list[Theme] | None = None, **fields) -> WorkItem:
    _refuse_if_old(item.plan)
    unknown = set(fields) - set(ITEM_FIELDS)
    if unknown:
        raise TypeError(f"Unknown work item fields: {sorted(unknown)}")
    themes = list(themes or [])
    _check_item(item.plan, fields.get("body", item.body), themes)
    for name, value in fields.items():
        setattr(item, name, value)
    item.full_clean()
    item.save(update_fields=list(fields))
    item.themes.set(themes)
    return item


@transaction.atomic
def work_plan_new_version(
    *,
    plan: WorkPlan,
    change_summary: str,
    next_review_on: datetime.date | None = None,
    created_by=None,
) -> WorkPlan:
    """A new version from the current one: every item copied (with its themes
    and planned meetings), the old version kept as it was and readable."""
    plan = WorkPlan.objects.select_for_update().get(pk=plan.pk)
    _refuse_if_old(plan)
    if not change_summary.strip():
        raise ValidationError({"change_summary": "Say what changed from the last version"})
    plan.status = WorkPlan.Status.SUPERSEDED
    plan.save(update_fields=["status"])
    new = WorkPlan(
        group_id=plan.group_id,
        version=plan.version + 1,
        exercise_id=plan.exercise_id,
        previous=plan,
        change_summary=change_summary.strip(),
        next_review_on=next_review_on or plan.next_review_on,
        created_by=created_by,
    )
    new.full_clean()
    new.save()
    for item in plan.items.prefetch_related("themes", "agenda_items"):
        themes, agenda = list(item.themes.all()), list(item.agenda_items.all())
        old_pk = item.pk
        item.pk = None
        item.id = None
        item._state.adding = True
        item.plan = new
        item.carried_from_id = old_pk
        # The copy must not read the original's prefetched themes as its own.
        item._prefetched_objects_cache = {}
        item.save()
        item.themes.set(themes)
        item.agenda_items.set(agenda)
    return new


@transaction.atomic
def plan_review_record(
    *,
    plan: WorkPlan,
    held_on: datetime.date,
    what_changed: str,
    why: str,
    make_new_version: bool = True,
    next_review_on: datetime.date | None = None,
    recorded_by=None,
) -> PlanReview:
    """Record a scheduled review of the current plan: what changed and why.
    With make_new_version the plan moves to a new version whose change summary
    is what changed; the next review date is set either way."""
    _refuse_if_old(plan)
    review = PlanReview(
        plan=plan, held_on=held_on, what_changed=what_changed, why=why, recorded_by=recorded_by
    )
    review.full_clean()
    if next_review_on is not None and next_review_on <= held_on:
        raise ValidationError({"next_review_on": "The next review must be after this one"})
    if make_new_version:
        review.new_version = work_plan_new_version(
            plan=plan,
            change_summary=what_changed,
            next_review_on=next_review_on,
            created_by=recorded_by,
        )
    elif next_review_on is not None:
        plan.next_review_on = next_review_on
        plan.save(update_fields=["next_review_on"])
    review.save()
    return review
