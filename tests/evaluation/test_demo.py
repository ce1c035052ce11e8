"""The evaluation demo: objectives with measures and three years of readings
for both demo organisations, a shift in the entered series the chart flags,
and safe to run twice."""

from __future__ import annotations

import pytest

from evaluation import demo, selectors
from evaluation.models import ImpactRecord, Objective, Reading, SuccessMeasure, SurveyAnswer
from involvement import demo as involvement_demo

pytestmark = pytest.mark.django_db


def _counts():
    from evaluation.models import RegionGrant
    from involvement.models import Organisation

    return (
        Organisation.objects.count(),
        RegionGrant.objects.count(),
        Objective.objects.count(),
        SuccessMeasure.objects.count(),
        Reading.objects.count(),
        ImpactRecord.objects.count(),
        SurveyAnswer.objects.count(),
    )


def test_demo_seeds_objectives_measures_and_readings_once():
    involvement_demo.seed()
    demo.seed()
    first = _counts()
    assert first[2] == 2 * len(demo.OBJECTIVES)
    assert first[4] == 2 * 2 * demo.MONTHS_OF_READINGS  # two entered measures per organisation
    assert first[5] == 2 * len(demo.IMPACTS)
    assert first[1] == first[0]  # every organisation shares with the demo region, once
    demo.seed()
    assert _counts() == first

    listened = SuccessMeasure.objects.filter(
        name="Members who feel listened to (per cent)", objective__organisation__slug="fellside"
    ).get()
    chart = selectors.measure_chart(
        measure=listened, months=selectors.months_back(months=demo.MONTHS_OF_READINGS)
    ).chart
    assert chart.has_limits
    assert {s.rule for s in chart.signals} >= {"shift"}
    assert "improvement" in chart.summary
    fellside = listened.objective.organisation
    latest = selectors.survey_scores(organisation=fellside)[0]
    assert latest.gap is not None and latest.gap > 3  # staff well above service users


def test_the_demo_shows_a_full_group_dashboard():
    """Every demo together: the first Fellside group's dashboard has something
    in every section, a commissioner's view included."""
    from django.core.management import call_command

    from evaluation import group_figures
    from involvement.models import Group

    call_command("seed_demo")
    group = Group.objects.filter(organisation__slug="fellside").order_by("pk").first()
    months = selectors.months_back(months=24)
    dashboard = group_figures.group_dashboard(group=group, months=months, exact=False)
    assert dashboard.active >= 5
    assert len(dashboard.plotted) >= 12 and dashboard.attendance_chart.has_limits
    assert dashboard.meetings_held
    assert dashboard.seats
    assert dashboard.feedback.total and dashboard.feedback_answered
    assert dashboard.spend.budget is not None and dashboard.spend.spent
    assert dashboard.claims_paid
    rows = selectors.standards_by_group(groups=[group], year=dashboard.today.year)[group.pk]
    assert all(row.current for row in rows)
    assert {row.trend for row in rows} >= {"Better than the year before"}
    # Five years: the attendance chart has a long run to read.
    five_years = group_figures.group_dashboard(
        group=group, months=selectors.months_back(months=60), exact=False
    )
    assert len(five_years.plotted) >= 50


def test_the_demo_commissioner_sees_a_region():
    """The Fellside commissioner reads the demo region: both demo
    organisations and the generated ones, each group with figures."""
    from django.core.management import call_command
    from django.urls import reverse

    from evaluation import region_figures
    from evaluation.models import Region
    from involvement.models import User

    call_command("seed_demo")
    region = Region.objects.get(name=demo.REGION_NAME)
    commissioner = User.objects.get(email="commissioner@fellside.example")
    assert list(region.commissioners.all()) == [commissioner]
    dashboard = region_figures.region_dashboard(
        region=region, months=selectors.months_back(months=12)
    )
    slugs = {organisation.slug for organisation in dashboard.organisations}
    assert {"fellside", "riverbank"} <= slugs and len(slugs) >= 4
    assert len(dashboard.rows) >= 10
    assert sum(1 for row in dashboard.rows if row.attendance_rate is not None) >= 8
    assert any(row.claims_share is not None for row in dashboard.rows)
    assert all(dict(row.standards) for row in dashboard.rows)
    from django.test import Client

    client = Client()
    client.force_login(commissioner)
    page = client.get(reverse("region-dashboard", args=[region.pk]))
    assert page.status_code == 200
