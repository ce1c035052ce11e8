"""The impact report built in the background: a person asks for it (a
ReportJob is written and a Celery task queued once the request commits),
the task works out the figures, draws the charts and lays out the PDF,
saying how far it has got, and the file is kept for them to download.

`report_build` is safe to run twice: a finished job is left as it is."""

from __future__ import annotations

import logging
from functools import partial

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from . import pdf, selectors
from .charts import with_svg
from .models import ReportJob, ReportStatus
from .pdf import dashboard_filename, render_dashboard_pdf

logger = logging.getLogger(__name__)

BUILD_TASK = "evaluation.build_report"

STEPS = {
    "figures": (10, "Working out the figures"),
    "charts": (40, "Drawing the charts"),
    "pages": (70, "Laying out the pages"),
}


def _enqueue(job_id: int) -> None:
    from .tasks import build_report

    build_report.delay(job_id)


@transaction.atomic
def report_request(*, organisation, user, period_months: int, large_print: bool, exact: bool):
    """Ask for the organisation's report for the last `period_months` months."""
    job = ReportJob.objects.create(
        organisation=organisation,
        requested_by=user,
        period_months=period_months,
        last_month=selectors.month_start(timezone.localdate()),
        large_print=large_print,
        exact=exact,
        step="Waiting to start",
    )
    transaction.on_commit(partial(_enqueue, job.pk), robust=True)
    return job


@transaction.atomic
def region_report_request(*, region, user, period_months: int, large_print: bool):
    """Ask for the region's report: never exact (a region sees no one)."""
    job = ReportJob.objects.create(
        region=region,
        requested_by=user,
        period_months=period_months,
        last_month=selectors.month_start(timezone.localdate()),
        large_print=large_print,
        exact=False,
        step="Waiting to start",
    )
    transaction.on_commit(partial(_enqueue, job.pk), robust=True)
    return job


def _build_region(job: ReportJob) -> tuple[bytes, str]:
    """The region's report: the region as a whole, its groups side by side and
    each sharing organisation's headline figures, suppressed as on the page."""
    from .region_figures import region_dashboard

    months = selectors.months_back(months=job.period_months, today=job.last_month)
    dashboard = region_dashboard(region=job.region, months=months)
    headlines = [
        selectors.organisation_dashboard(organisation=organisation, months=months, exact=False)
        for organisation in dashboard.organisations
    ]
    _progress(job, "pages")
    content = pdf.render_region_pdf(
        dashboard=dashboard, headlines=headlines, large_print=job.large_print
    )
    name = pdf.region_report_filename(
        region=job.region, start=dashboard.start, large_print=job.large_print
    )
    return content, name


def _progress(job: ReportJob, step: str) -> None:
    job.progress, job.step = STEPS[step]
    job.status = ReportStatus.RUNNING
    job.save(update_fields=["progress", "step", "status"])


def report_build(*, job_id: int) -> ReportJob | None:
    """Build the job's PDF, saving progress between steps (each step commits
    on its own, so the page sees it)."""
    job = ReportJob.objects.select_related("organisation", "region").filter(pk=job_id).first()
    if job is None or job.status == ReportStatus.DONE:
        return job
    try:
        _progress(job, "figures")
        if job.region_id:
            content, name = _build_region(job)
            job.file.save(f"{job.pk}-{name}", ContentFile(content), save=False)
            job.status, job.progress, job.step = ReportStatus.DONE, 100, "Ready"
            job.finished_at = timezone.now()
            job.save(update_fields=["file", "status", "progress", "step", "finished_at"])
            return job
        organisation = job.organisation
        months = selectors.months_back(months=job.period_months, today=job.last_month)
        dashboard = selectors.organisation_dashboard(
            organisation=organisation, months=months, exact=job.exact
        )
        stories = selectors.impact_stories(
            organisation=organisation, start=dashboard.start, end=dashboard.end
        )
        groups = [row.group for row in dashboard.groups]
        year = dashboard.end.year
        by_group = selectors.standards_by_group(groups=groups, year=year)
        experience = selectors.experience_results(
            surveys=selectors.experience_in_period(
                groups=groups, start=dashboard.start, end=dashboard.end
            )
        )
        _progress(job, "charts")
        for measure_chart in dashboard.measures:
            with_svg(measure_chart)
        _progress(job, "pages")
        content = render_dashboard_pdf(
            dashboard=dashboard,
            feedback_statuses=selectors.feedback_statuses(dashboard.feedback),
            stories=stories,
            standards=[(group, by_group[group.pk]) for group in groups],
            standards_year=year,
            experience=experience,
            large_print=job.large_print,
        )
        name = dashboard_filename(dashboard=dashboard, large_print=job.large_print)
        job.file.save(f"{job.pk}-{name}", ContentFile(content), save=False)
        job.status, job.progress, job.step = ReportStatus.DONE, 100, "Ready"
    except Exception:
        logger.exception("Impact report %s could not be built", job_id)
        job.status, job.step = ReportStatus.FAILED, "Something went wrong"
    job.finished_at = timezone.now()
    job.save(update_fields=["file", "status", "progress", "step", "finished_at"])
    return job


def report_filename(job: ReportJob) -> str:
    """The download name, without the extension: from the job itself, not
    the stored file's name (which the storage may have made unique)."""
    start = selectors.months_back(months=job.period_months, today=job.last_month)[0]
    if job.region_id:
        name = pdf.region_report_filename(
            region=job.region, start=start, large_print=job.large_print
        )
        return name.removesuffix(".pdf")
    name = pdf.report_filename(
        organisation=job.organisation, start=start, large_print=job.large_print
    )
    return name.removesuffix(".pdf")
