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


# --- XLSX beside each CSV ---------------------------------------------------------


def sheet_of(response):
    """The workbook's one sheet, opened with openpyxl."""
    import openpyxl

    assert response.status_code == 200
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert response["Content-Disposition"].endswith('.xlsx"')
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    return book.active


def cells_by_figure(sheet) -> dict:
    return {
        (row[0].value, row[1].value): row[2] for row in sheet.iter_rows(min_row=3) if row[0].value
    }


def test_organisation_xlsx_has_number_cells_and_the_same_suppression(world, figures, login):
    url = reverse("evaluation-xlsx", args=[world.organisation.pk])
    sheet = sheet_of(login(world.user("commissioner")).get(url, {"period": "12"}))
    assert [c.value for c in sheet[1]] == ["Section", "Figure", "Value"]
    assert [c.value for c in sheet[2]] == [
        "Period",
        world.organisation.name,
        "1 July 2025 to 30 June 2026",
    ]
    cells = cells_by_figure(sheet)
    active = cells[("Headline figures", "Active members now")]
    assert active.value == 8 and active.data_type == "n"
    assert cells[("Group: Young Adults Panel", "Active members")].value == "fewer than 5"
    assert (
        cells[("Group: Testshire Diabetes Voices", "Active members")].value
        == "Hidden to protect a small number"
    )
    values = [str(c.value) for row in sheet.iter_rows() for c in row]
    assert not any("Ottoline" in v or "Marian" in v for v in values)

    exact = cells_by_figure(sheet_of(login(world.user("coordinator")).get(url, {"period": "12"})))
    assert exact[("Group: Young Adults Panel", "Active members")].value == 2


def test_group_xlsx_keeps_rates_as_per_cent_numbers(world, figures, login):
    url = reverse("group-dashboard-xlsx", args=[figures.pk])
    coordinator = cells_by_figure(
        sheet_of(login(world.user("coordinator")).get(url, {"period": "12"}))
    )
    rate = coordinator[("Attendance", "12 May 2026: Group meeting 2026-05-12")]
    assert rate.data_type == "n" and float(rate.value) == 0.75 and rate.number_format == "0%"
    commissioner = cells_by_figure(
        sheet_of(login(world.user("commissioner")).get(url, {"period": "12"}))
    )
    assert (
        commissioner[("Attendance", "12 May 2026: Group meeting 2026-05-12")].value
        == "Too few to show"
    )
    assert commissioner[("Members", "Active members now")].value == 6


def test_a_typed_name_is_text_in_the_xlsx_never_a_formula(world, login):
    group = GroupFactory(organisation=world.organisation, name="=HYPERLINK(1)")
    url = reverse("group-dashboard-xlsx", args=[group.pk])
    sheet = sheet_of(login(world.user("coordinator")).get(url))
    name = sheet["B2"]
    assert name.value == "=HYPERLINK(1)" and name.data_type == "s"


def test_amounts_in_pounds_become_number_cells():
    from decimal import Decimal

    from involvement.xlsx_export import POUNDS_FORMAT, typed

    assert typed("£1,234.56") == (Decimal("1234.56"), POUNDS_FORMAT)
    assert typed("12") == (12, None)
    assert typed("fewer than 5") == ("fewer than 5", None)
    assert typed("1 to 14") == ("1 to 14", None)
