"""Prompt-payment figures: working days from meeting to claim, claim to
approval and approval to payment — the median and 90th percentile per step
and month (month the claim was sent) — and the claims at risk of missing the
organisation's target (pay within N working days of the claim)."""

from __future__ import annotations

import datetime
import math
import statistics
from dataclasses import dataclass

from django.utils import timezone

from ..models import ExpenseClaim
from ..services.prompt import local_date, targets_by_organisation, working_days_between

Status = ExpenseClaim.Status
STEPS = [
    ("meeting_to_claim", "Meeting to claim"),
    ("claim_to_approval", "Claim to approval"),
    ("approval_to_payment", "Approval to payment"),
    ("claim_to_payment", "Claim to payment (the target)"),
]
MONTHS_SHOWN = 12


def percentile(values: list[int], share: float) -> int:
    """Nearest-rank percentile: the smallest value with at least `share` of
    the values at or below it (90th of 1..10 is 9)."""
    ordered = sorted(values)
    rank = max(1, math.ceil(share * len(ordered)))
    return ordered[rank - 1]


def months_before(first: datetime.date, months: int) -> datetime.date:
    """The first day of the month `months` calendar months before `first`'s."""
    index = first.year * 12 + first.month - 1 - months
    return datetime.date(index // 12, index % 12 + 1, 1)


@dataclass
class StepFigure:
    count: int
    median: float
    p90: int


def step_days(claim: dict) -> dict[str, int]:
    """Working days of each step a claim has completed."""
    meeting = local_date(claim["meeting__starts_at"])
    submitted = local_date(claim["submitted_at"])
    approved = local_date(claim["approved_at"])
    paid = claim["paid_on"]
    nation = claim["organisation__nation"]
    days = {}
    if submitted:
        days["meeting_to_claim"] = max(0, working_days_between(meeting, submitted, nation))
    if submitted and approved:
        days["claim_to_approval"] = max(0, working_days_between(submitted, approved, nation))
    if approved and paid:
        days["approval_to_payment"] = max(0, working_days_between(approved, paid, nation))
    if submitted and paid:
        days["claim_to_payment"] = max(0, working_days_between(submitted, paid, nation))
    return days


def prompt_figures(*, organisations, today: datetime.date | None = None) -> list[dict]:
    """One row per month (newest first) with a StepFigure per step (or None),
    for the claims sent in the last MONTHS_SHOWN calendar months, this one
    included. One query."""
    today = today or timezone.localdate()
    since = months_before(today.replace(day=1), MONTHS_SHOWN - 1)
    rows = ExpenseClaim.objects.filter(
        organisation__in=organisations,
        submitted_at__isnull=False,
        submitted_at__date__gte=since,
    ).values("meeting__starts_at", "submitted_at", "approved_at", "paid_on", "organisation__nation")
    by_month: dict[datetime.date, dict[str, list[int]]] = {}
    for row in rows:
        month = local_date(row["submitted_at"]).replace(day=1)
        steps = by_month.setdefault(month, {key: [] for key, _ in STEPS})
        for key, value in step_days(row).items():
            steps[key].append(value)
    result = []
    for month in sorted(by_month, reverse=True):
        figures = {}
        for key, _label in STEPS:
            values = by_month[month][key]
            figures[key] = (
                StepFigure(len(values), statistics.median(values), percentile(values, 0.9))
                if values
                else None
            )
        result.append(
            {
                "month": month,
                "figures": figures,
                "cells": [(label, figures[key]) for key, label in STEPS],
            }
        )
    return result


@dataclass
class AtRisk:
    claim: ExpenseClaim
    waited: int
    target: int

    @property
    def left(self) -> int:
        return self.target - self.waited

    @property
    def overdue(self) -> bool:
        return self.waited > self.target


def _at_risk_keys(organisations, today: datetime.date) -> list[tuple[int, int, int]]:
    """(claim id, working days waited, target) of each claim at risk, most
    overdue first: from three plain columns, so a national organisation's
    hundreds of unpaid claims cost no model objects."""
    rows = list(
        ExpenseClaim.objects.filter(
            organisation__in=organisations,
            status__in=[Status.SUBMITTED, Status.APPROVED],
            submitted_at__isnull=False,
        ).values_list("pk", "organisation_id", "submitted_at", "organisation__nation")
    )
    targets = targets_by_organisation({organisation_id for _, organisation_id, _, _ in rows})
    found = []
    for pk, organisation_id, submitted_at, nation in rows:
        waited = working_days_between(local_date(submitted_at), today, nation)
        target = targets[organisation_id]
        if target - waited <= 1:
            found.append((pk, waited, target))
    found.sort(key=lambda key: (-(key[1] - key[2]), key[0]))
    return found


def _at_risk(keys: list[tuple[int, int, int]]) -> list[AtRisk]:
    claims = ExpenseClaim.objects.select_related("person", "meeting", "organisation").in_bulk(
        [pk for pk, _, _ in keys]
    )
    return [AtRisk(claim=claims[pk], waited=waited, target=target) for pk, waited, target in keys]


def claims_at_risk(*, organisations, today: datetime.date | None = None) -> list[AtRisk]:
    """Claims sent or approved but not paid, with one working day or less left
    before the target (or past it), most overdue first. Three queries."""
    return _at_risk(_at_risk_keys(organisations, today or timezone.localdate()))


def claims_at_risk_first(
    *, organisations, shown: int, today: datetime.date | None = None
) -> tuple[list[AtRisk], int]:
    """The first `shown` claims at risk, and how many there are in all."""
    keys = _at_risk_keys(organisations, today or timezone.localdate())
    return _at_risk(keys[:shown]), len(keys)
