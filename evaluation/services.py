"""Writes of the evaluation app: objectives, success measures and readings.
Permission-agnostic: the views check who may first."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from involvement.models import Group, Organisation

from .models import Objective, Reading, SuccessMeasure


@transaction.atomic
def objective_create(
    *,
    organisation: Organisation,
    title: str,
    term: str,
    owner: str,
    group: Group | None = None,
    work_items=(),
    created_by=None,
) -> Objective:
    if group is not None and group.organisation_id != organisation.pk:
        raise ValidationError({"group": "Select a group of this organisation"})
    items = list(work_items)
    if any(item.plan.group.organisation_id != organisation.pk for item in items):
        raise ValidationError({"work_items": "Select work items of this organisation's groups"})
    if group is not None and any(item.plan.group_id != group.pk for item in items):
        raise ValidationError({"work_items": "Select work items of the objective's group"})
    objective = Objective(
        organisation=organisation,
        group=group,
        title=title,
        term=term,
        owner=owner,
        created_by=created_by,
    )
    objective.full_clean()
    objective.save()
    objective.work_items.set(items)
    return objective


@transaction.atomic
def measure_create(
    *,
    objective: Objective,
    name: str,
    method: str,
    source: str,
    direction: str,
    target: Decimal | None = None,
) -> SuccessMeasure:
    measure = SuccessMeasure(
        objective=objective,
        name=name,
        method=method,
        source=source,
        direction=direction,
        target=target,
    )
    measure.full_clean()
    measure.save()
    return measure


@transaction.atomic
def reading_record(
    *,
    measure: SuccessMeasure,
    month: datetime.date,
    value: Decimal,
    note: str = "",
    recorded_by=None,
) -> Reading:
    """Enter (or correct) the measure's reading for a month."""
    if not measure.is_entered:
        raise ValidationError(
            {"value": "This measure is worked out from the platform's records, not entered"}
        )
    month = month.replace(day=1)
    reading = Reading.objects.filter(measure=measure, month=month).first() or Reading(
        measure=measure, month=month
    )
    reading.value = value
    reading.note = note
    reading.recorded_by = recorded_by
    reading.full_clean()
    reading.save()
    return reading
