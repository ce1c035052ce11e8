"""Benchmark: a board meeting's briefing pack with ten 4-page board papers
appended (about 40 pages of papers), built by the Celery task as a worker
runs it (both variants: standard and large print).

Run with `.venv/bin/python -m bench.briefing_pack [runs] [papers] [pages]`
(defaults 5, 10, 4). It needs DATABASE_URL (PostgreSQL); it makes and keeps
its own database, `involve_bench_pack` (migrated on the first run), and
writes files to a temporary folder. Prints the median and maximum build time
and pages per second.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

PARAGRAPH = (
    "The integrated care board proposes to extend the structured education "
    "programme to every practice in the network, with evening and weekend "
    "sessions, and to measure HbA1c at three and twelve months. "
)


def paper_pdf(label: str, pages: int) -> bytes:
    """A board paper of `pages` A4 pages of text, as a board would publish it."""
    from weasyprint import HTML

    page = "".join(f"<p>{PARAGRAPH * 3}</p>" for _ in range(4))
    body = "".join(
        f'<section style="break-before: page"><h1>{label}, page {n}</h1>{page}</section>'
        for n in range(1, pages + 1)
    )
    return HTML(string=f"<html><body>{body}</body></html>").write_pdf()


def clear() -> None:
    """Remove what an earlier run made (protected keys: meetings first)."""
    from involvement.models import DecisionMakingBody, Organisation
    from meetings.models import Meeting

    Meeting.objects.filter(organisation__slug="bench-pack").delete()
    DecisionMakingBody.objects.filter(organisation__slug="bench-pack").delete()
    Organisation.objects.filter(slug="bench-pack").delete()


def make_briefing(papers: int, pages: int):
    import datetime

    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.utils import timezone

    from involvement.models import DecisionMakingBody, Organisation
    from meetings.models import Meeting
    from meetings.services.briefings import briefing_point_add, briefing_save
    from meetings.services.papers import paper_upload

    organisation = Organisation.objects.create(
        name="Benchmark Diabetes Network", slug="bench-pack", kind=Organisation.Kind.NETWORK
    )
    body = DecisionMakingBody.objects.create(
        organisation=organisation, name="Benchmark Network Board", level="executive"
    )
    starts = timezone.now().replace(microsecond=0) + datetime.timedelta(days=30)
    meeting = Meeting.objects.create(
        organisation=organisation,
        body=body,
        kind=Meeting.Kind.BOARD,
        title="Network board",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
    )
    uploaded = [
        paper_upload(
            meeting=meeting,
            title=f"Board paper {n}",
            upload=SimpleUploadedFile(f"paper-{n}.pdf", paper_pdf(f"Board paper {n}", pages)),
        )
        for n in range(1, papers + 1)
    ]
    briefing = briefing_save(
        meeting=meeting,
        what_to_expect="The chair asks the representatives to speak after each item. " * 5,
        points_close_on=timezone.localdate() + datetime.timedelta(days=25),
        glossary_terms=["ICB", "HbA1c", "QIPP", "pathway", "tariff"],
        summaries={paper.pk: PARAGRAPH * 2 for paper in uploaded},
    )
    for n in range(20):
        briefing_point_add(
            briefing=briefing, point=f"Ask about point {n}: {PARAGRAPH}", person=None, staff=True
        )
    return briefing


def main(argv: list[str]) -> None:
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test.utils import setup_test_environment

    from meetings.models import Briefing
    from meetings.tasks import build_briefing_pack

    runs = int(argv[0]) if argv else 5
    papers = int(argv[1]) if len(argv) > 1 else 10
    pages = int(argv[2]) if len(argv) > 2 else 4
    settings.DATABASES["default"].setdefault("TEST", {})["NAME"] = "involve_bench_pack"
    setup_test_environment()
    connection.creation.create_test_db(verbosity=0, keepdb=True)
    timings, total_pages = [], 0
    with tempfile.TemporaryDirectory() as media:
        settings.MEDIA_ROOT = media
        clear()
        briefing = make_briefing(papers, pages)
        try:
            for _ in range(runs):
                Briefing.objects.filter(pk=briefing.pk).update(pack_inputs="")  # build afresh
                started = time.perf_counter()
                total_pages = build_briefing_pack(briefing.pk)
                timings.append(time.perf_counter() - started)
        finally:
            clear()
    median = statistics.median(timings)
    print(
        f"briefing pack: {papers} papers of {pages} pages appended, {total_pages} pages "
        f"(standard and large print built): median {median:.2f} s, "
        f"max {max(timings):.2f} s over {runs} builds, "
        f"{total_pages / median:.0f} pages per second"
    )


if __name__ == "__main__":
    main(sys.argv[1:])
