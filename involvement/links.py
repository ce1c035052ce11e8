"""Absolute links for messages and letters.

A message is read away from the site (an email client, a letter on the
kitchen table), so every link in it is absolute. The address comes from the
request when a person pressed the button, else from settings.SITE_URL (which
`make run` sets to its own address and production requires).
"""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse


def site_address(site_url: str = "") -> str:
    """The address links start with, without a trailing slash."""
    return (site_url or getattr(settings, "SITE_URL", "") or DEFAULT_SITE_URL).rstrip("/")


# Only reached when SITE_URL is empty (a test settings file, say): a link that
# names a host is still better than a bare path.
DEFAULT_SITE_URL = "http://localhost:8000"


def absolute(path: str, *, site_url: str = "") -> str:
    """A path on this site ("/meetings/3/") as a full address."""
    if path.startswith(("http://", "https://")):
        return path
    return site_address(site_url) + "/" + path.lstrip("/")


def absolute_reverse(viewname: str, *, site_url: str = "", **kwargs) -> str:
    """reverse() as a full address."""
    return absolute(reverse(viewname, **kwargs), site_url=site_url)
