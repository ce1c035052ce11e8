"""Writes for meeting papers: upload (checked and renamed), generate the
agenda, send papers to everyone invited in their channel and format."""

from __future__ import annotations

import hashlib
import uuid

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from involvement.links import site_address
from involvement.scanning import check_clean
from involvement.services.outbox import SendCheck, notification_queue

from ..models import Meeting, Paper, PapersSending
from .meetings import _describe

# The papers-ready message: a person may turn it off; looked at again as it goes.
KIND_PAPERS = "meeting_papers"

MAX_PAPER_BYTES = 10 * 1024 * 1024
# What the file really is (its first bytes), whatever its name says.
SIGNATURES = (
    (b"%PDF-", "application/pdf", "pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png", "png"),
    (b"\xff\xd8\xff", "image/jpeg", "jpg"),
)


def sniff(head: bytes) -> tuple[str, str] | None:
    for signature, content_type, extension in SIGNATURES:
        if head.startswith(signature):
            return content_type, extension
    return None


@transaction.atomic
def paper_upload(*, meeting: Meeting, title: str, upload, uploaded_by=None) -> Paper:
    """Keep an uploaded paper: a PDF, PNG or JPEG of at most 10 MB, stored
    under a name of our own."""
    title = (title or "").strip()
    errors = {}
    if not title:
        errors["title"] = "Enter the paper's title"
    if upload is None:
        errors["file"] = "Choose the file to upload"
    if errors:
        raise ValidationError(errors)
    if upload.size > MAX_PAPER_BYTES:
        raise ValidationError({"file": "The file must be smaller than 10 MB"})
    if upload.size == 0:
        raise ValidationError({"file": "The file is empty"})
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    kind = sniff(head)
    if kind is None:
        raise ValidationError({"file": "The file must be a PDF, or a picture (PNG or JPEG)"})
    check_clean(upload, field="file")
    content_type, extension = kind
    paper = Paper(
        meeting=meeting,
        kind=Paper.Kind.UPLOADED,
        title=title,
        original_name=(upload.name or "")[:255],
        content_type=content_type,
        size=upload.size,
        uploaded_by=uploaded_by,
    )
    paper.file.save(f"{uuid.uuid4().hex}.{extension}", upload, save=False)
    paper.full_clean()
    paper.save()
    _board_papers_changed(meeting)
    return paper


def _board_papers_changed(meeting: Meeting) -> None:
    """A board meeting's papers go into its briefing pack: make it again."""
    from .briefing_packs import briefing_pack_refresh_for

    briefing_pack_refresh_for(meeting=meeting)


@transaction.atomic
def paper_generate_agenda(*, meeting: Meeting, uploaded_by=None) -> Paper:
    """The agenda PDF as a paper (replacing an earlier generated one)."""
    from ..pdf import agenda_pdf

    content = agenda_pdf(meeting)
    for old in meeting.papers.filter(kind=Paper.Kind.AGENDA):
        old.file.delete(save=False)
        old.delete()
    paper = Paper(
        meeting=meeting,
        kind=Paper.Kind.AGENDA,
        title="Agenda",
        original_name="agenda.pdf",
        content_type="application/pdf",
        size=len(content),
        uploaded_by=uploaded_by,
    )
    paper.file.save(f"{uuid.uuid4().hex}.pdf", ContentFile(content), save=False)
    paper.full_clean()
    paper.save()
    return paper


@transaction.atomic
def paper_delete(*, paper: Paper) -> None:
    meeting, uploaded = paper.meeting, paper.kind == Paper.Kind.UPLOADED
    paper.file.delete(save=False)
    paper.delete()
    if uploaded:
        _board_papers_changed(meeting)


@transaction.atomic
def papers_send(*, meeting: Meeting, sent_by=None, site_url: str = "") -> PapersSending:
    """One message per invited person, in their channel; letters go to the
    print queue (in large print for those who asked). Sending the same papers
    again sends nothing new (keys are made from the meeting, the person and
    the papers)."""
    if meeting.status == Meeting.Status.CANCELLED:
        raise ValidationError("This meeting was cancelled, so its papers cannot be sent.")
    papers = list(meeting.papers.all())
    if not papers:
        raise ValidationError("Upload or generate at least one paper before sending.")
    invitations = list(
        meeting.invitations.exclude(rsvp=meeting.invitations.model.Rsvp.APOLOGIES).select_related(
            "person"
        )
    )
    if not invitations:
        raise ValidationError("Invite people before sending the papers.")
    ids = [paper.pk for paper in papers]
    digest = hashlib.sha256(",".join(map(str, ids)).encode()).hexdigest()[:16]
    site_url = site_address(site_url)
    when = _describe(meeting.starts_at)
    for invitation in invitations:
        person = invitation.person
        name = person.preferred_name or person.full_name
        large = "1" if person.large_print else ""
        lines = []
        for paper in papers:
            url = site_url + reverse("meeting-paper-download", kwargs={"pk": paper.pk})
            if paper.kind == Paper.Kind.AGENDA and large:
                url = (
                    site_url
                    + reverse("meeting-agenda-pdf", kwargs={"pk": meeting.pk})
                    + "?large_print=1"
                )
            lines.append(f"- {paper.title}: {url}")
        format_note = (
            "The agenda is in large print, as you asked.\n\n" if person.large_print else ""
        )
        notification_queue(
            recipient=person,
            organisation=meeting.organisation,
            subject=f"Papers for {meeting.title}, {when}",
            body_text=(
                f"Dear {name},\n\nHere are the papers for {meeting.title} on {when}:\n\n"
                + "\n".join(lines)
                + f"\n\n{format_note}"
                + "If you would like them in another format, tell your coordinator."
            ),
            idempotency_key=f"meetings:papers:{meeting.pk}:{person.pk}:{digest}",
            kind=KIND_PAPERS,
            about=f"meeting:{meeting.pk}",
        )
    sending = PapersSending(
        meeting=meeting, sent_by=sent_by, paper_ids=ids, recipients=len(invitations)
    )
    sending.save()
    return sending


def papers_send_check(notification) -> SendCheck:
    """The papers-ready message, looked at again as it goes (a letter waits
    for the print run): not for a meeting cancelled or over meanwhile, nor to
    someone no longer invited."""
    _, pk = (notification.about.split(":") + ["", ""])[:2]
    meeting = Meeting.objects.filter(pk=int(pk) if pk.isdigit() else 0).first()
    if meeting is None:
        return SendCheck(cancel="The meeting was deleted.")
    if meeting.status == Meeting.Status.CANCELLED:
        return SendCheck(cancel="The meeting was cancelled; the cancellation notice went instead.")
    if meeting.ends_at <= timezone.now():
        return SendCheck(cancel="The meeting was over before the papers went.")
    if not meeting.invitations.filter(person_id=notification.recipient_id).exists():
        return SendCheck(cancel="The person is no longer invited.")
    return SendCheck()
