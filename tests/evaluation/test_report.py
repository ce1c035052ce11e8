"""The impact report PDF: the dashboard for a period, tagged, charts as
vector graphics (the same SVG as the page), tables, published stories, and
the small-count rule for commissioners."""

from __future__ import annotations

import datetime
import re

import pytest
import time_machine
from django.urls import reverse

from evaluation import services
from tests.factories import GroupFactory, MembershipFactory
from tests.platform.helpers import pdf_objects

pytestmark = pytest.mark.django_db
D = datetime.date
TODAY = datetime.datetime(2026, 6, 15, 10, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(TODAY, tick=False):
        yield


def squash(text: str) -> str:
    """Text without whitespace: the layout breaks lines where spaces were."""
    return re.sub(r"\s+", "", text)


@pytest.fixture
def pdf_texts(monkeypatch):
    """The text of every PDF written, read from WeasyPrint's laid-out pages."""
    from weasyprint.document import Document
    from weasyprint.formatting_structure import boxes

    texts: list[str] = []
    write_pdf = Document.write_pdf

    def box_text(box) -> str:
        if isinstance(box, boxes.TextBox):
            return box.text
        return "".join(box_text(child) for child in getattr(box, "children", None) or ())

    def recording_write_pdf(self, *args, **kwargs):
        texts.append("".join(box_text(page._page_box) for page in self.pages))
        return write_pdf(self, *args, **kwargs)

    monkeypatch.setattr(Document, "write_pdf", recording_write_pdf)
    return texts


@pytest.fixture
def report_world(world):
    group = world.objects["group"]
    for _ in range(5):
        MembershipFactory(group=group, status="active")
    small = GroupFactory(organisation=world.organisation, name="Young Adults Panel")
    MembershipFactory(group=small, status="active")
    objective = services.objective_create(
        organisation=world.organisation, title="Feel heard", term="short", owner="Coordinator"
    )
    measure = services.measure_create(
        objective=objective,
        name="Members who feel listened to",
        method="Show of hands.",
        source="entered",
        direction="up",
    )
    for index in range(12):
        month = D(2025, 7, 1).replace(year=2025 + (6 + index) // 12, month=(6 + index) % 12 + 1)
        services.reading_record(measure=measure, month=month, value=50 + index % 3)
    record = services.impact_record_create(
        organisation=world.organisation,
        group=group,
        title="Evening clinics",
        what_changed="Internal detail.",
        area="services",
        perspective="staff",
        changed_on=D(2026, 3, 1),
    )
    services.impact_record_publish(
        record=record, published=True, public_text="The clinic opens two evenings a week."
    )
    return world


def test_report_is_a_tagged_pdf_with_vector_charts_and_tables(report_world, login, pdf_texts):
    client = login(report_world.user("coordinator"))
    url = reverse("evaluation-report", args=[report_world.organisation.pk])
    response = client.get(url, {"period": "12"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert (
        "impact-report-north-testshire-diabetes-network-2025-07.pdf"
        in response["Content-Disposition"]
    )
    objects = pdf_objects(response.content)
    assert b"/StructTreeRoot" in objects
    assert b"/Table" in objects  # tables are tagged as tables
    assert b"/Image" not in objects  # the chart is not a picture...
    assert re.search(rb"\d+(\.\d+)? \d+(\.\d+)? l\b", objects)  # ...but drawn lines
    text = squash(pdf_texts[-1])
    assert squash("Impact report: North Testshire Diabetes Network") in text
    assert squash("Members who feel listened to") in text
    assert squash("XmR chart") in text
    assert squash("The clinic opens two evenings a week.") in text
    assert squash("Internal detail.") not in text
    assert squash("Young Adults Panel") in text


def test_commissioners_report_suppresses_small_numbers(report_world, login, pdf_texts):
    client = login(report_world.user("commissioner"))
    url = reverse("evaluation-report", args=[report_world.organisation.pk])
    assert client.get(url, {"period": "12", "large_print": "1"}).status_code == 200
    text = squash(pdf_texts[-1])
    assert squash("fewer than 5") in text
    assert squash("Hidden to protect a small number") in text
    assert squash("Large print") in text
