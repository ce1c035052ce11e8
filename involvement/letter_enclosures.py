"""What goes in the envelope with a letter: another document (a PDF) printed
after it in the print batch, such as a representative's briefing pack.

involvement imports no other app, so an app higher up registers, from its
AppConfig.ready(), a function for a kind of message that gives the
enclosure of one letter (or None: nothing to enclose). A function that fails,
or gives a file that cannot be read, encloses nothing: the letter still
prints, and says so."""

from __future__ import annotations

import io
import logging
from collections.abc import Callable
from dataclasses import dataclass

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Enclosure:
    title: str  # named in the letter: "Enclosed: ..."
    content: bytes  # a PDF
    pages: int = 0


Build = Callable[[object], "Enclosure | None"]
_BY_KIND: dict[str, Build] = {}


def register(kind: str, build: Build) -> None:
    _BY_KIND[kind] = build


def expects_enclosure(letter) -> bool:
    return letter.kind in _BY_KIND


def enclosure_for(letter) -> Enclosure | None:
    """The letter's enclosure, checked readable (pages counted), or None."""
    build = _BY_KIND.get(letter.kind)
    if build is None:
        return None
    try:
        found = build(letter)
        if found is None:
            return None
        from pypdf import PdfReader

        pages = len(PdfReader(io.BytesIO(found.content), strict=False).pages)
    except Exception:
        logger.exception("The enclosure of letter %s could not be made", letter.pk)
        return None
    return Enclosure(title=found.title, content=found.content, pages=pages) if pages else None
