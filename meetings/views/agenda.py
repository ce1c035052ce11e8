"""The agenda: items with timings, the standing items in one action,
reordering, and the agenda as a PDF."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from involvement import permissions as core
from involvement.views.flow import Info, act, confirm, submit
from involvement.views.pages import pdf_response, wants_large_print
from meetings import permissions

from ..forms.agenda import AgendaItemForm
from ..models import AgendaItem
from ..pdf import agenda_filename, agenda_pdf
from ..selectors import meetings as selectors
from ..services import agenda as services
from ._common import GET_POST, crumbs


def _agenda_url(meeting_pk):
    return reverse("meeting-agenda", kwargs={"pk": meeting_pk})


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
    if done := submit(
        request,
        form,
        lambda data: services.agenda_item_create(meeting=meeting, **data),
        message="The item has been added to the agenda.",
        next=_agenda_url(meeting.pk),
    ):
        return done
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
    return act(
        request,
        lambda: services.agenda_add_standing_items(meeting=meeting),
        message=lambda added: (
            f"{len(added)} standing items have been added."
            if added
            else Info("The agenda already has all the standing items.")
        ),
        next=_agenda_url(meeting.pk),
    )


@login_required
@GET_POST
def agenda_item_edit(request, pk):
    item = _access_item(request.user, pk)
    form = AgendaItemForm(request.POST or None, instance=item)
    if done := submit(
        request,
        form,
        lambda data: services.agenda_item_update(item=item, **data),
        message="The item has been saved.",
        next=_agenda_url(item.meeting_id),
    ):
        return done
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
    return act(
        request,
        lambda: services.agenda_item_move(item=item, direction=request.POST.get("direction", "")),
        next=_agenda_url(item.meeting_id),
    )


@login_required
@GET_POST
def agenda_item_delete(request, pk):
    item = _access_item(request.user, pk)
    agenda_url = _agenda_url(item.meeting_id)
    return confirm(
        request,
        lambda: services.agenda_item_delete(item=item),
        message="The item has been removed from the agenda.",
        next=agenda_url,
        page={
            "caption": f"{item.meeting.title}, {item.meeting.starts_at:%-d %B %Y}",
            "heading": f"Are you sure you want to remove “{item.title}” from the agenda?",
            "lines": [
                "The item and its timing come off the agenda. The items after it move up.",
                "Agendas and papers already sent are not changed.",
            ],
            "button": "Yes, remove the item",
            "back_url": agenda_url,
            "back_text": "No, go back to the agenda",
            "breadcrumbs": [*crumbs(item.meeting, manages=True), ("Agenda", agenda_url)],
        },
    )


@login_required
@require_safe
def meeting_agenda_pdf(request, pk):
    meeting = permissions.access_meeting(user=request.user, pk=pk)
    large = wants_large_print(request)
    return pdf_response(
        agenda_pdf(meeting, large_print=large), agenda_filename(meeting, large_print=large)
    )
