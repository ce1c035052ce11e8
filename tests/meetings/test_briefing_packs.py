"""The briefing pack: built by a Celery task (not in the request), shown as
"being prepared" and then as downloads, kept, rebuilt when the briefing
changes, tagged, in standard and large print, and sent once to each
representative in their own channel."""

from __future__ import annotations

import datetime
import io
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from involvement.models import Notification
from meetings.models import Briefing, Meeting, Paper
from meetings.services.briefing_packs import briefing_pack_build, briefing_pack_send
from meetings.services.briefings import briefing_point_add, briefing_save
from meetings.tasks import build_briefing_pack
from tests.factories import MembershipFactory, PersonFactory, SeatFactory
from tests.platform.helpers import pdf_objects

pytestmark = [pytest.mark.django_db, pytest.mark.calendar_sensitive]

LONDON = ZoneInfo("Europe/London")
TODAY = datetime.datetime(2026, 3, 2, 10, 0, tzinfo=LONDON)
BOARD_STARTS = datetime.datetime(2026, 3, 12, 18, 0, tzinfo=LONDON)


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def pdf_texts(monkeypatch):
    """The text of every PDF written, read from WeasyPrint's laid-out pages."""
    from weasyprint.document import Document
    from weasyprint.formatting_structure import boxes

    texts: list[str] = []
    write_pdf = Document.write_pdf

    def box_text(box) -> str:
        if isinstance(box, boxes.TextBox):
            return box.text
        return "".join(box_text(child) for child in getattr(box, "children", None) or ())

    def recording_write_pdf(self, *args, **kwargs):
        texts.append("".join(box_text(page._page_box) for page in self.pages))
        return write_pdf(self, *args, **kwargs)

    monkeypatch.setattr(Document, "write_pdf", recording_write_pdf)
    return texts


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture
def briefing(world) -> Briefing:
    seat = world.objects["seat"]
    seat.term_start = datetime.date(2025, 1, 1)
    seat.save(update_fields=["term_start"])
    meeting = Meeting.objects.create(
        organisation=world.organisation,
        body=world.objects["body"],
        kind=Meeting.Kind.BOARD,
        title="Network board, spring",
        starts_at=BOARD_STARTS,
        ends_at=BOARD_STARTS + datetime.timedelta(hours=2),
    )
    paper = Paper.objects.create(meeting=meeting, title="Foot care business case")
    briefing = briefing_save(
        meeting=meeting,
        what_to_expect="The chair asks the representatives to speak after each item.",
        points_close_on=datetime.date(2026, 3, 9),
        glossary_terms=["ICB"],
        summaries={paper.pk: "The ICB wants to pay for more foot checks."},
    )
    briefing_point_add(
        briefing=briefing, point="Ask about evening clinics.", person=world.objects["person"]
    )
    return briefing


def test_the_pack_is_made_in_the_background_and_then_offered_for_download(
    world, login, briefing, pdf_texts, django_capture_on_commit_callbacks
):
    client = login(world.user("coordinator"))
    meeting = briefing.meeting
    page_url = reverse("meeting-briefing", kwargs={"pk": meeting.pk})

    with django_capture_on_commit_callbacks(execute=False) as queued:
        client.post(reverse("meeting-briefing-pack-build", kwargs={"pk": meeting.pk}))
    briefing.refresh_from_db()
    assert briefing.pack_state == Briefing.PackState.BUILDING
    assert not pdf_texts  # nothing rendered in the request
    assert "The briefing pack is being prepared" in client.get(page_url).content.decode()

    for callback in queued:  # the worker picks the task up (eager in tests)
        callback()
    briefing.refresh_from_db()
    assert briefing.pack_state == Briefing.PackState.READY
    assert briefing.pack_pages >= 1
    page = client.get(page_url).content.decode()
    assert "Download the briefing pack" in page

    standard = client.get(reverse("meeting-briefing-pack", kwargs={"pk": meeting.pk}))
    large = client.get(
        reverse("meeting-briefing-pack", kwargs={"pk": meeting.pk}), {"large_print": "1"}
    )
    assert standard["Content-Type"] == "application/pdf"
    assert "briefing-2026-03-12.pdf" in standard["Content-Disposition"]
    assert "briefing-2026-03-12-large-print.pdf" in large["Content-Disposition"]
    content = b"".join(standard.streaming_content)
    assert b"/StructTreeRoot" in pdf_objects(content)
    text, large_text = squash(pdf_texts[0]), squash(pdf_texts[1])
    for expected in (
        "The ICB wants to pay for more foot checks.",
        "Ask about evening clinics.",
        "The chair asks the representatives to speak",
        "Integrated care board",
    ):
        assert squash(expected) in text
    assert "Marian" not in pdf_texts[0]  # no names in a pack that travels
    assert squash("Large print") in large_text and squash("Large print") not in text


