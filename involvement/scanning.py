"""Malware scanning of uploads, before a file is stored.

Every upload path (receipts, meeting papers) calls ``check_clean`` before it
saves the file. The scanner is chosen by settings.INVOLVE_UPLOAD_SCANNER:

- ``involvement.scanning.NoScanner`` (the default): scans nothing and says so
  in the log. Use it only where no ClamAV daemon is available (the local
  demo, tests); the first-bytes checks of each upload path still apply.
- ``involvement.scanning.ClamdScanner``: sends the file to a ClamAV daemon
  (``clamd``) at INVOLVE_CLAMD_HOST:INVOLVE_CLAMD_PORT with its INSTREAM
  command. A file it finds infected is refused; a file it cannot scan (the
  daemon is down) is refused too, with a message to try again later: nothing
  unscanned is ever stored.

Any class with ``scan(stream) -> ScanResult`` may be named (tests use a fake).
"""

from __future__ import annotations

import logging
import socket
import struct
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)

INFECTED_MESSAGE = (
    "The file was not saved: our virus check found something harmful in it. "
    "Check the file with your own virus checker, or choose a different one."
)
UNSCANNED_MESSAGE = (
    "The file was not saved: we could not check it for viruses just now. "
    "Try again in a few minutes."
)
CHUNK = 64 * 1024


@dataclass(frozen=True)
class ScanResult:
    clean: bool
    threat: str = ""
    # True when the file could not be scanned (it is then refused too).
    failed: bool = False


class NoScanner:
    """Scans nothing: every file is let through. Documented as such."""

    def scan(self, stream) -> ScanResult:
        logger.info("Upload not scanned for malware: INVOLVE_UPLOAD_SCANNER is NoScanner")
        return ScanResult(clean=True)


class ClamdScanner:
    """ClamAV's daemon over TCP, with the INSTREAM command."""

    def __init__(self, host: str | None = None, port: int | None = None, timeout: float = 30.0):
        self.host = host or settings.INVOLVE_CLAMD_HOST
        self.port = port or settings.INVOLVE_CLAMD_PORT
        self.timeout = timeout

    def scan(self, stream) -> ScanResult:
        try:
            with socket.create_connection((self.host, self.port), timeout=self.timeout) as conn:
                conn.sendall(b"zINSTREAM\0")
                while chunk := stream.read(CHUNK):
                    conn.sendall(struct.pack("!L", len(chunk)) + chunk)
                conn.sendall(struct.pack("!L", 0))
                reply = b""
                while not reply.endswith(b"\0"):
                    data = conn.recv(4096)
                    if not data:
                        break
                    reply += data
        except OSError:
            logger.exception("The ClamAV daemon could not be reached")
            return ScanResult(clean=False, failed=True)
        return self.parse(reply.rstrip(b"\0").decode("utf-8", "replace"))

    @staticmethod
    def parse(reply: str) -> ScanResult:
        """``stream: OK`` or ``stream: Eicar-Test-Signature FOUND``."""
        if reply.endswith(" OK"):
            return ScanResult(clean=True)
        if reply.endswith(" FOUND"):
            return ScanResult(clean=False, threat=reply.split(": ", 1)[-1][: -len(" FOUND")])
        logger.error("Unexpected answer from the ClamAV daemon: %s", reply)
        return ScanResult(clean=False, failed=True)


def scanner():
    return import_string(settings.INVOLVE_UPLOAD_SCANNER)()


def check_clean(upload, *, field: str) -> None:
    """Refuse an upload the scanner finds infected, or cannot scan, before it
    is stored: a ValidationError on ``field`` saying what to do."""
    upload.seek(0)
    try:
        result = scanner().scan(upload)
    finally:
        upload.seek(0)
    if result.clean:
        return
    if result.failed:
        raise ValidationError({field: UNSCANNED_MESSAGE}, code="unscanned")
    logger.warning("Upload refused: malware found (%s)", result.threat)
    raise ValidationError({field: INFECTED_MESSAGE}, code="infected")
