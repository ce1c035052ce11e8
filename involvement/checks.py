"""System checks of the involvement core (``manage.py check --deploy``)."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core import checks

logger = logging.getLogger("involvement.scanning")

NO_SCANNER = "involvement.scanning.NoScanner"
NO_SCANNER_HINT = (
    "Set INVOLVE_UPLOAD_SCANNER=involvement.scanning.ClamdScanner and run a ClamAV "
    "daemon (docker-compose.yml, service clamav): with NoScanner, receipts, meeting "
    "papers and evidence are stored without a malware scan."
)


def uses_no_scanner() -> bool:
    return settings.INVOLVE_UPLOAD_SCANNER == NO_SCANNER


@checks.register(checks.Tags.security, deploy=True)
def check_upload_scanner(app_configs=None, **kwargs):
    """A deployment with NoScanner scans no upload: say so at deploy time."""
    if not uses_no_scanner():
        return []
    return [
        checks.Warning(
            "Uploads are not scanned for malware (INVOLVE_UPLOAD_SCANNER is NoScanner).",
            hint=NO_SCANNER_HINT,
            id="involvement.W001",
        )
    ]


def warn_at_start() -> None:
    """Called from InvolvementConfig.ready: production settings with NoScanner
    log a warning each time a process starts (web, worker, beat)."""
    if getattr(settings, "INVOLVE_PRODUCTION", False) and uses_no_scanner():
        logger.warning(
            "Uploads are not scanned for malware: INVOLVE_UPLOAD_SCANNER is NoScanner. %s",
            NO_SCANNER_HINT,
        )
