"""Papers: upload (checked, renamed, kept privately), generate the agenda,
download through an access check, send to everyone invited."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from meetings import permissions

from ..forms.invitations import PaperUploadForm
from ..models import PapersSending
from ..selectors import meetings as selectors
from ..services import papers as services
from ._common import GET_POST, ApplicationError, ValidationError, apply_errors, crumbs, error_text
from ._files import uploaded_file_response


@login_required
@GET_POST
def meeting_papers(request, pk):
    meeting = permissions.access_meeting(user=request.user, pk=pk, action="manage")
    form = PaperUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.paper_upload(
                meeting=meeting,
                title=form.cleaned_data["title"],
                upload=form.cleaned_data["file"],
                uploaded_by=request.user,
            )
        except (ValidationError, ApplicationError) as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, "The paper has been uploaded.")
            return redirect("meeting-papers", pk=meeting.pk)
    context = {
        "meeting": meeting,
        "form": form,
        "papers": selectors.meeting_papers(meeting=meeting),
        "sendings": list(
            PapersSending.objects.filter(meeting=meeting).select_related("sent_by")[:5]
        ),
        "breadcrumbs": crumbs(meeting, manages=True),
    }
    return render(request, "meetings/papers/list.html", context)


@login_required
@require_POST
def papers_generate(request, pk):
    meeting = permissions.access_meeting(user=request.user, pk=pk, action="manage")
    services.paper_generate_agenda(meeting=meeting, uploaded_by=request.user)
    messages.success(request, "The agenda has been made into a paper.")
    return redirect("meeting-papers", pk=meeting.pk)


@login_required
@require_POST
def papers_send(request, pk):
    meeting = permissions.access_meeting(user=request.user, pk=pk, action="manage")
    try:
        sending = services.papers_send(
            meeting=meeting, sent_by=request.user, site_url=request.build_absolute_uri("/")[:-1]
        )
    except (ValidationError, ApplicationError) as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(
            request,
            f"The papers are on their way to {sending.recipients} people, each in the way they "
            "asked. Letters wait in the print queue.",
        )
    return redirect("meeting-papers", pk=meeting.pk)


@login_required
@require_GET
def paper_download(request, pk):
    paper = permissions.access_paper(user=request.user, pk=pk)
    if not paper.file:
        raise Http404("This paper has no file")
    return uploaded_file_response(
        paper.file, content_type=paper.content_type, name=f"paper-{paper.pk}"
    )
