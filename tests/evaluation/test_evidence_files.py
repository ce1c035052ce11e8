"""Evidence files on impact records: through the upload checks every upload
goes through (what the file really is from its first bytes, at most 10 MB,
the virus scan), stored under a name of our own, downloaded only by those
who may see the record; the public "what changed" page offers a file only
when it is marked public and its record is published."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from evaluation import services
from evaluation.models import ImpactEvidence
from tests.platform.test_upload_scanning import CLEAN_PDF, INFECTED_PDF, EicarScanner

pytestmark = pytest.mark.django_db
PNG = b"\x89PNG\r\n\x1a\n" + b"0" * 32

__all__ = ["EicarScanner"]


@pytest.fixture(autouse=True)
def _scanner_and_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.INVOLVE_UPLOAD_SCANNER = "tests.platform.test_upload_scanning.EicarScanner"
    return tmp_path


@pytest.fixture
def record(world):
    return services.impact_record_create(
        organisation=world.organisation,
        group=world.objects["group"],
        title="Evening clinics",
        what_changed="Two evening clinics a week.",
        area="services",
        perspective="staff",
        changed_on=world.objects["group"].created_at.date(),
    )


def _stored(root):
    return [path for path in root.rglob("*") if path.is_file()]


def _add(client, record, name, content, **extra):
    return client.post(
        reverse("evidence-add", args=[record.pk]),
        {"title": "Clinic figures", "file": SimpleUploadedFile(name, content), **extra},
    )


def test_a_file_that_is_not_what_its_name_says_is_refused_clearly(
    world, record, login, _scanner_and_media
):
    client = login(world.user("coordinator"))
    response = _add(client, record, "figures.pdf", b"MZ\x90\x00 not a pdf at all")
    page = response.content.decode()
    assert response.status_code == 200
    assert "The file must be a PDF, or a picture (PNG or JPEG)" in page
    assert 'value="Clinic figures"' in page  # what was typed is kept
    assert not ImpactEvidence.objects.exists()
    assert _stored(_scanner_and_media) == []


def test_an_infected_file_and_an_empty_one_are_refused(world, record, login, _scanner_and_media):
    client = login(world.user("coordinator"))
    page = _add(client, record, "figures.pdf", INFECTED_PDF).content.decode()
    assert "our virus check found something harmful in it" in page
    page = _add(client, record, "figures.pdf", b"").content.decode()
    assert "The file is empty: choose it again" in page
    page = client.post(reverse("evidence-add", args=[record.pk]), {"title": " "}).content.decode()
    assert "Say what the file shows" in page and "Choose the file to upload" in page
    assert not ImpactEvidence.objects.exists()
    assert _stored(_scanner_and_media) == []


def test_a_file_too_large_is_refused(world, record, monkeypatch):
    monkeypatch.setattr(services, "MAX_EVIDENCE_BYTES", 16)
    with pytest.raises(Exception, match="smaller than 10 MB"):
        services.evidence_add(
            record=record, title="Big", upload=SimpleUploadedFile("big.pdf", CLEAN_PDF)
        )


def test_kept_under_our_name_and_downloaded_only_by_those_who_see_the_record(world, record, login):
    client = login(world.user("coordinator"))
    assert _add(client, record, "../../etc/passwd.pdf", CLEAN_PDF).status_code == 302
    evidence = ImpactEvidence.objects.get()
    assert evidence.content_type == "application/pdf" and not evidence.public
    assert "passwd" not in evidence.file.name
    assert evidence.file.name.startswith(f"impact-evidence/{record.pk}/")
    detail = client.get(reverse("impact-detail", args=[record.pk])).content.decode()
    assert "Clinic figures" in detail and "not public" in detail
    url = reverse("evidence-download", args=[evidence.pk])
    download = client.get(url)
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == CLEAN_PDF
    assert download["X-Content-Type-Options"] == "nosniff"
    assert login(world.user("commissioner")).get(url).status_code == 200
    assert login(world.user("member")).get(url).status_code == 404
    assert login(world.user("other_org")).get(url).status_code == 404
    assert login(world.user("finance")).get(url).status_code == 403
    assert login(None).get(url).status_code == 302


def test_the_public_page_offers_only_public_files_of_published_records(world, record, client):
    private = services.evidence_add(
        record=record, title="Staff survey", upload=SimpleUploadedFile("s.png", PNG)
    )
    public = services.evidence_add(
        record=record,
        title="Clinic leaflet",
        upload=SimpleUploadedFile("l.pdf", CLEAN_PDF),
        public=True,
    )
    public_url = reverse("evidence-public", args=[public.pk])
    assert client.get(public_url).status_code == 404  # the record is not published yet
    services.impact_record_publish(record=record, published=True, public_text="Evening clinics.")
    page = client.get(reverse("impact-public", args=[world.objects["group"].pk]))
    text = page.content.decode()
    assert "Clinic leaflet" in text and public_url in text
    assert "Staff survey" not in text
    assert client.get(public_url).status_code == 200
    assert client.get(reverse("evidence-public", args=[private.pk])).status_code == 404


def test_removing_a_file_asks_first(world, record, login, _scanner_and_media):
    evidence = services.evidence_add(
        record=record, title="Old figures", upload=SimpleUploadedFile("o.pdf", CLEAN_PDF)
    )
    client = login(world.user("coordinator"))
    url = reverse("evidence-remove", args=[evidence.pk])
    assert "Remove the file" in client.get(url).content.decode()
    assert ImpactEvidence.objects.exists()
    assert client.post(url).status_code == 302
    assert not ImpactEvidence.objects.exists()
    assert _stored(_scanner_and_media) == []
