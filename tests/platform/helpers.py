"""Small helpers the platform tests share: logging in through allauth's pages,
authenticator codes, reading links out of emails, reading rendered HTML and
looking inside PDFs."""

from __future__ import annotations

import re
import time
import zlib
from html.parser import HTMLParser

from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.contrib.auth import SESSION_KEY
from django.urls import reverse


def post_login(client, email: str, password: str):
    """Submit allauth's log in form, as a person would."""
    return client.post(reverse("account_login"), {"login": email, "password": password})


def logged_in_user_id(client) -> int | None:
    value = client.session.get(SESSION_KEY)
    return int(value) if value is not None else None


def totp_code(secret: str, *, periods_from_now: int = 0) -> str:
    """The code an authenticator app shows for this secret."""
    counter = int(time.time()) // mfa_settings.TOTP_PERIOD + periods_from_now
    return format_hotp_value(hotp_value(secret, counter))


def wait_for_fresh_totp_period(margin: float = 3.0) -> None:
    """Sleep past the end of the current TOTP period if it ends within `margin`
    seconds, so a code computed now is still valid when the server checks it."""
    remaining = mfa_settings.TOTP_PERIOD - (time.time() % mfa_settings.TOTP_PERIOD)
    if remaining < margin:
        time.sleep(remaining + 0.1)


def wrong_totp_code(secret: str) -> str:
    """A well-formed code that no nearby period accepts."""
    nearby = {totp_code(secret, periods_from_now=n) for n in range(-2, 3)}
    return next(code for code in ("000000", "111111", "222222") if code not in nearby)


def link_in_email(message, path_prefix: str) -> str:
    """The path of the first link in an email body that starts with path_prefix."""
    match = re.search(rf"https?://[^/\s]+({re.escape(path_prefix)}[^\s]*)", message.body)
    assert match, f"No link to {path_prefix} in:\n{message.body}"
    return match.group(1)


class _TagCollector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, {name: value or "" for name, value in attrs}))


def tags(html: str, tag: str | None = None, **attrs: str) -> list[dict[str, str]]:
    """The attributes of every start tag in `html` (optionally of one tag name
    and with the given attribute values; `class_` matches one class)."""
    collector = _TagCollector()
    collector.feed(html)
    wanted_class = attrs.pop("class_", None)
    found = []
    for name, tag_attrs in collector.tags:
        if tag and name != tag:
            continue
        if any(tag_attrs.get(key) != value for key, value in attrs.items()):
            continue
        if wanted_class and wanted_class not in tag_attrs.get("class", "").split():
            continue
        found.append({"tag": name, **tag_attrs})
    return found


def element_by_id(html: str, element_id: str) -> dict[str, str]:
    found = tags(html, id=element_id)
    assert len(found) == 1, f"expected one element with id {element_id!r}, found {found}"
    return found[0]


def pdf_objects(pdf: bytes) -> bytes:
    """The PDF's bytes followed by every Flate stream inflated, so objects that
    WeasyPrint packs into compressed object streams can be searched."""
    inflated = []
    for match in re.finditer(rb"stream\r?\n", pdf):
        start = match.end()
        end = pdf.find(b"endstream", start)
        try:
            inflated.append(zlib.decompressobj().decompress(pdf[start:end]))
        except zlib.error:
            continue  # not a Flate stream (or not a stream at all)
    return pdf + b"\n".join(inflated)
