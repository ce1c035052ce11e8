"""Every upload is scanned before it is stored: with a scanner that finds the
EICAR test string, an infected receipt or meeting paper is refused with a
clear message and nothing is stored; a file that cannot be scanned is refused
too. The ClamAV scanner speaks clamd's INSTREAM protocol (checked against a
stand-in daemon); the default scanner scans nothing, as documented."""

from __future__ import annotations

import socket
import struct
import threading
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from expenses.models import Receipt
from expenses.services import claims as claim_services
from involvement import scanning
from meetings.models import Paper
from meetings.services.papers import paper_upload
from tests.access.expenses_admin import make_meeting
from tests.expenses._claims import attended

pytestmark = pytest.mark.django_db

# The industry's harmless test string, which every virus scanner reports.
EICAR = rb"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"
# Behind a PDF header, so that the first-bytes check lets it through to the scan.
INFECTED_PDF = b"%PDF-1.7\n" + EICAR + b"\n"
CLEAN_PDF = b"%PDF-1.7\n" + b"0" * 64


class EicarScanner:
    """A stand-in for ClamAV: finds the EICAR string anywhere in the file."""

    def scan(self, stream) -> scanning.ScanResult:
        if EICAR in stream.read():
            return scanning.ScanResult(clean=False, threat="Eicar-Test-Signature")
        return scanning.ScanResult(clean=True)


class BrokenScanner:
    """A scanner that cannot be reached."""

    def scan(self, stream) -> scanning.ScanResult:
        return scanning.ScanResult(clean=False, failed=True)


@pytest.fixture(autouse=True)
def _scanner_and_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.INVOLVE_UPLOAD_SCANNER = f"{__name__}.EicarScanner"
    return tmp_path


def _stored_files(root):
    return [path for path in root.rglob("*") if path.is_file()]


def test_an_infected_receipt_is_refused_on_the_page_and_nothing_is_stored(
    world, login, _scanner_and_media
):
    claim = claim_services.claim_start(invitation=attended(world))
    client = login(world.user("member"))
    response = client.post(
        reverse("claim-detail", kwargs={"public_id": claim.public_id}),
        {
            "kind": "public_transport",
            "amount": "4.60",
            "receipt": SimpleUploadedFile("ticket.pdf", INFECTED_PDF),
        },
    )
    assert response.status_code == 200
    assert "our virus check found something harmful in it" in response.content.decode()
    assert not claim.lines.exists()
    assert not Receipt.objects.exists()
    assert _stored_files(_scanner_and_media) == []


def test_a_clean_receipt_is_stored(world):
    claim = claim_services.claim_start(invitation=attended(world))
    line = claim_services.claim_line_add(
        claim=claim,
        kind="public_transport",
        amount=Decimal("4.60"),
        receipt=SimpleUploadedFile("ticket.pdf", CLEAN_PDF),
    )
    assert line.receipts.count() == 1


def test_an_infected_meeting_paper_is_refused_and_nothing_is_stored(world, _scanner_and_media):
    meeting = make_meeting(world.objects["group"])
    with pytest.raises(ValidationError) as error:
        paper_upload(
            meeting=meeting,
            title="Briefing",
            upload=SimpleUploadedFile("briefing.pdf", INFECTED_PDF),
        )
    assert error.value.message_dict["file"] == [scanning.INFECTED_MESSAGE]
    assert not Paper.objects.exists()
    assert _stored_files(_scanner_and_media) == []


def test_a_file_that_cannot_be_scanned_is_refused_with_a_try_again_message(world, settings):
    settings.INVOLVE_UPLOAD_SCANNER = f"{__name__}.BrokenScanner"
    meeting = make_meeting(world.objects["group"])
    with pytest.raises(ValidationError) as error:
        paper_upload(
            meeting=meeting, title="Briefing", upload=SimpleUploadedFile("b.pdf", CLEAN_PDF)
        )
    assert error.value.message_dict["file"] == [scanning.UNSCANNED_MESSAGE]
    assert not Paper.objects.exists()


