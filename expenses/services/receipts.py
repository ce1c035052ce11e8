"""Receipts: photos or PDFs kept as private files under a random name, checked
by what the file really is (its first bytes), never by its name or the
browser's word for it."""

from __future__ import annotations

import uuid

from django.core.exceptions import ValidationError
from django.db import transaction

from involvement.scanning import check_clean

from ..models import ClaimLine, Receipt

MAX_RECEIPT_BYTES = 10 * 1024 * 1024
HEIF_BRANDS = {b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1", b"heif"}
REFUSED = "The receipt must be a photo (JPEG, PNG or HEIC) or a PDF"


def sniff_receipt(head: bytes) -> tuple[str, str] | None:
    """(content type, extension) of a receipt from its first bytes, or None."""
    if head.startswith(b"%PDF-"):
        return "application/pdf", "pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png", "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg", "jpg"
    if len(head) >= 12 and head[4:8] == b"ftyp" and head[8:12] in HEIF_BRANDS:
        return "image/heic", "heic"
    return None


def check_upload(upload, *, field: str = "receipt") -> tuple[str, str]:
    if upload.size == 0:
        raise ValidationError({field: "The file is empty: choose the photo or PDF again"})
    if upload.size > MAX_RECEIPT_BYTES:
        raise ValidationError({field: "The receipt must be smaller than 10 MB"})
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    kind = sniff_receipt(head)
    if kind is None:
        raise ValidationError({field: REFUSED})
    check_clean(upload, field=field)
    return kind


@transaction.atomic
def receipt_add(*, line: ClaimLine, upload) -> Receipt:
    content_type, extension = check_upload(upload)
    receipt = Receipt(
        line=line,
        content_type=content_type,
        size=upload.size,
        original_name=(upload.name or "")[:200],
    )
    receipt.file.save(f"{uuid.uuid4().hex}.{extension}", upload, save=False)
    receipt.full_clean()
    receipt.save()
    return receipt


@transaction.atomic
def receipt_remove(*, receipt: Receipt) -> None:
    receipt.file.delete(save=False)
    receipt.delete()
