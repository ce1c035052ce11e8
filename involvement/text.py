"""Plain text: messages rendered from templates, and the single lines that
become email subjects and headers.

Plain text is not HTML. A message rendered from a text template keeps what
people typed exactly as they typed it (the template turns autoescaping off),
so it must never be marked safe: wherever it is later shown in a page or a PDF
it is escaped like anything else a person typed.
"""

from __future__ import annotations

import re

from django.template.loader import render_to_string

# How much text a field takes, unless it says otherwise (forms.text, the API).
# A one-line box: a name, a title, a reference.
SHORT_TEXT = 200
# A box of text: a description, notes, a reason, a correction.
LONG_TEXT = 5_000
# A document's worth: terms of reference, the minutes of one agenda item.
DOCUMENT_TEXT = 10_000

# Line breaks (including Unicode's line and paragraph separators), tabs and
# every other control character.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
# The same, less the line breaks and tabs a box of text may hold.
CONTROL_CHARACTERS_NOT_LINE_BREAKS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def render_plain_text(template_name: str, context: dict | None = None) -> str:
    """A plain-text message (an email body, a letter) rendered from a template,
    as an ordinary str.

    Django marks whatever a template renders as safe for HTML; a plain-text
    message is not, so the mark is dropped here. Shown in a page, the message
    is then escaped like any other text."""
    rendered = render_to_string(template_name, context)
    # str(rendered) would hand back the SafeString itself; this copies it into a plain str.
    return str.__str__(rendered)


def too_long_message(subject: str, limit: int) -> str:
    """The message for text over its limit, like "Progress must be 5,000
    characters or fewer"."""
    return f"{subject} must be {limit:,} characters or fewer"


def has_control_characters(text: str, *, line_breaks_allowed: bool = False) -> bool:
    pattern = CONTROL_CHARACTERS_NOT_LINE_BREAKS if line_breaks_allowed else CONTROL_CHARACTERS
    return bool(pattern.search(text))


def single_line(text: str, *, max_length: int | None = None) -> str:
    """Text fit for an email subject or header: each line break, tab or other
    control character becomes a space, runs of spaces become one, and text
    longer than `max_length` is cut short with an ellipsis.

    A line break in a header would otherwise stop the email being sent at all
    (Django refuses it, rightly: it could add headers of its own)."""
    line = " ".join(CONTROL_CHARACTERS.sub(" ", text).split())
    if max_length is not None and len(line) > max_length:
        line = line[: max_length - 1].rstrip() + "…"
    return line


# Words that keep their capital inside a sentence.
_PROPER_WORDS = frozenset(
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April "
    "May June July August September October November December".split()
)


def lower_first(text: str) -> str:
    """Free text put into the middle of a sentence: "Every two months, Tuesday
    mornings" becomes "every two months, Tuesday mornings". Only the first
    letter is lowered, and not when the first word is a day, a month or an
    abbreviation ("Tuesday mornings", "NHS offices")."""
    if not text:
        return text
    first = text.split(maxsplit=1)[0].strip(",.;:")
    if first in _PROPER_WORDS or (len(first) > 1 and first.isupper()):
        return text
    return text[0].lower() + text[1:]
