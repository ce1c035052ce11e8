"""The group's self-assessment against the UK Standards for Public
Involvement: coordinators rate each standard with evidence for a year,
commissioners read it; the trend from the year before; shown on the group
dashboard and in the impact report."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from evaluation import selectors, services
from evaluation.models import StandardAssessment

from .test_report import build_report, pdf_texts, squash  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db
TODAY = datetime.datetime(2026, 6, 15, 10, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(TODAY, tick=False):
        yield


def rate(group, year, **ratings):
    return services.standards_save(
        group=group,
        year=year,
        answers={
            standard: {"rating": rating, "evidence": f"Evidence for {standard} in {year}."}
            for standard, rating in ratings.items()
        },
    )


def test_ratings_by_year_and_the_trend(world):
    group = world.objects["group"]
    rate(group, 2025, inclusive=2, governance=3, impact=2)
    assert rate(group, 2026, inclusive=3, governance=2, impact=2, communications=1) == 4
    rows = {
        row.standard: row
        for row in selectors.standards_by_group(groups=[group], year=2026)[group.pk]
    }
    assert rows["inclusive"].trend == "Better than the year before"
    assert rows["governance"].trend == "Worse than the year before"
    assert rows["impact"].trend == "The same as the year before"
    assert rows["communications"].trend == "First rating"
    assert rows["support"].trend == "Not assessed"
    assert selectors.standards_years(list(rows.values())) == [2026, 2025]


def test_saving_again_changes_and_removes_ratings(world):
    group = world.objects["group"]
    rate(group, 2026, inclusive=2, impact=3)
    rate(group, 2026, inclusive=4)
    assert dict(
        StandardAssessment.objects.filter(group=group, year=2026).values_list("standard", "rating")
    ) == {"inclusive": 4}


def test_a_rating_needs_evidence(world):
    with pytest.raises(ValidationError):
        services.standards_save(
            group=world.objects["group"],
            year=2026,
            answers={"impact": {"rating": 3, "evidence": "  "}},
        )


def test_coordinator_rates_the_group_on_the_page(world, login):
    group = world.objects["group"]
    url = reverse("standards-edit", args=[group.pk, 2026])
    client = login(world.user("coordinator"))
    response = client.post(url, {"impact_rating": "3", "inclusive_rating": "2"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Say what shows the rating for impact" in page
    assert "Say what shows the rating for inclusive opportunities" in page
    response = client.post(
        url,
        {
            "impact_rating": "3",
            "impact_evidence": "Screening letters were rewritten with members.",
            "impact_link": "example.org/letters",
        },
    )
    assert response.status_code == 302
    saved = StandardAssessment.objects.get(group=group, year=2026)
    assert (saved.standard, saved.rating, saved.evidence_link) == (
        "impact",
        3,
        "https://example.org/letters",
    )
    # The form shows what was saved.
    assert "Screening letters were rewritten" in client.get(url).content.decode()


def test_commissioners_read_but_do_not_edit(world, login):
    group = world.objects["group"]
    rate(group, 2026, impact=4)
    client = login(world.user("commissioner"))
    page = client.get(reverse("standards-list", args=[group.pk])).content.decode()
    assert 'data-standard-rating="impact">Well established' in page
    assert "Evidence for impact in 2026." in page
    assert reverse("standards-edit", args=[group.pk, 2026]) not in page
    assert client.get(reverse("standards-edit", args=[group.pk, 2026])).status_code == 403


def test_only_recent_years_can_be_written(world, login):
    client = login(world.user("coordinator"))
    group = world.objects["group"]
    assert client.get(reverse("standards-edit", args=[group.pk, 2027])).status_code == 404
    assert client.get(reverse("standards-edit", args=[group.pk, 2015])).status_code == 404
    assert client.get(reverse("standards-edit", args=[group.pk, 2016])).status_code == 200


def test_shown_on_the_group_dashboard_and_in_the_report(
    world,
    login,
    pdf_texts,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    group = world.objects["group"]
    rate(group, 2025, governance=2)
    rate(group, 2026, governance=3)
    client = login(world.user("commissioner"))
    page = client.get(reverse("group-dashboard", args=[group.pk])).content.decode()
    assert 'data-standard-rating="governance">Developing' in page
    assert "Better than the year before" in page
    _job, _page, download = build_report(
        client, world.organisation, django_capture_on_commit_callbacks
    )
    assert download.status_code == 200
    [text] = pdf_texts
    assert squash("UK Standards for Public Involvement") in squash(text)
    assert squash("Governance Developing Better than the year before") in squash(text)
