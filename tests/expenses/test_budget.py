"""Budgets: spend of approved and paid claims by group, month of the meeting
and category (kinds of cost and involvement payments) against each group's
budget for the year from 1 April; setting a budget."""

from __future__ import annotations

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from expenses.models import GroupBudget
from expenses.selectors.budget import spend_by_group, totals
from expenses.services.budget import budget_set, budget_year_start
from meetings.models import Meeting
from tests.access.expenses_admin import make_claim
from tests.factories import GroupFactory, MembershipFactory

pytestmark = [pytest.mark.django_db, pytest.mark.calendar_sensitive]
D = datetime.date
YEAR = D(2026, 4, 1)
LONDON = ZoneInfo("Europe/London")


def claim_on(world, group, day, *, status="paid", lines=(), payment="0.00"):
    starts = timezone.make_aware(datetime.datetime.combine(day, datetime.time(18)))
    meeting = Meeting.objects.create(
        organisation=group.organisation,
        group=group,
        title=f"Meeting {day}",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
    )
    return make_claim(
        MembershipFactory(group=group).person,
        meeting,
        status=status,
        lines=[(kind, Decimal(amount)) for kind, amount in lines],
        involvement_payment=Decimal(payment),
        approved_by=world.user("coordinator") if status in ("approved", "paid") else None,
    )


def test_budget_year_starts_on_1_april():
    assert budget_year_start(D(2026, 4, 1)) == D(2026, 4, 1)
    assert budget_year_start(D(2027, 3, 31)) == D(2026, 4, 1)


def test_spend_sums_by_group_month_and_category(world):
    group = world.objects["group"]
    second = GroupFactory(organisation=world.organisation, name="Young Adults Panel")
    budget_set(group=group, year_starting=YEAR, amount=Decimal("500.00"))
    claim_on(
        world,
        group,
        D(2026, 5, 12),
        lines=[("public_transport", "4.80"), ("taxi", "18.20")],
        payment="75.00",
    )
    claim_on(world, group, D(2026, 5, 20), status="approved", lines=[("public_transport", "3.20")])
    claim_on(world, group, D(2027, 3, 31), lines=[("parking", "6.00")])
    # Not spend: a claim still waiting, a rejected one, and one in the next year.
    claim_on(world, group, D(2026, 6, 1), status="submitted", lines=[("taxi", "40.00")])
    claim_on(world, group, D(2026, 6, 2), status="rejected", lines=[("taxi", "40.00")])
    claim_on(world, group, D(2027, 4, 1), lines=[("taxi", "40.00")])
    claim_on(world, second, D(2026, 7, 1), lines=[("childcare", "30.00")], payment="150.00")
    spends = {
        s.group.name: s for s in spend_by_group(organisation=world.organisation, year_starting=YEAR)
    }
    ours = spends[group.name]
    assert ours.by_category == {
        "public_transport": Decimal("8.00"),
        "taxi": Decimal("18.20"),
        "parking": Decimal("6.00"),
        "involvement_payment": Decimal("75.00"),
    }
    assert ours.by_month == {D(2026, 5, 1): Decimal("101.20"), D(2027, 3, 1): Decimal("6.00")}
    assert ours.spent == Decimal("107.20")
    assert ours.remaining == Decimal("392.80")
    theirs = spends["Young Adults Panel"]
    assert theirs.budget is None and theirs.spent == Decimal("180.00")
    assert totals(list(spends.values()))["spent"] == Decimal("287.20")


def test_setting_a_budget_twice_changes_it(world):
    group = world.objects["group"]
    budget_set(group=group, year_starting=YEAR, amount=Decimal("100.00"))
    budget_set(group=group, year_starting=YEAR, amount=Decimal("250.50"))
    assert GroupBudget.objects.get(group=group).amount == Decimal("250.50")
    with pytest.raises(ValidationError):
        budget_set(group=group, year_starting=YEAR, amount=Decimal("-1"))


