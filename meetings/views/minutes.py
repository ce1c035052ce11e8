"""Pages for minutes: read and write them per agenda item, send the draft for
corrections, correct (attendees), approve and publish; and the feedback
summary (preview, send, and its PDF). Thin: parse, check access
(meetings.permissions), call a service or selector, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from involvement import permissions as core
from involvement.errors import ApplicationError
from involvement.pdf import pdf_filename, render_pdf
from involvement.views.flow import act, submit
from involvement.views.pages import pdf_response, wants_large_print
from meetings import permissions

from ..forms.minutes import (
    ApproveForm,
    CirculateForm,
    CorrectionForm,
    CorrectionResolveForm,
    MinutesForm,
)
from ..models import AgendaItem, Correction, FeedbackSummary, Meeting, Minutes
from ..selectors import minutes as selectors
from ..services import minutes as services
from ..services import summary as summary_services

GET_POST = require_http_methods(["GET", "HEAD", "POST"])


def site_url(request) -> str:
    """This site's address, for links in messages."""
    return request.build_absolute_uri("/").rstrip("/")


def _minutes_url(meeting):
    return reverse("meeting-minutes", kwargs={"pk": meeting.pk})


def meeting_crumbs(meeting):
    trail = []
    if meeting.group_id:
        trail.append((meeting.group.name, reverse("group-detail", kwargs={"pk": meeting.group_id})))
    trail.append(
        (f"Minutes: {meeting.title}", reverse("meeting-minutes", kwargs={"pk": meeting.pk}))
    )
    return trail


def _detail_context(request, meeting, **forms):
    # Read with the meeting when the view joined them in (minutes_detail).
    if Meeting.feedback_summary.is_cached(meeting):
        minutes = getattr(meeting, "minutes", None)
        summary = getattr(meeting, "feedback_summary", None)
    else:
        minutes = selectors.minutes_get(meeting=meeting)
        summary = FeedbackSummary.objects.filter(meeting=meeting).first()
    can_write = permissions.can_write_minutes(request.user, meeting)
    corrections = selectors.corrections_list(minutes=minutes)
    if not can_write:
        person = core.person_of(request.user)
        corrections = [c for c in corrections if person and c.person_id == person.pk]
    return {
        "meeting": meeting,
        "minutes": minutes,
        "rows": selectors.minutes_rows(meeting=meeting, minutes=minutes),
        "corrections": corrections,
        "can_write": can_write,
        "can_approve": permissions.can_approve_minutes(request.user, meeting),
        "can_correct": permissions.can_correct_minutes(request.user, meeting, minutes),
        "circulate_form": forms.get("circulate_form") or CirculateForm(),
        "approve_form": forms.get("approve_form") or ApproveForm(),
        "summary": summary,
        "breadcrumbs": meeting_crumbs(meeting)[:-1],
    }


def _render_detail(request, meeting, status=200, **forms):
    context = _detail_context(request, meeting, **forms)
    return render(request, "meetings/minutes/detail.html", context, status=status)


@login_required
@require_safe
def minutes_detail(request, pk):
    meeting = permissions.access_minutes_meeting(
        user=request.user,
        pk=pk,
        action="read",
        related=("minutes__approved_by", "feedback_summary"),
    )
    return _render_detail(request, meeting)


@login_required
@GET_POST
def minutes_edit(request, pk):
    meeting = permissions.access_minutes_meeting(user=request.user, pk=pk, action="write")
    minutes = selectors.minutes_get(meeting=meeting)
    rows = selectors.minutes_rows(meeting=meeting, minutes=minutes)
    form = MinutesForm(request.POST or None, rows=rows)
    if done := submit(
        request,
        form,
        lambda data: services.minutes_save(
            meeting=meeting, entries=form.entries(), saved_by=request.user
        ),
        message="The minutes have been saved.",
        next=_minutes_url(meeting),
    ):
        return done
    context = {
        "form": form,
        "meeting": meeting,
        "minutes": minutes,
        "breadcrumbs": meeting_crumbs(meeting),
        "can_manage": not rows and core.user_can(request.user, "manage", meeting),
    }
    return render(request, "meetings/minutes/edit.html", context)


def _minutes_or_404(meeting) -> Minutes:
    minutes = selectors.minutes_get(meeting=meeting)
    if minutes is None:
        raise Http404("No minutes yet")
    return minutes


@login_required
@require_POST
def minutes_circulate(request, pk):
    meeting = permissions.access_minutes_meeting(user=request.user, pk=pk, action="write")
    minutes = _minutes_or_404(meeting)
    form = CirculateForm(request.POST)
    if done := submit(
        request,
        form,
        lambda data: services.minutes_circulate(
            minutes=minutes,
            corrections_due=data["corrections_due"],
            circulated_by=request.user,
            site_url=site_url(request),
        ),
        message="The draft minutes have been sent to everyone who came.",
        next=_minutes_url(meeting),
    ):
        return done
    return _render_detail(request, meeting, status=400, circulate_form=form)


