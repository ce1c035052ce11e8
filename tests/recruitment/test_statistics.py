"""Reviewer statistics against the panel, and diversity per stage in
aggregate only, not shown for a stage with fewer than five applicants."""

from decimal import Decimal

import pytest
from django.urls import reverse

from recruitment.models import Application
from recruitment.selectors.statistics import diversity_by_stage, reviewer_statistics

from .scoring_data import add_application, add_reviewer, consent, factor, make_vacancy, score

Status = Application.Status


@pytest.fixture
def vacancy(world):
    return make_vacancy(organisation=world.organisation, group=world.objects["group"])


def test_a_harsh_reviewer_shows_against_the_panel(vacancy):
    harsh, fair = add_reviewer(vacancy), add_reviewer(vacancy)
    for _ in range(2):
        application = add_application(vacancy)
        score(application, harsh, [1, 1])
        score(application, fair, [3, 3])
    rows, panel = reviewer_statistics(vacancy=vacancy)
    by_user = {row.reviewer: row for row in rows}
    # Harsh gives 1s; the panel's mean on the same answers is (1 + 3) / 2 = 2.
    assert by_user[harsh.user].mean == Decimal("1.00")
    assert by_user[harsh.user].panel_mean == Decimal("2.00")
    assert by_user[harsh.user].difference == Decimal("-1.00")
    assert by_user[harsh.user].tendency == "Harsher than the panel"
    assert by_user[fair.user].tendency == "More generous than the panel"
    assert by_user[fair.user].spread == Decimal("0.00")
    assert panel == {"count": 8, "mean": Decimal("2.00"), "spread": Decimal("1.00")}


def test_diversity_per_stage_is_suppressed_under_five(vacancy, world, client):
    factor(vacancy.group, "Type 1 diabetes", "diabetes_type", ["type_1"], 2)
    for index in range(6):
        application = add_application(
            vacancy, status=Status.SHORTLISTED if index < 4 else Status.SUBMITTED
        )
        if index % 2 == 0:
            consent(application.person, diabetes_type="type_1")
    _, stages = diversity_by_stage(vacancy=vacancy)
    applied, shortlisted, selected = stages
    assert (applied.total, applied.suppressed, applied.counts) == (6, False, {"Type 1 diabetes": 3})
    assert applied.not_known == 3
    assert shortlisted.total == 4 and shortlisted.suppressed
    assert shortlisted.counts == {"Type 1 diabetes": None}
    assert selected.suppressed
    client.force_login(world.user("coordinator"))
    page = client.get(reverse("statistics-vacancy", kwargs={"pk": vacancy.pk})).content.decode()
    assert "Not shown: fewer than 5 applicants" in page


def test_statistics_are_for_the_coordinator_only(vacancy, world, client):
    url = reverse("statistics-vacancy", kwargs={"pk": vacancy.pk})
    for role, status in [("coordinator", 200), ("commissioner", 403), ("panel_member", 403)]:
        client.force_login(world.user(role))
        assert client.get(url).status_code == status, role


def test_statistics_page_queries_stay_flat(vacancy, world, client, assert_flat_queries):
    factor(vacancy.group, "Type 1 diabetes", "diabetes_type", ["type_1"], 2)
    client.force_login(world.user("coordinator"))
    url = reverse("statistics-vacancy", kwargs={"pk": vacancy.pk})

    def grow(n):
        for _ in range(n):
            reviewer = add_reviewer(vacancy)
            application = add_application(vacancy)
            consent(application.person, diabetes_type="type_1")
            score(application, reviewer, [2, 3])

    assert_flat_queries(lambda: client.get(url), grow=grow)
