"""Papers: upload checks, private storage, access-checked download, sending."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from involvement.models import Notification
from meetings.models import Paper
from meetings.services.papers import MAX_PAPER_BYTES, paper_upload, papers_send
from tests.factories import MembershipFactory, PersonFactory, UserFactory

from ._scheduling import invite, make_meeting

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 50


def _upload(meeting, name="briefing.pdf", content=PDF, title="Briefing"):
    return paper_upload(meeting=meeting, title=title, upload=SimpleUploadedFile(name, content))


def test_an_uploaded_pdf_is_renamed_and_kept_outside_the_web_root(world):
    paper = _upload(make_meeting(world.objects["group"]), name="../../evil name.pdf")
    stored = Path(paper.file.path)
    assert stored.is_relative_to(Path(settings.MEDIA_ROOT))
    assert "evil" not in paper.file.name and paper.file.name.endswith(".pdf")
    assert paper.content_type == "application/pdf"


def test_a_renamed_executable_is_refused(world):
    meeting = make_meeting(world.objects["group"])
    with pytest.raises(ValidationError) as refused:
        _upload(meeting, name="agenda.pdf", content=b"MZ\x90\x00\x03" + b"\x00" * 100)
    assert "must be a PDF" in refused.value.message_dict["file"][0]
    assert not Paper.objects.exists()


def test_a_file_too_large_is_refused(world):
    meeting = make_meeting(world.objects["group"])
    with pytest.raises(ValidationError, match="smaller than 10 MB"):
        _upload(meeting, content=PDF + b"0" * MAX_PAPER_BYTES)


def test_a_png_is_accepted_as_an_image(world):
    paper = _upload(
        make_meeting(world.objects["group"]),
        name="chart.bin",
        content=b"\x89PNG\r\n\x1a\n" + b"\x00" * 50,
    )
    assert paper.content_type == "image/png" and paper.file.name.endswith(".png")


def test_a_member_of_the_group_downloads_a_paper_others_cannot(world, login):
    paper = _upload(make_meeting(world.objects["group"]))
    url = reverse("meeting-paper-download", kwargs={"pk": paper.pk})

    response = login(world.user("member")).get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF

    assert response["Content-Disposition"] == f'attachment; filename="paper-{paper.pk}.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]

    outsider = UserFactory()
    MembershipFactory(person=PersonFactory(user=outsider))  # a member of another group
    assert login(outsider).get(url).status_code == 404
    assert login(world.user("other_org")).get(url).status_code == 404
    assert login(world.user("commissioner")).get(url).status_code == 404


def test_a_picture_paper_opens_in_the_browser(world, login):
    paper = _upload(make_meeting(world.objects["group"]), name="chart.png", content=PNG)
    response = login(world.user("member")).get(
        reverse("meeting-paper-download", kwargs={"pk": paper.pk})
    )
    assert response["Content-Disposition"] == f'inline; filename="paper-{paper.pk}.png"'


def test_send_papers_queues_one_message_per_person_in_their_channel_once(world, login):
    meeting = make_meeting(world.objects["group"])
    _upload(meeting)
    by_email = PersonFactory(email="e@example.org", contact_channel="email")
    by_post = PersonFactory(
        email="",
        contact_channel="post",
        large_print=True,
        address_line_1="2 Post Road",
        town="Testford",
        postcode="TE2 2ST",
    )
    for person in (by_email, by_post):
        invite(meeting, person)

    papers_send(meeting=meeting)
    papers_send(meeting=meeting)

    notes = Notification.objects.filter(
        idempotency_key__startswith=f"meetings:papers:{meeting.pk}:"
    )
    assert notes.count() == 2
    letter = notes.get(recipient=by_post)
    assert letter.channel == "post" and letter.large_print is True
    assert "large print" in letter.body_text
    assert notes.get(recipient=by_email).channel == "email"


def test_new_papers_are_sent_again(world):
    meeting = make_meeting(world.objects["group"])
    invite(meeting, PersonFactory(email="e@example.org"))
    _upload(meeting)
    papers_send(meeting=meeting)
    _upload(meeting, title="Second paper")
    papers_send(meeting=meeting)
    assert Notification.objects.filter(subject__startswith="Papers for").count() == 2


def test_the_agenda_is_generated_as_a_paper(world, login):
    meeting = make_meeting(world.objects["group"])
    client = login(world.user("coordinator"))
    client.post(reverse("meeting-agenda-standing", kwargs={"pk": meeting.pk}))
    client.post(reverse("meeting-papers-generate", kwargs={"pk": meeting.pk}))
    paper = Paper.objects.get(meeting=meeting, kind="agenda")
    assert paper.file.read(5) == b"%PDF-"


def test_the_upload_page_refuses_a_renamed_executable_with_a_message(world, login):
    meeting = make_meeting(world.objects["group"])
    client = login(world.user("coordinator"))
    response = client.post(
        reverse("meeting-papers", kwargs={"pk": meeting.pk}),
        {"title": "Agenda", "file": SimpleUploadedFile("agenda.pdf", b"MZ\x90\x00" * 20)},
    )
    assert response.status_code == 200
    assert "must be a PDF" in response.content.decode()
