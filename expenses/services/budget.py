"""Setting a group's annual budget for expenses and involvement payments."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import transaction

from involvement.models import Group

from ..models import GroupBudget

# Budget years start on 1 April, as NHS financial years do.
YEAR_START_MONTH = 4


def budget_year_start(day: datetime.date) -> datetime.date:
    """The first day of the budget year that `day` falls in."""
    year = day.year if day.month >= YEAR_START_MONTH else day.year - 1
    return datetime.date(year, YEAR_START_MONTH, 1)


@transaction.atomic
def budget_set(*, group: Group, year_starting: datetime.date, amount: Decimal) -> GroupBudget:
    """Create or change a group's budget for the year starting on `year_starting`."""
    budget = GroupBudget.objects.select_for_update().filter(
        group=group, year_starting=year_starting
    ).first() or GroupBudget(group=group, year_starting=year_starting)
    budget.amount = amount
    budget.full_clean()
    budget.save()
    return budget