def test_the_default_scanner_scans_nothing_and_says_so(settings, caplog):
    settings.INVOLVE_UPLOAD_SCANNER = "involvement.scanning.NoScanner"
    with caplog.at_level("INFO", logger="involvement.scanning"):
        scanning.check_clean(SimpleUploadedFile("x.pdf", INFECTED_PDF), field="file")
    assert "not scanned" in caplog.text


def _fake_clamd(answer: bytes):
    """A one-connection stand-in for clamd: reads an INSTREAM, answers."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    received = {}

    def serve():
        conn, _ = server.accept()
        with conn:
            data = b""
            while True:
                chunk = conn.recv(65536)
                data += chunk
                if not chunk or data.endswith(struct.pack("!L", 0)):
                    break
            received["data"] = data
            conn.sendall(answer)
        server.close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    return server.getsockname()[1], received, thread


def test_the_clamav_scanner_streams_the_file_and_reads_the_verdict():
    port, received, thread = _fake_clamd(b"stream: Eicar-Test-Signature FOUND\0")
    result = scanning.ClamdScanner(host="127.0.0.1", port=port, timeout=5).scan(
        SimpleUploadedFile("x.pdf", INFECTED_PDF)
    )
    thread.join(timeout=5)
    assert result == scanning.ScanResult(clean=False, threat="Eicar-Test-Signature")
    data = received["data"]
    assert data.startswith(b"zINSTREAM\0" + struct.pack("!L", len(INFECTED_PDF)) + INFECTED_PDF)
    assert data.endswith(struct.pack("!L", 0))


def test_the_clamav_scanner_passes_a_clean_file_and_fails_safe_when_unreachable():
    port, _received, thread = _fake_clamd(b"stream: OK\0")
    clean = scanning.ClamdScanner(host="127.0.0.1", port=port, timeout=5).scan(
        SimpleUploadedFile("x.pdf", CLEAN_PDF)
    )
    thread.join(timeout=5)
    assert clean == scanning.ScanResult(clean=True)
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    unused_port = closed.getsockname()[1]
    closed.close()
    down = scanning.ClamdScanner(host="127.0.0.1", port=unused_port, timeout=2).scan(
        SimpleUploadedFile("x.pdf", CLEAN_PDF)
    )
    assert down.failed and not down.clean


# --- NoScanner in production --------------------------------------------------


def test_deploy_check_warns_when_uploads_are_not_scanned(settings):
    from django.core import checks

    settings.INVOLVE_UPLOAD_SCANNER = "involvement.scanning.NoScanner"
    found = checks.run_checks(include_deployment_checks=True, tags=[checks.Tags.security])
    assert "involvement.W001" in {message.id for message in found}
    # Only a deployment check: `manage.py check` in development stays quiet.
    assert "involvement.W001" not in {message.id for message in checks.run_checks()}


def test_deploy_check_is_quiet_with_a_real_scanner(settings):
    from django.core import checks

    settings.INVOLVE_UPLOAD_SCANNER = "involvement.scanning.ClamdScanner"
    found = checks.run_checks(include_deployment_checks=True, tags=[checks.Tags.security])
    assert "involvement.W001" not in {message.id for message in found}


def test_production_start_logs_a_warning_with_no_scanner(settings, caplog):
    from involvement import checks

    settings.INVOLVE_UPLOAD_SCANNER = "involvement.scanning.NoScanner"
    settings.INVOLVE_PRODUCTION = True
    with caplog.at_level("WARNING", logger="involvement.scanning"):
        checks.warn_at_start()
    assert "not scanned for malware" in caplog.text

    caplog.clear()
    settings.INVOLVE_PRODUCTION = False
    with caplog.at_level("WARNING", logger="involvement.scanning"):
        checks.warn_at_start()
    assert caplog.text == ""
