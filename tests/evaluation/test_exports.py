"""CSV of the dashboards' figures: aggregates only, with the small-count rule
applied as on the page (primary and secondary suppression) for everyone but
the organisation's coordinators."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
import time_machine
from django.urls import reverse

from evaluation import services
from tests.factories import GroupFactory, MembershipFactory, PersonFactory

from .helpers import meeting_on

pytestmark = pytest.mark.django_db
D = datetime.date
TODAY = datetime.datetime(2026, 6, 15, 10, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def figures(world):
    """Group one: the world's member and 5 more active (6), one of them named;
    group two: 2 active. A May meeting with 3 of 4 there."""
    group = world.objects["group"]
    for _ in range(4):
        MembershipFactory(group=group, status="active")
    MembershipFactory(
        group=group, status="active", person=PersonFactory(full_name="=Ottoline Quarrington")
    )
    small = GroupFactory(organisation=world.organisation, name="Young Adults Panel")
    for _ in range(2):
        MembershipFactory(group=small, status="active")
    meeting_on(group, D(2026, 5, 12), came=3, missed=1)
    services.standards_save(
        group=group,
        year=2026,
        answers={"impact": {"rating": 4, "evidence": "Letters rewritten."}},
    )
    return group


def rows_of(response) -> list[list[str]]:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment;" in response["Content-Disposition"]
    return list(csv.reader(io.StringIO(response.content.decode())))


def test_organisation_csv_is_suppressed_for_commissioners(world, figures, login):
    url = reverse("evaluation-csv", args=[world.organisation.pk])
    rows = rows_of(login(world.user("commissioner")).get(url, {"period": "12"}))
    assert rows[0] == ["Section", "Figure", "Value"]
    assert rows[1] == ["Period", world.organisation.name, "1 July 2025 to 30 June 2026"]
    table = {(section, figure): value for section, figure, value in rows[2:]}
    assert table[("Group: Young Adults Panel", "Active members")] == "fewer than 5"
    assert (
        table[("Group: Testshire Diabetes Voices", "Active members")]
        == "Hidden to protect a small number"
    )
    assert table[("Headline figures", "Active members now")] == "8"
    text = "\n".join(",".join(row) for row in rows)
    assert "Ottoline" not in text and "Marian Testwell" not in text

    exact = rows_of(login(world.user("coordinator")).get(url, {"period": "12"}))
    table = {(section, figure): value for section, figure, value in exact[2:]}
    assert table[("Group: Young Adults Panel", "Active members")] == "2"
    assert table[("Group: Testshire Diabetes Voices", "Active members")] == "6"


def test_group_csv_matches_the_page_and_is_suppressed_for_commissioners(world, figures, login):
    url = reverse("group-dashboard-csv", args=[figures.pk])
    rows = rows_of(login(world.user("commissioner")).get(url, {"period": "12"}))
    table = {(section, figure): value for section, figure, value in rows[2:]}
    assert table[("Members", "Active members now")] == "6"
    assert table[("Attendance", "12 May 2026: Group meeting 2026-05-12")] == "Too few to show"
    assert table[("Attendance", "Attendance rate over the period")] == "Too few to show"
    assert table[("UK Standards for Public Involvement", "Impact")] == "Well established"
    assert ("Money", "Claims paid") in table
    coordinator = rows_of(login(world.user("coordinator")).get(url, {"period": "12"}))
    table = {(section, figure): value for section, figure, value in coordinator[2:]}
    assert table[("Attendance", "12 May 2026: Group meeting 2026-05-12")] == "75%"


def test_a_typed_name_cannot_run_as_a_formula(world, login):
    group = GroupFactory(organisation=world.organisation, name="=HYPERLINK(1)")
    url = reverse("group-dashboard-csv", args=[group.pk])
    rows = rows_of(login(world.user("coordinator")).get(url))
    assert rows[1][1] == "'=HYPERLINK(1)"
