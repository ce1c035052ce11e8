"""Papers: upload (checked, renamed, kept privately), generate the agenda,
download through an access check, send to everyone invited."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from involvement.views.flow import act, submit
from meetings import permissions

from ..forms.invitations import PaperUploadForm
from ..models import PapersSending
from ..selectors import meetings as selectors
from ..services import papers as services
from ._common import GET_POST, crumbs
from ._files import uploaded_file_response


def _papers_url(meeting):
    return reverse("meeting-papers", kwargs={"pk": meeting.pk})


@login_required
@GET_POST
def meeting_papers(request, pk):
    meeting = permissions.access_meeting(user=request.user, pk=pk, action="manage")
    form = PaperUploadForm(request.POST or None, request.FILES or None)
    if done := submit(
        request,
        form,
        lambda data: services.paper_upload(
            meeting=meeting, title=data["title"], upload=data["file"], uploaded_by=request.user
        ),
        message="The paper has been uploaded.",
        next=_papers_url(meeting),
    ):
        return done
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
    return act(
        request,
        lambda: services.paper_generate_agenda(meeting=meeting, uploaded_by=request.user),
        message="The agenda has been made into a paper.",
        next=_papers_url(meeting),
    )


@login_required
@require_POST
def papers_send(request, pk):
    meeting = permissions.access_meeting(user=request.user, pk=pk, action="manage")
    return act(
        request,
        lambda: services.papers_send(
            meeting=meeting, sent_by=request.user, site_url=request.build_absolute_uri("/")[:-1]
        ),
        message=lambda sending: (
            f"The papers are on their way to {sending.recipients} people, each in the way they "
            "asked. Letters wait in the print queue."
        ),
        next=_papers_url(meeting),
    )


@login_required
@require_safe
def paper_download(request, pk):
    return _download(permissions.access_paper(user=request.user, pk=pk))


@login_required
@require_safe
def board_paper_download(request, pk, paper_pk):
    """A board meeting's paper, from its briefing page."""
    return _download(permissions.access_paper(user=request.user, pk=paper_pk, meeting_pk=pk))


def _download(paper):
    if not paper.file:
        raise Http404("This paper has no file")
    return uploaded_file_response(
        paper.file, content_type=paper.content_type, name=f"paper-{paper.pk}"
    )
