"""PDF throughput: `python -m bench.pdfs` (`make bench-pdfs`).

On the national data set (as `make bench`), in-process under the benchmark's
settings (production plus the floor page): renders each kind of document
ROUNDS times, one after another, the heaviest realistic one of each (the
national charity's largest group, its largest recruitment round), and writes
pages per second and seconds per document into bench/RESULTS.md.

Documents served by a page are asked for through Django's test client, signed
in as the person who would ask (so the time includes the view's queries); the
ones a background task makes (a batch of letters, the impact report) are
rendered by the same functions the task calls, inside a transaction that is
rolled back.
"""

from __future__ import annotations

import argparse
import re
import statistics
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from bench.pages import ROOT, _setup_django

START, END = "<!-- bench:pdfs -->", "<!-- /bench:pdfs -->"
PAGE = re.compile(rb"/Type\s*/Page(?![s\w])")
STREAM = re.compile(rb"stream\r?\n(.*?)\r?\nendstream", re.DOTALL)


def page_count(content: bytes) -> int:
    """Pages of a PDF: its page objects, also those inside compressed object
    streams (WeasyPrint writes them)."""
    found = len(PAGE.findall(content))
    for stream in STREAM.findall(content):
        try:
            found += len(PAGE.findall(zlib.decompress(stream)))
        except zlib.error:
            continue
    return found


@dataclass
class Document:
    label: str
    make: Callable[[], bytes]
    seconds: list[float] = field(default_factory=list)
    pages: int = 0


class _Rollback(Exception):
    pass


def _documents(letters: int) -> list[Document]:
    from django.db.models import Count, Q
    from django.test import Client
    from django.urls import reverse

    from involvement.models import Group, Notification, Organisation, PrintBatch, User
    from involvement.pdf import render_pdf_parts
    from meetings.models import Minutes
    from recruitment.models import Vacancy
    from workplans.models import WorkPlan

    charity = Organisation.objects.get(slug="nat-0")
    group = (
        Group.objects.filter(organisation=charity)
        .annotate(size=Count("memberships"))
        .order_by("-size", "id")
        .first()
    )
    coordinator = User.objects.get(email="coordinator1@org0.staff.example.org")
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(coordinator)

    def page(path: str) -> Callable[[], bytes]:
        def get() -> bytes:
            response = client.get(path, secure=True)
            if response.status_code != 200 or response["Content-Type"] != "application/pdf":
                raise RuntimeError(f"{path}: {response.status_code} {response['Content-Type']}")
            return b"".join(response) if response.streaming else response.content

        return get

    minutes = (
        Minutes.objects.filter(meeting__group=group, status="published")
        .order_by("-meeting__starts_at")
        .first()
    )
    vacancy = (
        Vacancy.objects.filter(group__organisation=charity, status="decided")
        .annotate(submitted=Count("applications", filter=~Q(applications__status="draft")))
        .order_by("-submitted", "id")
        .first()
    )
    plan = WorkPlan.objects.get(group=group, status="current")
    documents = [
        Document(
            "Meeting summary (minutes)",
            page(reverse("meeting-summary-pdf", args=[minutes.meeting_id])),
        ),
        Document("Agenda", page(reverse("meeting-agenda-pdf", args=[minutes.meeting_id]))),
        Document("Work plan", page(reverse("workplan-pdf", args=[plan.pk]))),
        Document(
            f"Recruitment audit ({vacancy.submitted} applications)",
            page(reverse("audit-vacancy-pdf", args=[vacancy.pk])),
        ),
    ]

    post = list(
        Notification.objects.filter(organisation=charity, channel="post")
        .select_related("recipient")
        .order_by("id")[:letters]
    )

    def letters_batch() -> bytes:
        batch = PrintBatch(pk=0, organisation=charity)
        return render_pdf_parts(
            "involvement/pdf/letters.html",
            [{"batch": batch, "letters": [letter], "organisation": charity} for letter in post],
            title=f"Letters from {charity.name}",
        )

    documents.append(Document(f"Letters batch ({len(post)} letters)", letters_batch))
    documents.append(Document("Impact report (12 months)", _impact_report(charity, coordinator)))
    return documents


def _impact_report(charity, coordinator) -> Callable[[], bytes]:
    from django.db import transaction

    from evaluation.reports import report_build, report_request

    def build() -> bytes:
        content = b""
        try:
            with transaction.atomic():
                job = report_request(
                    organisation=charity,
                    user=coordinator,
                    period_months=12,
                    large_print=False,
                    exact=False,
                )
                job = report_build(job_id=job.pk)
                with job.file.open("rb") as file:
                    content = file.read()
                job.file.delete(save=False)
                raise _Rollback
        except _Rollback:
            pass
        return content

    return build


def table(documents: list[Document]) -> str:
    lines = [
        "| Document | Pages | Median s a document | Pages a second |",
        "|---|---:|---:|---:|",
    ]
    for document in documents:
        median = statistics.median(document.seconds)
        lines.append(
            f"| {document.label} | {document.pages} | {median:.2f} | "
            f"{document.pages / median:.1f} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--letters", type=int, default=50, help="letters in the batch")
    parser.add_argument("--results", default=str(ROOT / "bench" / "RESULTS.md"))
    args = parser.parse_args(argv)
    _setup_django()
    documents = _documents(args.letters)
    for document in documents:
        document.make()  # warm: fonts, templates, stylesheets
        for _ in range(args.rounds):
            started = time.perf_counter()
            content = document.make()
            document.seconds.append(time.perf_counter() - started)
        document.pages = page_count(content)
        print(
            f"{document.label}: {document.pages} pages, {statistics.median(document.seconds):.2f} s"
        )
    result = (
        f"Measured {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}: `python -m bench.pdfs "
        f"--rounds {args.rounds} --letters {args.letters}`, one process, one document at a time, "
        "while other work shared the 2 cores.\n\n" + table(documents)
    )
    print(result)
    if args.results:
        note = Path(args.results)
        text = note.read_text()
        if START not in text:
            text = text.rstrip("\n") + f"\n\n## PDF throughput\n\n{START}\n{END}\n"
        before, _, rest = text.partition(START)
        _, _, after = rest.partition(END)
        note.write_text(f"{before}{START}\n{result}\n{END}{after}")


if __name__ == "__main__":
    main()
