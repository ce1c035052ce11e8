"""Removing something goes through a confirmation page: GET asks "Are you
sure ...?" and changes nothing; the POST from that page removes it. The
objects are the ones the access walk builds for these URLs."""

from __future__ import annotations

import pytest
from django.urls import reverse

from expenses.models import ClaimLine, PaymentRule
from involvement.models import Notification
from meetings.models import AgendaItem
from recruitment.models import Criterion, PanelMember
from tests.access import EXPECTATIONS
from workplans.models import DecisionMapEntry

CASES = [
    # url name, who removes it, what is removed (from the URL's kwargs), words of the page
    (
        "claim-line-remove",
        "member",
        lambda kw: ClaimLine.objects.filter(pk=kw["pk"]),
        "remove this cost",
    ),
    (
        "message-cancel",
        "coordinator",
        lambda kw: Notification.objects.filter(pk=kw["pk"], status="pending"),
        "cancel this message?",
    ),
    (
        "agenda-item-delete",
        "coordinator",
        lambda kw: AgendaItem.objects.filter(pk=kw["pk"]),
        "from the agenda?",
    ),
    (
        "criterion-delete",
        "coordinator",
        lambda kw: Criterion.objects.filter(pk=kw["criterion_pk"]),
        "remove the criterion",
    ),
    (
        "panel-member-remove",
        "coordinator",
        lambda kw: PanelMember.objects.filter(pk=kw["member_pk"]),
        "from the panel?",
    ),
    (
        "decision-entry-delete",
        "coordinator",
        lambda kw: DecisionMapEntry.objects.filter(pk=kw["pk"]),
        "from the decision map?",
    ),
    (
        "payment-rule-delete",
        "org_admin",
        lambda kw: PaymentRule.objects.filter(pk=kw["pk"]),
        "remove this payment rule?",
    ),
]


@pytest.mark.parametrize(("name", "role", "removed", "words"), CASES, ids=[c[0] for c in CASES])
def test_get_asks_and_changes_nothing_post_removes(world, login, name, role, removed, words):
    kwargs = EXPECTATIONS[name].kwargs(world)
    url = reverse(name, kwargs=kwargs)
    client = login(world.user(role))

    page = client.get(url)
    assert page.status_code == 200
    text = page.content.decode()
    assert "Are you sure you want to " in text
    assert words in text
    assert "nhsuk-button--warning" in text
    assert "No, go back" in text
    assert removed(kwargs).exists()

    response = client.post(url)
    assert response.status_code == 302
    assert not removed(kwargs).exists()
