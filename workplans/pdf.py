"""The work plan and the "You said, we did" newsletter as tagged PDFs,
standard or large print."""

from __future__ import annotations

import datetime

from django.utils.text import slugify

from involvement.pdf import pdf_filename, render_pdf

from .models import WorkPlan
from .selectors.feedback import board_responses_between
from .selectors.plans import plan_items


def render_work_plan_pdf(*, plan: WorkPlan, large_print: bool = False) -> bytes:
    context = {
        "plan": plan,
        "group": plan.group,
        "organisation": plan.group.organisation,
        "items": plan_items(plan=plan),
    }
    return render_pdf(
        "workplans/pdf/work_plan.html",
        context,
        large_print=large_print,
        title=f"{plan.group.name}: work plan, version {plan.version}",
    )


def work_plan_filename(*, plan: WorkPlan, large_print: bool) -> str:
    stem = f"work-plan-{slugify(plan.group.name)[:50]}-v{plan.version}"
    return pdf_filename(stem, large_print=large_print)


def render_newsletter_pdf(
    *, group, start: datetime.date, end: datetime.date, large_print: bool = False
) -> bytes:
    """ "You said, we did" for a period, for members, clinic noticeboards and
    people without the internet: the points on the public board answered in
    the period, in their public wording, with the answers."""
    context = {
        "group": group,
        "organisation": group.organisation,
        "start": start,
        "end": end,
        "items": board_responses_between(group=group, start=start, end=end),
    }
    return render_pdf(
        "workplans/pdf/newsletter.html",
        context,
        large_print=large_print,
        title=f"You said, we did: {group.name}, {start:%-d %B %Y} to {end:%-d %B %Y}",
    )


def newsletter_filename(
    *, group, start: datetime.date, end: datetime.date, large_print: bool
) -> str:
    stem = f"you-said-we-did-{slugify(group.name)[:50]}-{start.isoformat()}-to-{end.isoformat()}"
    return pdf_filename(stem, large_print=large_print)
