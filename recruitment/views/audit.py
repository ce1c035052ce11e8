"""The audit trail of a vacancy's selection, on screen and exported as CSV
and PDF: the auditable record (coordinators only)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.http import require_safe

from involvement import audit
from involvement.csv_export import csv_writer
from involvement.pdf import pdf_filename, render_pdf
from involvement.views.pages import wants_large_print
from recruitment import permissions
from recruitment.models import AuditEvent
from recruitment.services.audit import action_label

from .scoring import vacancy_crumbs


def _events(vacancy):
    events = list(
        AuditEvent.objects.filter(vacancy=vacancy).select_related("actor", "application__person")
    )
    for event in events:
        event.label = action_label(event.action)
        event.actor_name = _actor_name(event.actor, event.application)
    return events


def _exported(request, vacancy, kind: str) -> None:
    audit.record(
        action=audit.Action.DATA_EXPORTED,
        organisation=vacancy.role_description.organisation,
        actor=request.user,
        target=vacancy,
        summary=f"Selection audit trail ({kind}), vacancy {vacancy.pk}",
    )


def _actor_name(user, application=None) -> str:
    """Staff by name; an applicant acting on their own application by its
    reference (applicants are never named or shown by email here)."""
    if user is None:
        return "The platform"
    person = getattr(application, "person", None) if application else None
    if person is not None and person.user_id == user.pk:
        return f"The applicant ({application.reference})"
    return user.full_name or user.email


@login_required
@require_safe
def audit_vacancy(request, pk):
    vacancy = permissions.access_vacancy_for_selection(user=request.user, pk=pk)
    context = {
        "vacancy": vacancy,
        "events": _events(vacancy),
        "breadcrumbs": vacancy_crumbs(vacancy),
    }
    return render(request, "recruitment/audit/vacancy.html", context)


@login_required
@require_safe
def audit_vacancy_csv(request, pk):
    vacancy = permissions.access_vacancy_for_selection(user=request.user, pk=pk)
    _exported(request, vacancy, "CSV")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="audit-{slugify(vacancy.title)}.csv"'
    writer = csv_writer(response)
    writer.writerow(["When", "Who", "Step", "Application", "What happened"])
    for event in _events(vacancy):
        writer.writerow(
            [
                timezone.localtime(event.at).strftime("%Y-%m-%d %H:%M"),
                event.actor_name,
                event.label,
                event.application.reference if event.application else "",
                event.summary,
            ]
        )
    return response


@login_required
@require_safe
def audit_vacancy_pdf(request, pk):
    vacancy = permissions.access_vacancy_for_selection(user=request.user, pk=pk)
    _exported(request, vacancy, "PDF")
    large_print = wants_large_print(request)
    pdf = render_pdf(
        "recruitment/pdf/audit.html",
        {"vacancy": vacancy, "events": _events(vacancy)},
        large_print=large_print,
        title=f"Audit trail: {vacancy.title}",
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    name = pdf_filename(f"audit-{slugify(vacancy.title)}", large_print=large_print)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
