"""The briefing pack: one PDF (standard and large print) made from the
briefing in a Celery task, never in a request, kept until an input changes,
and sent to each representative in their own channel (letters go to the
print queue, in large print for those who asked).

A fingerprint of the inputs (`pack_inputs`) says which briefing the kept
files were made from: a build that finds the same fingerprint does nothing,
so running the task twice is harmless, and a change to the briefing or its
points asks for a new build."""

from __future__ import annotations

import hashlib
import json
import logging
import uuid
from functools import partial

from celery import signature
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from involvement.channels import channel_for
from involvement.errors import ApplicationError
from involvement.letter_enclosures import Enclosure
from involvement.links import site_address
from involvement.models import Notification
from involvement.services.outbox import notification_queue

from ..models import Briefing, Meeting
from ..seats import seats_for_debrief
from .meetings import _describe

logger = logging.getLogger(__name__)

BUILD_TASK = "meetings.build_briefing_pack"


def pack_inputs_of(view) -> str:
    """A fingerprint of everything the pack shows."""
    meeting, briefing = view.meeting, view.briefing
    data = {
        "meeting": [meeting.title, meeting.starts_at.isoformat(), meeting.ends_at.isoformat()],
        "venue": meeting.venue_id,
        "expect": briefing.what_to_expect,
        "pre": briefing.pre_meeting_id,
        # The stored name changes when a paper's file is replaced.
        "papers": [
            [item.paper.pk, item.paper.title, item.paper.file.name, item.paper.size, item.summary]
            for item in view.papers
        ],
        "points": [
            [group.heading, [[p.pk, p.point, p.from_pre_meeting] for p in group.points]]
            for group in view.point_groups
        ],
        "glossary": [[entry.term, entry.meaning] for entry in view.glossary],
    }
    return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()


# What the board meeting's pack shows of the meeting itself: a change to any
# of these makes a kept pack stale.
MEETING_FIELDS = ("title", "starts_at", "ends_at", "venue_id")


def _enqueue_build(briefing_id: int) -> None:
    signature(BUILD_TASK, args=(briefing_id,)).delay()


def _queued_already(briefing_id: int) -> bool:
    """Whether this transaction will queue the build already (several
    changes saved together ask for one build)."""
    for entry in transaction.get_connection().run_on_commit:
        func = entry[1]
        if (
            isinstance(func, partial)
            and func.func is _enqueue_build
            and func.args == (briefing_id,)
        ):
            return True
    return False


@transaction.atomic
def briefing_pack_request(*, briefing: Briefing) -> Briefing:
    """Ask for the pack to be (re)built in the background."""
    briefing = Briefing.objects.select_for_update().select_related("meeting").get(pk=briefing.pk)
    if briefing.meeting.status == Meeting.Status.CANCELLED:
        raise ApplicationError("This board meeting was cancelled, so it needs no briefing pack.")
    briefing.pack_state = Briefing.PackState.BUILDING
    briefing.save(update_fields=["pack_state", "updated_at"])
    if not _queued_already(briefing.pk):
        transaction.on_commit(partial(_enqueue_build, briefing.pk), robust=True)
    return briefing


def briefing_pack_refresh(*, briefing: Briefing) -> None:
    """After a change to the briefing: rebuild a pack that was made already
    (a briefing with no pack yet waits for the coordinator to ask). The kept
    pack stays downloadable, shown as being prepared again, until the new
    one replaces it."""
    if briefing.pack_state != Briefing.PackState.NONE:
        briefing_pack_request(briefing=briefing)


def briefing_pack_refresh_for(*, meeting: Meeting) -> None:
    """After a change to a board meeting or its papers: rebuild its kept pack."""
    if meeting.kind != Meeting.Kind.BOARD or meeting.status == Meeting.Status.CANCELLED:
        return
    briefing = Briefing.objects.filter(meeting_id=meeting.pk).first()
    if briefing is not None:
        briefing_pack_refresh(briefing=briefing)


