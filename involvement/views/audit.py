"""The organisation's audit log: seen, filtered and downloaded by its admins."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from .. import audit, permissions
from ..csv_export import csv_writer
from ..forms.audit import AuditFilterForm
from ..selectors import audit as selectors

PAGE_SIZE = 50


def _filtered(request, organisation):
    form = AuditFilterForm(
        request.GET or None,
        actors=selectors.audit_actors_of_organisation(organisation=organisation),
    )
    filters = selectors.AuditFilters()
    if form.is_valid():
        data = form.cleaned_data
        filters = selectors.AuditFilters(
            actor=data["actor"],
            action=data["action"] or "",
            date_from=data["date_from"],
            date_to=data["date_to"],
        )
    entries = selectors.audit_entries_of_organisation(organisation=organisation, filters=filters)
    return form, filters, entries


@login_required
@require_safe
def organisation_audit(request, pk):
    organisation = permissions.access_organisation(user=request.user, pk=pk, action="manage")
    form, filters, entries = _filtered(request, organisation)
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "organisation": organisation,
        "filter_form": form,
        "filtered": filters != selectors.AuditFilters(),
        "page": page,
        "query": query.urlencode(),
        "breadcrumbs": [
            ("Home", reverse("home")),
            ("Organisations", reverse("organisation-index")),
            (organisation.name, reverse("organisation-summary", args=[organisation.pk])),
        ],
    }
    return render(request, "involvement/organisations/audit.html", context)


@login_required
@require_safe
def organisation_audit_csv(request, pk):
    organisation = permissions.access_organisation(user=request.user, pk=pk, action="manage")
    _form, _filters, entries = _filtered(request, organisation)
    rows = list(entries)
    audit.record(
        action=audit.Action.DATA_EXPORTED,
        organisation=organisation,
        actor=request.user,
        summary=f"Audit log ({len(rows)} entries, CSV)",
    )
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="audit-log-{organisation.slug}-{timezone.localdate()}.csv"'
    )
    writer = csv_writer(response)
    writer.writerow(["When", "Who", "What", "On", "Reference", "Details", "From address"])
    for entry in rows:
        writer.writerow(
            [
                timezone.localtime(entry.at).strftime("%Y-%m-%d %H:%M:%S"),
                entry.actor_label,
                entry.get_action_display(),
                f"{entry.object_type} {entry.object_id}".strip(),
                entry.summary,
                "; ".join(f"{key}: {value}" for key, value in sorted(entry.detail.items())),
                entry.ip_address or "",
            ]
        )
    return response