def test_budget_pages_set_and_show_a_budget(world, client):
    client.force_login(world.user("finance"))
    group = world.objects["group"]
    year = budget_year_start(timezone.localdate()).year
    url = reverse("budget-set")
    response = client.post(url, {"group": group.pk, "year": year, "amount": ""})
    assert "Enter the budget, like 4500.00" in response.content.decode()
    response = client.post(url, {"group": group.pk, "year": year, "amount": "4500.00"})
    assert response.status_code == 302
    page = client.get(reverse("budget-overview") + f"?year={year}").content.decode()
    assert "£4,500.00" in page


def test_budget_page_queries_stay_flat(world, client, assert_flat_queries):
    client.force_login(world.user("coordinator"))
    today = timezone.localdate()

    def grow(n):
        for _ in range(n):
            group = GroupFactory(organisation=world.organisation)
            budget_set(group=group, year_starting=budget_year_start(today), amount=Decimal("10"))
            claim_on(world, group, today, lines=[("taxi", "5.00")], payment="25.00")

    assert_flat_queries(lambda: client.get(reverse("budget-overview")), grow=grow)


def test_meetings_either_side_of_midnight_on_31_march_count_in_their_own_budget_year(world):
    # 00:30 on 1 April is still 31 March in UTC (summer time began on 28 March):
    # the meeting's day and month are London's.
    group = world.objects["group"]
    for day, hour, kind in ((D(2027, 3, 31), 23, "taxi"), (D(2027, 4, 1), 0, "parking")):
        starts = datetime.datetime.combine(day, datetime.time(hour, 30), LONDON)
        claim = claim_on(world, group, day, lines=[(kind, "5.00")])
        Meeting.objects.filter(pk=claim.meeting_id).update(
            starts_at=starts, ends_at=starts + datetime.timedelta(hours=1)
        )
    ending, starting = (
        spend_by_group(organisation=world.organisation, year_starting=year)[0]
        for year in (D(2026, 4, 1), D(2027, 4, 1))
    )
    assert (ending.by_category, ending.by_month) == (
        {"taxi": Decimal("5.00")},
        {D(2027, 3, 1): Decimal("5.00")},
    )
    assert (starting.by_category, starting.by_month) == (
        {"parking": Decimal("5.00")},
        {D(2027, 4, 1): Decimal("5.00")},
    )


@pytest.mark.parametrize(
    ("now", "year"),
    [
        pytest.param(
            datetime.datetime(2027, 3, 31, 23, 30, tzinfo=LONDON), 2026, id="last-minutes"
        ),
        pytest.param(datetime.datetime(2027, 4, 1, 0, 30, tzinfo=LONDON), 2027, id="first-hour"),
    ],
)
def test_budget_page_opens_on_the_budget_year_of_londons_date(world, client, now, year):
    with time_machine.travel(now):
        client.force_login(world.user("finance"))
        page = client.get(reverse("budget-overview")).content.decode()
    assert f"Budgets: April {year} to March {year + 1}" in page


def test_all_groups_has_a_left_figure_from_the_budgets_set(world, client):
    """Two budgeted groups (one over) and one with none: "Left" for all groups
    is the budgeted groups' remainders, and the page says the third is left out."""
    first, second = world.objects["group"], GroupFactory(organisation=world.organisation)
    GroupFactory(organisation=world.organisation)  # no budget
    budget_set(group=first, year_starting=YEAR, amount=Decimal("1000.00"))
    budget_set(group=second, year_starting=YEAR, amount=Decimal("100.00"))
    claim_on(world, first, D(2026, 5, 5), lines=[("other", "250.00")])
    claim_on(world, second, D(2026, 5, 5), lines=[("other", "150.00")])
    figures = totals(spend_by_group(organisation=world.organisation, year_starting=YEAR))
    assert figures["remaining"] == Decimal("700.00") and not figures["over"]
    assert figures["unbudgeted"] == 1
    client.force_login(world.user("finance"))
    page = client.get(reverse("budget-overview") + "?year=2026").content.decode()
    left = page.split('data-figure="left">', 1)[1].split("</td>", 1)[0]
    assert "£700.00" in left
    assert "1 group has none set" in page
    assert "scroll it sideways to see every month" in page