def briefing_pack_build(*, briefing_id: int) -> Briefing | None:
    """Make the pack's two PDFs and keep them. Safe to run twice: a pack made
    from the same inputs is left as it is. Rendering happens outside any
    transaction; the files are swapped in under a row lock."""
    from ..pdf import board_paper_files, briefing_pack_pdf
    from ..selectors.briefings import briefing_view

    briefing = Briefing.objects.select_related("meeting").filter(pk=briefing_id).first()
    if briefing is None:
        return None
    view = briefing_view(briefing.meeting)
    inputs = pack_inputs_of(view)
    if (
        briefing.pack_state == Briefing.PackState.READY
        and briefing.pack_inputs == inputs
        and briefing.pack_file
    ):
        return briefing
    try:
        papers = board_paper_files(view)  # read once for both variants
        standard, pages = briefing_pack_pdf(view, counted=True, papers=papers)
        large = briefing_pack_pdf(view, large_print=True, papers=papers)
    except Exception:
        logger.exception("The briefing pack %s could not be made", briefing_id)
        Briefing.objects.filter(pk=briefing_id).update(pack_state=Briefing.PackState.FAILED)
        raise
    with transaction.atomic():
        briefing = Briefing.objects.select_for_update().get(pk=briefing_id)
        # The names, not the files: saving a new file renames the same object.
        old_names = [f.name for f in (briefing.pack_file, briefing.pack_large_print_file) if f]
        briefing.pack_file.save(f"{uuid.uuid4().hex}.pdf", ContentFile(standard), save=False)
        briefing.pack_large_print_file.save(
            f"{uuid.uuid4().hex}.pdf", ContentFile(large), save=False
        )
        briefing.pack_inputs = inputs
        briefing.pack_pages = pages
        briefing.pack_built_at = timezone.now()
        briefing.pack_state = Briefing.PackState.READY
        briefing.save(
            update_fields=[
                "pack_file",
                "pack_large_print_file",
                "pack_inputs",
                "pack_pages",
                "pack_built_at",
                "pack_state",
                "updated_at",
            ]
        )
        storage = briefing.pack_file.storage
        transaction.on_commit(lambda: [storage.delete(name) for name in old_names])
    return briefing


@transaction.atomic
def briefing_pack_send(*, briefing: Briefing, sent_by=None, site_url: str = "") -> int:
    """One message per representative on the meeting's day, in their own
    channel. The key names the pack's inputs: the same pack never goes to
    the same person twice (a changed pack may be sent again). Returns how
    many messages were queued for the first time."""
    briefing = (
        Briefing.objects.select_for_update()
        .select_related("meeting__organisation")
        .get(pk=briefing.pk)
    )
    meeting = briefing.meeting
    if meeting.status == Meeting.Status.CANCELLED:
        raise ApplicationError("This board meeting was cancelled, so there is nothing to send.")
    if briefing.pack_state != Briefing.PackState.READY:
        raise ApplicationError("The briefing pack is not ready yet. Send it once it is made.")
    seats = list(seats_for_debrief(meeting))
    if not seats:
        raise ApplicationError("Nobody sits on this board on the day of the meeting.")
    site_url = site_address(site_url)
    when = _describe(meeting.starts_at)
    pack_url = site_url + reverse("meeting-briefing-pack", kwargs={"pk": meeting.pk})
    page_url = site_url + reverse("meeting-briefing", kwargs={"pk": meeting.pk})
    queued = 0
    people = {seat.membership.person_id: seat.membership.person for seat in seats}
    for person in people.values():
        name = person.preferred_name or person.full_name
        link = pack_url + ("?large_print=1" if person.large_print else "")
        key = f"meetings:briefing-pack:{briefing.pk}:{person.pk}:{briefing.pack_inputs[:16]}"
        before = Notification.objects.filter(idempotency_key=key).exists()
        by_post = channel_for(person) == Notification.Channel.POST
        where = (
            # A letter carries the printed pack (involvement.letter_enclosures).
            "It is enclosed with this letter, printed.\n\n"
            if by_post
            else f"Download it: {link}\nRead it online: {page_url}\n\n"
        )
        notification_queue(
            recipient=person,
            organisation=meeting.organisation,
            subject=f"Your briefing for {meeting.title}, {when}",
            body_text=(
                f"Dear {name},\n\nYour briefing pack for {meeting.title} on {when} is ready: "
                "what to expect, the board's papers in plain English, the points the group "
                "wants raised, a glossary and the board's own papers.\n\n"
                + where
                + ("It is in large print, as you asked.\n\n" if person.large_print else "")
                + "If you would like it in another format, tell your coordinator."
            ),
            idempotency_key=key,
            kind="briefing_pack",
            about=f"briefing:{briefing.pk}",
        )
        queued += 0 if before else 1
    briefing.sent_at = timezone.now()
    briefing.sent_by = sent_by
    briefing.save(update_fields=["sent_at", "sent_by", "updated_at"])
    return queued


def briefing_pack_enclosure(letter) -> Enclosure | None:
    """The printed pack that goes in a representative's letter: the kept
    pack as it is when the batch prints, in large print for those who asked."""
    _, pk = (letter.about.split(":") + ["", ""])[:2]
    briefing = (
        Briefing.objects.select_related("meeting").filter(pk=int(pk) if pk.isdigit() else 0).first()
    )
    if briefing is None:
        return None
    large = letter.large_print and briefing.pack_large_print_file
    file = briefing.pack_large_print_file if large else briefing.pack_file
    if not file:
        return None
    with file.open("rb") as handle:
        content = handle.read()
    title = f"Your briefing pack for {briefing.meeting.title}" + (
        ", in large print" if large else ""
    )
    return Enclosure(title=title, content=content)
