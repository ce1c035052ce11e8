"""The briefing before a board meeting: read by the representatives and
their groups, prepared by the coordinator; members add points for the
representatives until the cut-off."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from involvement.errors import ApplicationError
from involvement.selectors.glossary import glossary_of
from involvement.views.flow import Info, act, submit
from meetings import permissions

from ..forms.briefings import BriefingForm, BriefingPointForm
from ..models import AgendaItem, Briefing
from ..pdf import briefing_pack_filename
from ..selectors.briefings import briefing_of, briefing_view, glossary_hints
from ..services import briefing_packs
from ..services import briefings as services
from ._common import GET_POST, crumbs
from ._files import uploaded_file_response


def briefing_url(meeting) -> str:
    return reverse("meeting-briefing", kwargs={"pk": meeting.pk})


def _crumbs(user, meeting):
    manages = permissions.can_manage_meetings(user, meeting.organisation_id)
    visible = manages or permissions.meetings_visible_to(user).filter(pk=meeting.pk).exists()
    trail = crumbs(meeting, manages=manages, detail=visible)
    return trail


@login_required
@require_safe
def meeting_briefing(request, pk):
    user = request.user
    meeting = permissions.access_briefing_meeting(user=user, pk=pk, action="read")
    view = briefing_view(meeting)
    staff = permissions.can_prepare_briefing(user, meeting)
    closed = ""
    if view.briefing is not None:
        closed = services.points_closed_reason(view.briefing, staff=staff)
    context = {
        "meeting": meeting,
        "view": view,
        "briefing": view.briefing,
        "can_prepare": staff,
        "can_add_point": permissions.can_add_briefing_point(user, meeting),
        "can_download_papers": permissions.can_download_board_papers(user, meeting),
        "show_names": permissions.can_see_point_names(user, meeting),
        "points_closed": closed,
        "breadcrumbs": _crumbs(user, meeting),
    }
    return render(request, "meetings/briefings/detail.html", context)


@login_required
@GET_POST
def meeting_briefing_edit(request, pk):
    user = request.user
    meeting = permissions.access_briefing_meeting(user=user, pk=pk, action="prepare")
    try:
        services.check_briefing_possible(meeting)
        closed = ""
    except ApplicationError as exc:
        closed = exc.message
    briefing = briefing_of(meeting)
    papers = list(services.board_papers(meeting))
    texts = [row.summary for row in briefing.summaries.all()] if briefing else []
    if briefing:
        texts.append(briefing.what_to_expect)
    hints = glossary_hints(organisation_id=meeting.organisation_id, texts=texts)
    form = BriefingForm(
        None if closed else (request.POST or None),
        papers=papers,
        pre_meetings=list(services.pre_meeting_choices(meeting)),
        glossary=glossary_of(organisation_id=meeting.organisation_id),
        found=hints.found,
        briefing=briefing,
        initial=(
            {"points_close_on": services.default_cut_off(meeting)} if briefing is None else None
        ),
    )
    if not closed and (
        done := submit(
            request,
            form,
            lambda data: services.briefing_save(
                meeting=meeting, saved_by=user, **form.service_kwargs()
            ),
            message="The briefing has been saved.",
            next=briefing_url(meeting),
        )
    ):
        return done
    view = briefing_view(meeting)
    scores = {summary.paper.pk: summary.readability for summary in view.papers}
    context = {
        "meeting": meeting,
        "briefing": briefing,
        "form": form,
        "closed": closed,
        "summaries": [
            (field, paper, scores.get(paper.pk)) for field, paper in form.summary_fields()
        ],
        "expect_readability": view.expect_readability,
        "hints": hints,
        "breadcrumbs": _crumbs(user, meeting),
    }
    return render(request, "meetings/briefings/edit.html", context)


@login_required
@GET_POST
def meeting_briefing_point(request, pk):
    user = request.user
    meeting = permissions.access_briefing_meeting(user=user, pk=pk, action="point")
    staff = permissions.can_prepare_briefing(user, meeting)
    briefing = briefing_of(meeting)
    if briefing is None:
        closed = "The coordinator has not opened this board meeting's briefing for points yet."
    else:
        closed = services.points_closed_reason(briefing, staff=staff)
    agenda_items = list(AgendaItem.objects.filter(meeting=meeting).order_by("position", "id"))
    form = BriefingPointForm(None if closed else (request.POST or None), agenda_items=agenda_items)
    if not closed and (
        done := submit(
            request,
            form,
            lambda data: services.briefing_point_add(
                briefing=briefing,
                person=permissions.person_of(user),
                staff=staff,
                added_by=user,
                **form.service_kwargs(),
            ),
            message=(
                "The point has been added for the representatives."
                if not staff
                else "The point from the pre-meeting has been added."
            ),
            next=briefing_url(meeting),
            refused_next=briefing_url(meeting),
        )
    ):
        return done
    context = {
        "meeting": meeting,
        "briefing": briefing,
        "form": form,
        "closed": closed,
        "staff": staff,
        "breadcrumbs": _crumbs(user, meeting),
    }
    return render(request, "meetings/briefings/point.html", context)


@login_required
@require_POST
def meeting_briefing_pack_build(request, pk):
    meeting = permissions.access_briefing_meeting(user=request.user, pk=pk, action="prepare")
    briefing = briefing_of(meeting)

    def build():
        if briefing is None:
            raise ApplicationError("Prepare the briefing before making its pack.")
        return briefing_packs.briefing_pack_request(briefing=briefing)

    return act(
        request,
        build,
        message=Info("The briefing pack is being prepared. This page shows when it is ready."),
        next=briefing_url(meeting),
    )


@login_required
@require_safe
def meeting_briefing_pack(request, pk):
    meeting = permissions.access_briefing_meeting(user=request.user, pk=pk, action="read")
    briefing = Briefing.objects.filter(meeting=meeting).first()
    if briefing is None or not briefing.pack_file:
        raise Http404("No briefing pack has been made")
    large = request.GET.get("large_print") == "1"
    file = briefing.pack_large_print_file if large else briefing.pack_file
    name = briefing_pack_filename(meeting, large_print=large).removesuffix(".pdf")
    return uploaded_file_response(file, content_type="application/pdf", name=name)


@login_required
@require_POST
def meeting_briefing_send(request, pk):
    meeting = permissions.access_briefing_meeting(user=request.user, pk=pk, action="prepare")
    briefing = briefing_of(meeting)

    def send():
        if briefing is None:
            raise ApplicationError("Prepare the briefing before sending it.")
        return briefing_packs.briefing_pack_send(briefing=briefing, sent_by=request.user)

    def said(queued):
        if queued:
            return f"The briefing pack is on its way to {queued} representative" + (
                "s." if queued != 1 else "."
            )
        return Info("The representatives have had this briefing pack already.")

    return act(request, send, message=said, next=briefing_url(meeting))
