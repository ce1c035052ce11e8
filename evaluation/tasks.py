"""Celery tasks of evaluation. Thin: each calls one service and is safe to
run twice."""

from celery import shared_task

from .reports import BUILD_TASK


@shared_task(name=BUILD_TASK)
def build_report(job_id: int) -> str:
    """Build an impact report asked for on the dashboard."""
    from .reports import report_build

    job = report_build(job_id=job_id)
    return job.status if job else "missing"


@shared_task(name="evaluation.refresh_region_figures")
def refresh_region_figures() -> int:
    """Work out every region's dashboard figures again and keep them (beat,
    every quarter of an hour)."""
    from .region_figures import refresh_all

    return refresh_all()
