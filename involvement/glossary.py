"""Plain English helpers for briefings: the organisation's glossary ("jargon
buster") defaults, finding its terms in a board paper's text, listing the
acronyms it lacks, and a reading-age figure for a summary.

Pure functions, no database: the services and pages call them."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Every organisation's glossary starts with these; it may add its own terms,
# or its own wording of one of these (its wording then wins).
DEFAULT_TERMS: dict[str, str] = {
    "ICB": (
        "Integrated care board: the NHS organisation that plans and pays for most health "
        "services in an area."
    ),
    "QIPP": (
        "Quality, innovation, productivity and prevention: the NHS programme for making "
        "services better while saving money."
    ),
    "Pathway": "The steps a patient goes through for a condition, from referral to care.",
    "Tariff": "The set price the NHS pays a hospital or service for a treatment.",
    "HbA1c": (
        "A blood test that shows a person's average blood sugar level over the last two to "
        "three months."
    ),
    "Commissioning": "Planning, buying and checking the health services an area needs.",
    "KPI": "Key performance indicator: a number used to check how well a service is doing.",
    "GP": "General practitioner: a family doctor.",
    "DSN": "Diabetes specialist nurse.",
    "Business case": (
        "A paper that sets out why a change is needed, what it costs and what it gains."
    ),
    "Board": "A group of senior people who make decisions for an organisation.",
    "Quorate": "Enough members are present for the meeting to make decisions.",
}

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_ACRONYM = re.compile(r"\b[A-Z][A-Z0-9]*[A-Z][A-Z0-9]*s?\b")
# Capitals that are not jargon: Roman numerals, common words in capitals.
_NOT_ACRONYMS = frozenset({"I", "II", "III", "IV", "VI", "OK", "UK", "NHS", "AM", "PM", "TV"})
_SENTENCE_END = re.compile(r"[.!?]+")


def _term_pattern(term: str) -> re.Pattern:
    # Whole words only; an acronym must match its capitals exactly.
    flags = 0 if term.isupper() else re.IGNORECASE
    return re.compile(rf"(?<![A-Za-z0-9]){re.escape(term)}s?(?![A-Za-z0-9])", flags)


def terms_found(text: str, terms) -> list[str]:
    """The glossary terms that appear in the text, in the glossary's order."""
    return [term for term in terms if _term_pattern(term).search(text or "")]


def unknown_acronyms(text: str, known) -> list[str]:
    """Acronyms in the text that the glossary does not define, in the order
    they first appear (plurals like "KPIs" count as "KPI")."""
    known_upper = {term.upper() for term in known}
    seen: list[str] = []
    for match in _ACRONYM.finditer(text or ""):
        word = match.group(0)
        if word.endswith("s") and word[:-1].isupper():
            word = word[:-1]
        if len(word) < 2 or word in _NOT_ACRONYMS or word.upper() in known_upper:
            continue
        if word not in seen:
            seen.append(word)
    return seen


def _syllables(word: str) -> int:
    word = word.lower().strip("'’-")
    if len(word) <= 3:
        return 1
    word = re.sub(r"(?:[^laeiouy]es|ed|[^laeiouy]e)$", "", word)
    word = re.sub(r"^y", "", word)
    return max(1, len(re.findall(r"[aeiouy]{1,2}", word)))


@dataclass(frozen=True)
class Readability:
    grade: float  # Flesch–Kincaid grade level
    words: int
    sentences: int

    @property
    def reading_age(self) -> int:
        """A UK reading age: US grade plus five, at least 5."""
        return max(5, round(self.grade + 5))

    @property
    def plain(self) -> bool:
        """Easy enough for most adults (a reading age of 12 or under)."""
        return self.reading_age <= 12


def readability(text: str) -> Readability | None:
    """The Flesch–Kincaid grade of the text, or None for no words.

    0.39 × (words / sentences) + 11.8 × (syllables / words) − 15.59."""
    words = _WORD.findall(text or "")
    if not words:
        return None
    sentences = max(1, len([s for s in _SENTENCE_END.split(text) if _WORD.search(s)]))
    syllables = sum(_syllables(word) for word in words)
    grade = 0.39 * (len(words) / sentences) + 11.8 * (syllables / len(words)) - 15.59
    return Readability(grade=round(grade, 1), words=len(words), sentences=sentences)
