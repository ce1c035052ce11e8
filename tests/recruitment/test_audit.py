"""The audit trail: every step recorded, shown to the coordinator and
exported as CSV and PDF, with flat queries."""

import csv
import io

import pytest
from django.urls import reverse

from recruitment.models import AuditEvent
from recruitment.services.audit import audit_record

from .scoring_data import add_application, add_reviewer, make_vacancy


@pytest.fixture
def vacancy(world):
    return make_vacancy(organisation=world.organisation, group=world.objects["group"])


def test_audit_csv_export_lists_every_step(vacancy, world, client):
    application = add_application(vacancy)
    audit_record(
        vacancy=vacancy,
        application=application,
        action="shortlist",
        summary=f"{application.reference} shortlisted",
        actor=world.user("coordinator"),
    )
    audit_record(vacancy=vacancy, action="proposal", summary="=HYPERLINK(evil)")
    client.force_login(world.user("coordinator"))
    response = client.get(reverse("audit-vacancy-csv", kwargs={"pk": vacancy.pk}))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["When", "Who", "Step", "Application", "What happened"]
    assert rows[1][2:] == [
        "Shortlisted",
        application.reference,
        f"{application.reference} shortlisted",
    ]
    assert rows[2][1] == "The platform"
    assert rows[2][4] == "'=HYPERLINK(evil)"  # not run as a spreadsheet formula


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_audit_csv_who_column_is_never_a_formula(vacancy, world, client, start):
    coordinator = world.user("coordinator")
    coordinator.full_name = f"{start}HYPERLINK(evil)"
    coordinator.save(update_fields=["full_name"])
    audit_record(vacancy=vacancy, action="proposal", summary="Proposed", actor=coordinator)
    client.force_login(coordinator)
    response = client.get(reverse("audit-vacancy-csv", kwargs={"pk": vacancy.pk}))
    rows = list(csv.reader(io.StringIO(response.content.decode(), newline="")))
    assert rows[1][1] == f"'{start}HYPERLINK(evil)"


def test_audit_pdf_export(vacancy, world, client):
    audit_record(vacancy=vacancy, action="proposal", summary="Proposed A-1")
    client.force_login(world.user("coordinator"))
    response = client.get(reverse("audit-vacancy-pdf", kwargs={"pk": vacancy.pk}))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_audit_page_queries_stay_flat(vacancy, world, client, assert_flat_queries):
    client.force_login(world.user("coordinator"))
    url = reverse("audit-vacancy", kwargs={"pk": vacancy.pk})

    def grow(n):
        for _ in range(n):
            reviewer = add_reviewer(vacancy)
            application = add_application(vacancy)
            audit_record(
                vacancy=vacancy,
                application=application,
                action="score",
                summary="scored",
                actor=reviewer.user,
            )

    assert_flat_queries(lambda: client.get(url), grow=grow)


def test_audit_trail_is_not_shown_to_reviewers(vacancy, client):
    reviewer = add_reviewer(vacancy)
    client.force_login(reviewer.user)
    assert client.get(reverse("audit-vacancy", kwargs={"pk": vacancy.pk})).status_code == 403
    assert not AuditEvent.objects.exists()


def test_audit_trail_says_each_step_in_words(vacancy, world, client):
    audit_record(vacancy=vacancy, action="vacancy_opened", summary="Vacancy opened")
    audit_record(vacancy=vacancy, action="conflict_declared", summary="Declared")
    audit_record(vacancy=vacancy, action="something_new", summary="Later")
    client.force_login(world.user("coordinator"))

    page = client.get(reverse("audit-vacancy", kwargs={"pk": vacancy.pk})).content.decode()

    assert "Vacancy opened" in page
    assert "Conflict of interest declared" in page
    assert "Something new" in page
    assert "vacancy_opened" not in page and "something_new" not in page


def test_an_applicant_acting_is_named_by_reference_never_by_email(vacancy, world, client):
    from tests.factories import UserFactory

    application = add_application(vacancy)
    applicant = UserFactory(email="applicant.person@example.org", full_name="", preferred_name="")
    application.person.user = applicant
    application.person.save(update_fields=["user"])
    audit_record(
        vacancy=vacancy,
        application=application,
        action="application_withdrawn",
        summary=f"{application.reference} was withdrawn by the applicant",
        actor=applicant,
    )
    client.force_login(world.user("coordinator"))

    page = client.get(reverse("audit-vacancy", kwargs={"pk": vacancy.pk})).content.decode()
    rows = list(
        csv.reader(
            io.StringIO(
                client.get(reverse("audit-vacancy-csv", kwargs={"pk": vacancy.pk})).content.decode()
            )
        )
    )

    assert "applicant.person@example.org" not in page
    assert f"The applicant ({application.reference})" in page
    assert "Application withdrawn" in page
    assert rows[1][1] == f"The applicant ({application.reference})"
