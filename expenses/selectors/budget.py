"""Spend against budget: by group, by month and by category (the kinds of
line, and involvement payments), for approved and paid claims, counted in the
month of the meeting."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Sum
from django.db.models.functions import Coalesce, TruncMonth

from involvement.models import Group

from ..models import ClaimLine, ExpenseClaim, GroupBudget, LineKind

SPENT = [ExpenseClaim.Status.APPROVED, ExpenseClaim.Status.PAID]
INVOLVEMENT = "involvement_payment"
CATEGORIES = [*LineKind.choices, (INVOLVEMENT, "Involvement payments")]
ZERO = Decimal("0.00")


@dataclass
class GroupSpend:
    group: Group
    budget: Decimal | None
    by_category: dict[str, Decimal] = field(default_factory=dict)
    by_month: dict[datetime.date, Decimal] = field(default_factory=dict)

    @property
    def spent(self) -> Decimal:
        return sum(self.by_category.values(), ZERO)

    @property
    def remaining(self) -> Decimal | None:
        return None if self.budget is None else self.budget - self.spent

    @property
    def over(self) -> bool:
        return self.budget is not None and self.spent > self.budget


def budget_months(year_starting: datetime.date) -> list[datetime.date]:
    months = []
    year, month = year_starting.year, year_starting.month
    for _ in range(12):
        months.append(datetime.date(year, month, 1))
        month += 1
        if month == 13:
            year, month = year + 1, 1
    return months


def spend_by_group(*, organisation, year_starting: datetime.date) -> list[GroupSpend]:
    """Every group of the organisation with its budget and spend for the year
    (three queries, whatever the number of groups or claims)."""
    year_end = budget_months(year_starting)[-1].replace(day=28) + datetime.timedelta(days=4)
    year_end = year_end.replace(day=1)
    groups = list(Group.objects.filter(organisation=organisation).order_by("name"))
    budgets = dict(
        GroupBudget.objects.filter(
            group__organisation=organisation, year_starting=year_starting
        ).values_list("group_id", "amount")
    )
    spends = {group.pk: GroupSpend(group=group, budget=budgets.get(group.pk)) for group in groups}
    claims = ExpenseClaim.objects.filter(
        organisation=organisation,
        status__in=SPENT,
        meeting__starts_at__date__gte=year_starting,
        meeting__starts_at__date__lt=year_end,
    )
    group_of = Coalesce("group_id", "meeting__group_id")
    lines = (
        ClaimLine.objects.filter(claim__in=claims)
        .annotate(
            group_key=Coalesce("claim__group_id", "claim__meeting__group_id"),
            month=TruncMonth("claim__meeting__starts_at"),
        )
        .values("group_key", "month", "kind")
        .annotate(total=Sum("amount"))
    )
    payments = (
        claims.filter(involvement_payment__gt=0)
        .annotate(group_key=group_of, month=TruncMonth("meeting__starts_at"))
        .values("group_key", "month")
        .annotate(total=Sum("involvement_payment"))
    )
    rows = [(row, row["kind"]) for row in lines] + [(row, INVOLVEMENT) for row in payments]
    for row, category in rows:
        spend = spends.get(row["group_key"])
        if spend is None:  # a board's meeting with no group to charge
            continue
        month = row["month"]
        month = month.date() if isinstance(month, datetime.datetime) else month
        month = month.replace(day=1)
        spend.by_category[category] = spend.by_category.get(category, ZERO) + row["total"]
        spend.by_month[month] = spend.by_month.get(month, ZERO) + row["total"]
    return list(spends.values())


def totals(spends: list[GroupSpend]) -> dict:
    by_category: dict[str, Decimal] = defaultdict(lambda: ZERO)
    by_month: dict[datetime.date, Decimal] = defaultdict(lambda: ZERO)
    for spend in spends:
        for key, value in spend.by_category.items():
            by_category[key] += value
        for key, value in spend.by_month.items():
            by_month[key] += value
    budgeted = [s for s in spends if s.budget is not None]
    budget = sum((s.budget for s in budgeted), ZERO) if budgeted else None
    # What is left of the budgets set: each budgeted group's own remainder, so
    # a group with no budget does not eat into the others'.
    remaining = sum((s.remaining for s in budgeted), ZERO) if budgeted else None
    return {
        "by_category": dict(by_category),
        "by_month": dict(by_month),
        "spent": sum(by_category.values(), ZERO),
        "budget": budget,
        "remaining": remaining,
        "over": remaining is not None and remaining < 0,
        "unbudgeted": len(spends) - len(budgeted) if budgeted else 0,
    }
