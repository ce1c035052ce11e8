"""Money reads one way everywhere: "£2,250.00", with the thousands separator,
on every key expenses page, and from the shared `money` filter."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.urls import reverse

from involvement.money import money
from tests.access.expenses_admin import make_claim, make_meeting

pytestmark = pytest.mark.django_db

# A pound sign followed by four digits in a row: a sum shown without its separator.
UNSEPARATED = re.compile(r"£\s*\d{4}")


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (Decimal("2250"), "£2,250.00"),
        (Decimal("1234567.891"), "£1,234,567.89"),
        (Decimal("0.45"), "£0.45"),
        (Decimal("-12.5"), "\N{MINUS SIGN}£12.50"),
        ("3.5", "£3.50"),
        (None, ""),
        ("not money", ""),
    ],
)
def test_the_money_filter_and_function_agree(value, shown):
    assert money(value) == shown
    assert Template("{{ x|money }}").render(Context({"x": value})) == shown


def test_none_can_show_a_dash():
    assert Template('{{ x|money:"–" }}').render(Context({"x": None})) == "–"


def _assert_separated(page: str):
    assert "£2,250.00" in page
    assert not UNSEPARATED.search(page), UNSEPARATED.findall(page)


def test_a_2250_claim_shows_its_separator_on_every_key_expenses_page(world, login):
    group = world.objects["group"]
    person = world.objects["person"]
    claim = make_claim(
        person,
        make_meeting(group, title="Annual planning day"),
        lines=(("other", Decimal("2250.00")),),
    )
    member = login(world.user("member"))
    _assert_separated(
        member.get(reverse("claim-detail", kwargs={"public_id": claim.public_id})).content.decode()
    )
    coordinator = login(world.user("coordinator"))
    _assert_separated(coordinator.get(reverse("approval-queue")).content.decode())
    _assert_separated(
        coordinator.get(reverse("approval-claim", kwargs={"pk": claim.pk})).content.decode()
    )
    claim.status = "approved"
    claim.approved_by = world.user("coordinator")
    claim.save()
    finance = login(world.user("finance"))
    _assert_separated(finance.get(reverse("payment-list")).content.decode())
    _assert_separated(coordinator.get(reverse("budget-overview")).content.decode())