def test_the_pack_is_made_again_when_the_briefing_changes_and_not_when_it_does_not(
    world, briefing, django_capture_on_commit_callbacks
):
    build_briefing_pack(briefing.pk)
    briefing.refresh_from_db()
    first = (briefing.pack_file.name, briefing.pack_inputs)

    build_briefing_pack(briefing.pk)  # run twice: nothing new
    briefing.refresh_from_db()
    assert (briefing.pack_file.name, briefing.pack_inputs) == first

    with django_capture_on_commit_callbacks(execute=True):
        briefing_point_add(briefing=briefing, point="Ask about parking.", person=None, staff=True)
    briefing.refresh_from_db()
    assert briefing.pack_state == Briefing.PackState.READY
    assert briefing.pack_inputs != first[1]
    assert briefing.pack_file.name != first[0]
    assert not briefing.pack_file.storage.exists(first[0])  # the old file is removed


def test_sending_goes_once_to_each_representative_in_their_channel(world, briefing):
    by_post = PersonFactory(
        full_name="Pat Postwell",
        contact_channel="post",
        large_print=True,
        address_line_1="1 High Street",
        town="Testbury",
        postcode="TS1 1AA",
    )
    SeatFactory(
        body=world.objects["body"],
        membership=MembershipFactory(person=by_post, group=world.objects["group"]),
        term_start=datetime.date(2025, 1, 1),
    )
    briefing_pack_build(briefing_id=briefing.pk)
    briefing.refresh_from_db()

    assert briefing_pack_send(briefing=briefing) == 2
    assert briefing_pack_send(briefing=briefing) == 0  # the same pack never goes twice

    messages = {n.recipient_id: n for n in Notification.objects.filter(kind="briefing_pack")}
    assert set(messages) == {world.objects["person"].pk, by_post.pk}
    letter = messages[by_post.pk]
    assert letter.channel == Notification.Channel.POST
    assert letter.large_print
    assert "enclosed with this letter" in letter.body_text  # the printed pack, not a link
    assert "large print, as you asked" in letter.body_text
    assert "large_print=1" not in letter.body_text
    assert "large_print=1" not in messages[world.objects["person"].pk].body_text


def test_a_pack_that_is_not_ready_is_not_sent(world, login, briefing):
    client = login(world.user("coordinator"))

    response = client.post(
        reverse("meeting-briefing-send", kwargs={"pk": briefing.meeting.pk}), follow=True
    )

    assert "The briefing pack is not ready yet" in response.content.decode()
    assert not Notification.objects.filter(kind="briefing_pack").exists()


def test_a_letter_to_a_representative_carries_the_printed_pack(world, login, briefing):
    from pypdf import PdfReader

    from involvement.services.outbox import print_batch_create

    by_post = PersonFactory(
        full_name="Pat Postwell",
        contact_channel="post",
        large_print=True,
        address_line_1="1 High Street",
        town="Testbury",
        postcode="TS1 1AA",
    )
    SeatFactory(
        body=world.objects["body"],
        membership=MembershipFactory(person=by_post, group=world.objects["group"]),
        term_start=datetime.date(2025, 1, 1),
    )
    briefing_pack_build(briefing_id=briefing.pk)
    briefing.refresh_from_db()
    briefing_pack_send(briefing=briefing)
    coordinator = world.user("coordinator")
    batch = print_batch_create(organisation=world.organisation, created_by=coordinator)
    assert list(batch.letters.values_list("recipient_id", flat=True)) == [by_post.pk]

    response = login(coordinator).get(reverse("print-batch-pdf", kwargs={"pk": batch.pk}))

    assert response.status_code == 200
    pages = PdfReader(io.BytesIO(response.content)).pages
    texts = [" ".join(page.extract_text().split()) for page in pages]
    with briefing.pack_large_print_file.open("rb") as handle:
        pack = PdfReader(io.BytesIO(handle.read())).pages
    letter_pages = len(pages) - len(pack)
    assert letter_pages >= 1
    letter = " ".join(texts[:letter_pages])
    assert "enclosed with this letter" in letter
    assert f"({len(pack)} page" in letter and "in large print" in letter
    assert texts[letter_pages].startswith("Briefing for the board meeting")  # the large print pack
    assert "Large print" in " ".join(texts[letter_pages:])


def test_a_letter_whose_pack_is_gone_still_prints_and_says_so(world, login, briefing):
    from involvement.services.outbox import print_batch_create

    by_post = PersonFactory(
        full_name="Pat Postwell",
        contact_channel="post",
        address_line_1="1 High Street",
        town="Testbury",
        postcode="TS1 1AA",
    )
    SeatFactory(
        body=world.objects["body"],
        membership=MembershipFactory(person=by_post, group=world.objects["group"]),
        term_start=datetime.date(2025, 1, 1),
    )
    briefing_pack_build(briefing_id=briefing.pk)
    briefing.refresh_from_db()
    briefing_pack_send(briefing=briefing)
    briefing.pack_file.delete(save=True)
    coordinator = world.user("coordinator")
    batch = print_batch_create(organisation=world.organisation, created_by=coordinator)

    response = login(coordinator).get(reverse("print-batch-pdf", kwargs={"pk": batch.pk}))

    assert response.status_code == 200
    assert b"Enclosure missing" in squash_pdf(response.content)


def squash_pdf(content: bytes) -> bytes:
    from pypdf import PdfReader

    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    return " ".join(text.split()).encode()
