"""The work plan as a tagged PDF, standard or large print."""

from __future__ import annotations

from django.utils.text import slugify

from involvement.pdf import pdf_filename, render_pdf

from .models import WorkPlan
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
