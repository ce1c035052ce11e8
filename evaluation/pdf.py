"""The organisation's impact report: the dashboard for a period as a tagged
PDF (standard or large print), with the same SVG charts as the page (one code
path, vector graphics in the PDF) and the data table beside each."""

from __future__ import annotations

from django.utils.text import slugify

from involvement.pdf import pdf_filename, render_pdf

from .selectors import Dashboard


def render_dashboard_pdf(
    *,
    dashboard: Dashboard,
    feedback_statuses,
    stories,
    standards=(),
    standards_year: int | None = None,
    experience=(),
    large_print: bool = False,
) -> bytes:
    """`standards`: (group, rows) for each group, its self-assessment against
    the UK Standards for Public Involvement for `standards_year`.
    `experience`: the member experience surveys' results (anonymous, shares
    of fewer than five answers not shown)."""
    organisation = dashboard.organisation
    context = {
        "dashboard": dashboard,
        "organisation": organisation,
        "feedback_statuses": feedback_statuses,
        "stories": stories,
        "standards": standards,
        "standards_year": standards_year,
        "experience": experience,
    }
    return render_pdf(
        "evaluation/pdf/dashboard.html",
        context,
        large_print=large_print,
        title=(
            f"Impact report: {organisation.name}, "
            f"{dashboard.start:%-d %B %Y} to {dashboard.end:%-d %B %Y}"
        ),
    )


def report_filename(*, organisation, start, large_print: bool) -> str:
    stem = f"impact-report-{slugify(organisation.name)[:50]}-{start:%Y-%m}"
    return pdf_filename(stem, large_print=large_print)


def dashboard_filename(*, dashboard: Dashboard, large_print: bool) -> str:
    return report_filename(
        organisation=dashboard.organisation, start=dashboard.start, large_print=large_print
    )


def render_region_pdf(*, dashboard, headlines, large_print: bool = False) -> bytes:
    """The region's impact report: the region as a whole, each group's figures
    side by side and each sharing organisation's headline figures, all as the
    region dashboard shows them (small numbers suppressed, no one named)."""
    region = dashboard.region
    return render_pdf(
        "evaluation/pdf/region.html",
        {"dashboard": dashboard, "region": region, "headlines": headlines},
        large_print=large_print,
        title=(
            f"Impact report: {region.name}, "
            f"{dashboard.start:%-d %B %Y} to {dashboard.end:%-d %B %Y}"
        ),
    )


def region_report_filename(*, region, start, large_print: bool) -> str:
    stem = f"impact-report-{slugify(region.name)[:50]}-{start:%Y-%m}"
    return pdf_filename(stem, large_print=large_print)
