"""The impact report PDF: asked for on a page, built by a Celery task with
its progress on the page and kept for download; the dashboard for a period,
tagged, charts as vector graphics (the same SVG as the page), tables,
published stories, and the small-count rule for commissioners."""

from __future__ import annotations

import datetime
import re

import pytest
import time_machine
from django.urls import reverse

from evaluation import reports, services
from evaluation.models import ReportJob
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


def build_report(client, organisation, capture, **form):
    """Ask for the report on its page; the task runs when the request commits
    (eagerly in tests). Returns the job page's response and the download."""
    url = reverse("report-request", args=[organisation.pk])
    with capture(execute=True):
        response = client.post(url, {"period": "12", **form})
    assert response.status_code == 302, response.content.decode()[:2000]
    job = ReportJob.objects.get(pk=int(response["Location"].rstrip("/").split("/")[-1]))
    page = client.get(response["Location"])
    download = client.get(reverse("report-download", args=[job.pk]))
    return job, page, download


def test_report_is_built_in_the_background_and_kept(
    report_world, login, django_capture_on_commit_callbacks
):
    client = login(report_world.user("coordinator"))
    url = reverse("report-request", args=[report_world.organisation.pk])
    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(url, {"period": "24", "large_print": "on"})
    job = ReportJob.objects.get()
    assert (job.status, job.progress, job.period_months, job.large_print, job.exact) == (
        "queued",
        0,
        24,
        True,
        True,
    )
    assert len(callbacks) == 1  # queued once the request commits, not in it
    page = client.get(response["Location"]).content.decode()
    assert 'data-report-status="queued"' in page
    assert 'value="0"' in page
    assert 'data-report-progress="waiting"' in page
    assert "js/report-progress.js" in page  # looks again by itself, where scripts run
    assert client.get(reverse("report-download", args=[job.pk])).status_code == 404

    reports.report_build(job_id=job.pk)
    job.refresh_from_db()
    assert (job.status, job.progress) == ("done", 100)
    page = client.get(response["Location"]).content.decode()
    assert 'data-report-status="done"' in page
    assert "js/report-progress.js" not in page
    # Run twice: the finished report is left as it is.
    name = job.file.name
    reports.report_build(job_id=job.pk)
    job.refresh_from_db()
    assert job.file.name == name
    # Listed on the request page, and nobody else sees it.
    assert reverse("report-job", args=[job.pk]) in client.get(url).content.decode()
    other = login(report_world.user("org_admin"))
    assert other.get(reverse("report-job", args=[job.pk])).status_code == 404
    assert other.get(reverse("report-download", args=[job.pk])).status_code == 404


def test_progress_is_saved_step_by_step(report_world, monkeypatch):
    job = reports.report_request(
        organisation=report_world.organisation,
        user=report_world.user("coordinator"),
        period_months=12,
        large_print=False,
        exact=True,
    )
    seen = []
    original = reports._progress

    def spy(job, step):
        original(job, step)
        stored = ReportJob.objects.get(pk=job.pk)
        seen.append((stored.status, stored.progress, stored.step))

    monkeypatch.setattr(reports, "_progress", spy)
    reports.report_build(job_id=job.pk)
    assert seen == [
        ("running", 10, "Working out the figures"),
        ("running", 40, "Drawing the charts"),
        ("running", 70, "Laying out the pages"),
    ]


def test_a_failed_build_says_so(report_world, login, monkeypatch):
    job = reports.report_request(
        organisation=report_world.organisation,
        user=report_world.user("coordinator"),
        period_months=12,
        large_print=False,
        exact=True,
    )

    def broken(**kwargs):
        raise RuntimeError("the layout engine fell over")

    monkeypatch.setattr(reports, "render_dashboard_pdf", broken)
    reports.report_build(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == "failed"
    page = login(report_world.user("coordinator")).get(reverse("report-job", args=[job.pk]))
    assert "The report could not be built" in page.content.decode()


def test_report_is_a_tagged_pdf_with_vector_charts_and_tables(
    report_world, login, pdf_texts, django_capture_on_commit_callbacks
):
    client = login(report_world.user("coordinator"))
    _job, _page, response = build_report(
        client, report_world.organisation, django_capture_on_commit_callbacks
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert (
        "impact-report-north-testshire-diabetes-network-2025-07.pdf"
        in response["Content-Disposition"]
    )
    objects = pdf_objects(b"".join(response.streaming_content))
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


def test_commissioners_report_suppresses_small_numbers(
    report_world, login, pdf_texts, django_capture_on_commit_callbacks
):
    client = login(report_world.user("commissioner"))
    job, _page, download = build_report(
        client, report_world.organisation, django_capture_on_commit_callbacks, large_print="on"
    )
    assert download.status_code == 200
    assert not job.exact
    text = squash(pdf_texts[-1])
    assert squash("fewer than 5") in text
    assert squash("Hidden to protect a small number") in text
    assert squash("Large print") in text
