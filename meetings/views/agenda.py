"""The agenda: items with timings, the standing items in one action,
reordering, and the agenda as a PDF."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from involvement import permissions as core
from involvement.views.pages import pdf_response, wants_large_print
from meetings import permissions

from ..forms.agenda import AgendaItemForm
from ..models import AgendaItem
from ..pdf import agenda_filename, agenda_pdf
from ..selectors import meetings as selectors
from ..services import agenda as services
from ._common import GET_POST, ApplicationError, ValidationError, apply_errors, crumbs, error_text


def _access_item(user, pk):
    item = core.get_or_404(
        AgendaItem.objects.filter(meeting__in=permissions.meetings_visible_to(user)).select_related(
            "meeting__organisation", "meeting__group", "meeting__body"
        ),
        pk=pk,
    )
    if not core.user_can(user, "manage", item.meeting):
        raise PermissionDenied
    return item


@login_required
@GET_POST
def meeting_agenda(request, pk):
    meeting = permissions.access_meeting(user=request.user, pk=pk, action="manage")
    form = AgendaItemForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.agenda_item_create(meeting=meeting, **form.cleaned_data)
        except (ValidationError, ApplicationError) as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, "The item has been added to the agenda.")
            return redirect("meeting-agenda", pk=meeting.pk)
    context = {
        "meeting": meeting,
        "form": form,
        "agenda": selectors.meeting_agenda(meeting=meeting),
        "breadcrumbs": crumbs(meeting, manages=True),
    }
    return render(request, "meetings/agenda/edit.html", context)


@login_required
@require_POST
def agenda_standing(request, pk):
    meeting = permissions.access_meeting(user=request.user, pk=pk, action="manage")
    try:
        added = services.agenda_add_standing_items(meeting=meeting)
    except (ValidationError, ApplicationError) as exc:
        messages.error(request, error_text(exc))
    else:
        if added:
            messages.success(request, f"{len(added)} standing items have been added.")
        else:
            messages.info(request, "The agenda already has all the standing items.")
    return redirect("meeting-agenda", pk=meeting.pk)


@login_required
@GET_POST
def agenda_item_edit(request, pk):
    item = _access_item(request.user, pk)
    form = AgendaItemForm(request.POST or None, instance=item)
    if request.method == "POST" and form.is_valid():
        try:
            services.agenda_item_update(item=item, **form.cleaned_data)
        except (ValidationError, ApplicationError) as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, "The item has been saved.")
            return redirect("meeting-agenda", pk=item.meeting_id)
    context = {
        "form": form,
        "item": item,
        "meeting": item.meeting,
        "breadcrumbs": crumbs(item.meeting, manages=True),
    }
    return render(request, "meetings/agenda/item_form.html", context)


@login_required
@require_POST
def agenda_item_move(request, pk):
    item = _access_item(request.user, pk)
    try:
        services.agenda_item_move(item=item, direction=request.POST.get("direction", ""))
    except (ValidationError, ApplicationError) as exc:
        messages.error(request, error_text(exc))
    return redirect("meeting-agenda", pk=item.meeting_id)


@login_required
@require_POST
def agenda_item_delete(request, pk):
    item = _access_item(request.user, pk)
    meeting_id = item.meeting_id
    try:
        services.agenda_item_delete(item=item)
    except (ValidationError, ApplicationError) as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(request, "The item has been removed from the agenda.")
    return redirect("meeting-agenda", pk=meeting_id)


@login_required
@require_GET
def meeting_agenda_pdf(request, pk):
    meeting = permissions.access_meeting(user=request.user, pk=pk)
    large = wants_large_print(request)
    return pdf_response(
        agenda_pdf(meeting, large_print=large), agenda_filename(meeting, large_print=large)
    )
