"""The vacancy's information pack: the role description, person
specification and the group's draft terms of reference, as a tagged PDF in
standard or large print (involvement.pdf.render_pdf)."""

from __future__ import annotations

from django.utils.text import slugify

from involvement.pdf import pdf_filename, render_pdf

from .models import Vacancy
from .services.applications import decision_expected_by


def render_information_pack_pdf(*, vacancy: Vacancy, large_print: bool = False) -> bytes:
    role = vacancy.role_description
    context = {
        "vacancy": vacancy,
        "role": role,
        "organisation": role.organisation,
        "group": vacancy.group,
        "criteria": list(role.criteria.order_by("position")),
        "decision_by": decision_expected_by(vacancy),
    }
    return render_pdf(
        "recruitment/pdf/information_pack.html",
        context,
        large_print=large_print,
        title=f"Information pack: {vacancy.title}",
    )


def information_pack_filename(*, vacancy: Vacancy, large_print: bool) -> str:
    return pdf_filename(f"information-pack-{slugify(vacancy.title)[:60]}", large_print=large_print)
