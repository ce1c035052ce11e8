"""Receipts: checked by their content (JPEG, PNG, HEIC, PDF), size-limited,
renamed, kept private and served only to the claimant, coordinators and
finance of the organisation."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from expenses.models import Receipt
from expenses.services import claims as services
from expenses.services import receipts
from tests.factories import MembershipFactory, PersonFactory, UserFactory

from ._claims import attended

pytestmark = pytest.mark.django_db

JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 64
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF = b"%PDF-1.7\n" + b"\x00" * 64
HEIC = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00" + b"\x00" * 64
ELF = b"\x7fELF\x02\x01\x01" + b"\x00" * 64
MZ = b"MZ\x90\x00\x03" + b"\x00" * 64


@pytest.fixture(autouse=True)
def _media(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path


def _claim(world):
    return services.claim_start(invitation=attended(world))


@pytest.mark.parametrize(
    ("content", "content_type"),
    [(JPEG, "image/jpeg"), (PNG, "image/png"), (PDF, "application/pdf"), (HEIC, "image/heic")],
)
def test_photos_and_pdfs_are_kept_under_a_random_name(world, content, content_type):
    claim = _claim(world)
    upload = SimpleUploadedFile("my bus ticket.jpg", content, content_type="image/jpeg")
    line = services.claim_line_add(
        claim=claim, kind="public_transport", amount=Decimal("4.60"), receipt=upload
    )
    receipt = line.receipts.get()
    assert receipt.content_type == content_type
    assert "bus" not in receipt.file.name
    assert receipt.original_name == "my bus ticket.jpg"


@pytest.mark.parametrize("content", [ELF, MZ, b"<html><script>alert(1)</script>"])
def test_renamed_executable_is_refused_with_a_clear_message(world, content):
    claim = _claim(world)
    upload = SimpleUploadedFile("receipt.jpg", content, content_type="image/jpeg")
    with pytest.raises(ValidationError) as error:
        services.claim_line_add(
            claim=claim, kind="public_transport", amount=Decimal("4.60"), receipt=upload
        )
    assert error.value.message_dict["receipt"] == [receipts.REFUSED]
    assert not claim.lines.exists()
    assert not Receipt.objects.exists()


def test_renamed_executable_refused_on_the_page_and_nothing_saved(world, login):
    claim = _claim(world)
    client = login(world.user("member"))
    response = client.post(
        reverse("claim-detail", kwargs={"public_id": claim.public_id}),
        {
            "kind": "public_transport",
            "amount": "4.60",
            "receipt": SimpleUploadedFile("receipt.jpg", MZ, content_type="image/jpeg"),
        },
    )
    assert response.status_code == 200
    assert "must be a photo (JPEG, PNG or HEIC) or a PDF" in response.content.decode()
    assert not claim.lines.exists()


def test_oversized_and_empty_receipts_are_refused(world, monkeypatch):
    monkeypatch.setattr(receipts, "MAX_RECEIPT_BYTES", 100)
    claim = _claim(world)
    big = SimpleUploadedFile("r.jpg", JPEG + b"\x00" * 200)
    with pytest.raises(ValidationError, match="smaller than 10 MB"):
        services.claim_line_add(claim=claim, kind="parking", amount=Decimal("2"), receipt=big)
    with pytest.raises(ValidationError, match="empty"):
        services.claim_line_add(
            claim=claim,
            kind="parking",
            amount=Decimal("2"),
            receipt=SimpleUploadedFile("r.jpg", b""),
        )


def test_receipts_have_no_public_url_under_static_or_media_routes(world):
    claim = _claim(world)
    line = services.claim_line_add(
        claim=claim, kind="parking", amount=Decimal("2"), receipt=SimpleUploadedFile("r.png", PNG)
    )
    receipt = line.receipts.get()
    url = reverse("claim-receipt", kwargs={"pk": receipt.pk})
    assert receipt.file.name not in url
    from django.test import Client

    for prefix in {settings.MEDIA_URL or "/media/", "/media/", "/static/"}:
        assert Client().get(prefix + receipt.file.name).status_code == 404


@pytest.fixture
def receipt(world):
    claim = _claim(world)
    line = services.claim_line_add(
        claim=claim, kind="parking", amount=Decimal("2"), receipt=SimpleUploadedFile("r.png", PNG)
    )
    return line.receipts.get()


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("member", 200),
        ("coordinator", 200),
        ("finance", 200),
        ("admin_support", 403),
        ("commissioner", 404),
        ("org_admin", 404),
        ("other_org", 404),
        ("anonymous", 302),
    ],
)
def test_receipt_access_by_role(world, login, receipt, role, status):
    response = login(world.user(role)).get(reverse("claim-receipt", kwargs={"pk": receipt.pk}))
    assert response.status_code == status
    if status == 200:
        assert response["Content-Type"] == "image/png"
        assert response["Content-Disposition"].startswith('inline; filename="receipt-')
        assert response["X-Content-Type-Options"] == "nosniff"
        assert b"".join(response.streaming_content).startswith(b"\x89PNG")
    if status == 302:
        assert "/accounts/login/" in response.url or "login" in response.url


def test_another_member_of_the_same_group_gets_404(world, login, receipt):
    person = PersonFactory(user=UserFactory())
    MembershipFactory(person=person, group=world.objects["group"])
    response = login(person.user).get(reverse("claim-receipt", kwargs={"pk": receipt.pk}))
    assert response.status_code == 404


def test_receipt_added_later_from_the_claim_page_and_line_removed(world, login):
    claim = _claim(world)
    line = services.claim_line_add(claim=claim, kind="parking", amount=Decimal("12"))
    client = login(world.user("member"))
    client.post(
        reverse("claim-line-receipt", kwargs={"pk": line.pk}),
        {"receipt": SimpleUploadedFile("IMG_0001.HEIC", HEIC)},
    )
    assert line.receipts.get().content_type == "image/heic"
    refused = client.post(
        reverse("claim-line-receipt", kwargs={"pk": line.pk}),
        {"receipt": SimpleUploadedFile("receipt.pdf", ELF)},
        follow=True,
    )
    assert receipts.REFUSED in refused.content.decode()
    assert line.receipts.count() == 1
    client.post(reverse("claim-line-remove", kwargs={"pk": line.pk}))
    assert not claim.lines.exists()
    assert not Receipt.objects.exists()


def test_sent_claim_cannot_be_changed_and_finance_cannot_add_costs(world, login):
    claim = _claim(world)
    line = services.claim_line_add(claim=claim, kind="parking", amount=Decimal("2"))
    detail = reverse("claim-detail", kwargs={"public_id": claim.public_id})
    finance = login(world.user("finance"))
    assert finance.post(detail, {"kind": "parking", "amount": "3"}).status_code == 403
    assert finance.post(reverse("claim-line-remove", kwargs={"pk": line.pk})).status_code == 403
    services.claim_submit(claim=claim)
    member = login(world.user("member"))
    assert member.post(detail, {"kind": "parking", "amount": "3"}).status_code == 403
    member.post(reverse("claim-line-remove", kwargs={"pk": line.pk}))
    assert claim.lines.count() == 1


# A PDF whose opening action runs JavaScript.
SCRIPTED_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R/OpenAction 3 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
    b"3 0 obj<</S/JavaScript/JS(app.alert(document.cookie))>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


@pytest.mark.parametrize(
    ("url_name", "role"), [("claim-receipt", "member"), ("approval-receipt", "coordinator")]
)
def test_a_pdf_receipt_is_downloaded_never_shown_inline(world, login, url_name, role):
    claim = _claim(world)
    line = services.claim_line_add(
        claim=claim,
        kind="parking",
        amount=Decimal("2"),
        receipt=SimpleUploadedFile("r.pdf", SCRIPTED_PDF),
    )
    receipt = line.receipts.get()
    response = login(world.user(role)).get(reverse(url_name, kwargs={"pk": receipt.pk}))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="receipt-{receipt.pk}.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert b"".join(response.streaming_content) == SCRIPTED_PDF


def test_a_photo_receipt_still_opens_in_the_browser_for_approvers(world, login):
    line = services.claim_line_add(
        claim=_claim(world),
        kind="parking",
        amount=Decimal("2"),
        receipt=SimpleUploadedFile("r.jpg", JPEG),
    )
    receipt = line.receipts.get()
    response = login(world.user("coordinator")).get(
        reverse("approval-receipt", kwargs={"pk": receipt.pk})
    )
    assert response["Content-Disposition"] == f'inline; filename="receipt-{receipt.pk}.jpg"'
