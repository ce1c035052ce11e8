"""Dashboard, report and export reads go to a read replica when
DATABASE_REPLICA_URL names one, and to the primary when it does not
(involvement/db_routing.py). Here "replica" is the test database itself (TEST
MIRROR, config/settings/test.py), so the figures must come out the same
whichever answers; the queries captured on each connection show which did."""

from __future__ import annotations

import pytest
from django.db import connections
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from config.settings.base import with_replica
from evaluation import selectors
from involvement.db_routing import ReportReadsRouter, reads_for_reports
from involvement.models import Group

ROUTER = ReportReadsRouter()
BOTH = ["default", "replica"]


def test_without_a_replica_url_there_is_no_replica():
    databases = {"default": {"NAME": "involve", "CONN_MAX_AGE": 60}}
    assert with_replica(databases, "") == databases


def test_a_replica_url_adds_a_replica_like_the_primary():
    databases = {"default": {"NAME": "involve", "CONN_MAX_AGE": 60}}
    replica = with_replica(databases, "postgres://reader@replica.internal:5432/involve")["replica"]
    assert replica["HOST"] == "replica.internal"
    assert replica["USER"] == "reader"
    assert replica["CONN_MAX_AGE"] == 60
    assert replica["TEST"] == {"MIRROR": "default"}


def test_only_report_reads_move_and_writes_and_migrations_stay_on_the_primary(settings):
    settings.INVOLVE_REPORT_READS_DATABASE = "replica"
    assert ROUTER.db_for_read(Group) == "default"
    with reads_for_reports():
        assert ROUTER.db_for_read(Group) == "replica"
        assert ROUTER.db_for_write(Group) == "default"
    assert ROUTER.db_for_read(Group) == "default"
    assert ROUTER.allow_migrate("default", "involvement")
    assert not ROUTER.allow_migrate("replica", "involvement")


def test_report_reads_fall_back_to_the_primary_without_a_replica(settings):
    settings.INVOLVE_REPORT_READS_DATABASE = "default"
    with reads_for_reports():
        assert ROUTER.db_for_read(Group) == "default"
    # A setting naming a database that is not configured falls back too.
    settings.INVOLVE_REPORT_READS_DATABASE = "replica-that-is-not-there"
    with reads_for_reports():
        assert ROUTER.db_for_read(Group) == "default"


def _dashboard_reads(world):
    months = selectors.months_back(months=12)
    with (
        CaptureQueriesContext(connections["default"]) as primary,
        CaptureQueriesContext(connections["replica"]) as replica,
    ):
        dashboard = selectors.organisation_dashboard(
            organisation=world.organisation, months=months, exact=True
        )
    return dashboard, len(primary), len(replica)


@pytest.mark.django_db(transaction=True, databases=BOTH)
def test_the_dashboard_reads_from_the_replica_when_there_is_one(world, settings):
    settings.INVOLVE_REPORT_READS_DATABASE = "replica"

    dashboard, on_primary, on_replica = _dashboard_reads(world)

    assert on_replica > 0
    assert on_primary == 0
    assert dashboard.active_total == 1  # the world's one member, read from the mirror
    assert [row.group.name for row in dashboard.groups] == ["Testshire Diabetes Voices"]


@pytest.mark.django_db(transaction=True, databases=BOTH)
def test_the_dashboard_reads_from_the_primary_without_one(world, settings):
    settings.INVOLVE_REPORT_READS_DATABASE = "default"

    dashboard, on_primary, on_replica = _dashboard_reads(world)

    assert on_primary > 0
    assert on_replica == 0
    assert dashboard.active_total == 1


@pytest.mark.django_db(transaction=True, databases=BOTH)
def test_the_dashboard_page_checks_access_on_the_primary_and_reads_figures_from_the_replica(
    world, login, settings
):
    settings.INVOLVE_REPORT_READS_DATABASE = "replica"
    client = login(world.user("coordinator"))
    url = reverse("evaluation-dashboard", args=[world.organisation.pk])

    with (
        CaptureQueriesContext(connections["default"]) as primary,
        CaptureQueriesContext(connections["replica"]) as replica,
    ):
        response = client.get(url, {"period": "12"})

    assert response.status_code == 200
    assert "Testshire Diabetes Voices" in response.content.decode()
    assert any("involvement_staffrole" in q["sql"] for q in primary.captured_queries)
    assert any("meetings_invitation" in q["sql"] for q in replica.captured_queries)
    assert not any("meetings_invitation" in q["sql"] for q in primary.captured_queries)
    # A person of another organisation is refused before any figure is read.
    other = login(world.user("other_org")).get(url)
    assert other.status_code in (403, 404)
