"""A body's board meetings read from the calendar the board publishes: the
import form (file or address), "Refresh from the address", and the summary
of what each import added, updated, cancelled and skipped."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils.dateparse import parse_datetime
from django.views.decorators.http import require_POST, require_safe

from involvement.views.flow import act, submit
from meetings import permissions

from ..forms.board_calendar import CalendarImportForm
from ..services import board_calendar as services
from ._common import GET_POST


def _summary_url(record) -> str:
    return reverse("calendar-import-detail", kwargs={"pk": record.pk})


def _said(record) -> str:
    return (
        f"The board's calendar has been read: {record.added} added, {record.updated} updated, "
        f"{record.cancelled} cancelled, {record.skipped} skipped."
    )


def _crumbs(body):
    return [
        ("Home", reverse("home")),
        ("Decision-making bodies", reverse("body-list")),
        (body.name, reverse("body-detail", kwargs={"pk": body.pk})),
    ]


@login_required
@GET_POST
def body_calendar_import(request, pk):
    user = request.user
    body = permissions.access_calendar_body(user=user, pk=pk)
    form = CalendarImportForm(request.POST or None, request.FILES or None)

    def run(data):
        if data.get("file"):
            return services.board_calendar_import_upload(
                body=body, upload=data["file"], imported_by=user
            )
        return services.board_calendar_import_url(body=body, url=data["url"], imported_by=user)

    if done := submit(request, form, run, message=_said, next=_summary_url):
        return done
    context = {
        "body": body,
        "form": form,
        "last_address": services.last_address(body),
        "breadcrumbs": _crumbs(body),
    }
    return render(request, "meetings/board_calendar/import.html", context)


@login_required
@require_POST
def body_calendar_refresh(request, pk):
    user = request.user
    body = permissions.access_calendar_body(user=user, pk=pk)
    return act(
        request,
        lambda: services.board_calendar_refresh(body=body, imported_by=user),
        message=_said,
        next=lambda record: (
            _summary_url(record) if record else reverse("body-detail", kwargs={"pk": body.pk})
        ),
    )


@login_required
@require_safe
def calendar_import_detail(request, pk):
    record = permissions.access_calendar_import(user=request.user, pk=pk)
    rows = []
    for row in record.rows:
        rows.append(
            {
                **row,
                "starts_at": parse_datetime(row["starts_at"]) if row.get("starts_at") else None,
                "label": services.OUTCOME_LABELS.get(row["outcome"], row["outcome"]),
            }
        )
    context = {
        "record": record,
        "body": record.body,
        "rows": rows,
        "breadcrumbs": _crumbs(record.body),
    }
    return render(request, "meetings/board_calendar/summary.html", context)