@login_required
@GET_POST
def correction_create(request, pk):
    meeting = permissions.access_minutes_meeting(user=request.user, pk=pk, action="correct")
    minutes = _minutes_or_404(meeting)
    form = CorrectionForm(request.POST or None, items=AgendaItem.objects.filter(meeting=meeting))
    if done := submit(
        request,
        form,
        lambda data: services.correction_submit(
            minutes=minutes, person=core.person_of(request.user), **data
        ),
        message="Thank you. Your correction has been sent to the coordinator.",
        next=_minutes_url(meeting),
    ):
        return done
    context = {
        "form": form,
        "meeting": meeting,
        "minutes": minutes,
        "breadcrumbs": meeting_crumbs(meeting),
    }
    return render(request, "meetings/minutes/correction.html", context)


@login_required
@GET_POST
def correction_resolve(request, pk):
    correction = get_object_or_404(
        Correction.objects.select_related("minutes", "person", "agenda_item"), pk=pk
    )
    meeting = permissions.access_minutes_meeting(
        user=request.user, pk=correction.minutes.meeting_id, action="write"
    )
    form = CorrectionResolveForm(request.POST or None)
    if done := submit(
        request,
        form,
        lambda data: services.correction_resolve(correction=correction, **data),
        message="The correction has been recorded.",
        next=_minutes_url(meeting),
    ):
        return done
    context = {
        "form": form,
        "meeting": meeting,
        "correction": correction,
        "breadcrumbs": meeting_crumbs(meeting),
    }
    return render(request, "meetings/minutes/correction_resolve.html", context)


@login_required
@require_POST
def minutes_approve(request, pk):
    meeting = permissions.access_minutes_meeting(user=request.user, pk=pk, action="approve")
    minutes = _minutes_or_404(meeting)
    form = ApproveForm(request.POST)
    if done := submit(
        request,
        form,
        lambda data: services.minutes_approve(
            minutes=minutes, approved_by=request.user, note=data["note"]
        ),
        message="The minutes have been approved.",
        next=_minutes_url(meeting),
    ):
        return done
    return _render_detail(request, meeting, status=400, approve_form=form)


@login_required
@require_POST
def minutes_publish(request, pk):
    meeting = permissions.access_minutes_meeting(user=request.user, pk=pk, action="approve")
    minutes = _minutes_or_404(meeting)
    return act(
        request,
        lambda: services.minutes_publish(minutes=minutes, site_url=site_url(request)),
        message="The minutes have been published and every member told.",
        next=_minutes_url(meeting),
    )


@login_required
@GET_POST
def meeting_summary(request, pk):
    """Preview of the feedback summary, and the button to send it."""
    meeting = permissions.access_minutes_meeting(user=request.user, pk=pk, action="write")
    content = selectors.summary_content(meeting=meeting)
    error = ""
    if request.method == "POST":
        try:
            summary = summary_services.summary_send(
                meeting=meeting, sent_by=request.user, site_url=site_url(request)
            )
        except ApplicationError as exc:
            error = exc.message
        else:
            messages.success(
                request, f"The feedback summary has gone to {summary.recipients} members."
            )
            return redirect("meeting-summary", pk=meeting.pk)
    context = {
        "meeting": meeting,
        "content": content,
        "ready": content.minutes is not None and content.minutes.status in summary_services.READY,
        "summary": FeedbackSummary.objects.filter(meeting=meeting).first(),
        "members": len(services.summary_recipients(meeting)),
        "preview": summary_services.summary_text(meeting=meeting),
        "error": error,
        "breadcrumbs": meeting_crumbs(meeting),
    }
    return render(request, "meetings/summary/preview.html", context, status=400 if error else 200)


@login_required
@require_safe
def meeting_summary_pdf(request, pk):
    """The feedback summary as a PDF (large print with ?large_print=1)."""
    meeting = permissions.access_minutes_meeting(user=request.user, pk=pk, action="summary")
    content = selectors.summary_content(meeting=meeting)
    if content.minutes is None or content.minutes.status not in summary_services.READY:
        raise Http404("No summary yet")
    large_print = wants_large_print(request)
    pdf = render_pdf(
        "meetings/pdf/summary.html",
        {"content": content},
        large_print=large_print,
        title=f"Feedback summary: {meeting.title}",
    )
    return pdf_response(pdf, pdf_filename(f"summary-{meeting.pk}", large_print=large_print))
