"""Reads for the organisation's glossary: the defaults with the
organisation's own terms on top (its wording of a default wins)."""

from __future__ import annotations

from dataclasses import dataclass

from ..glossary import DEFAULT_TERMS
from ..models import GlossaryTerm


@dataclass(frozen=True)
class Entry:
    term: str
    meaning: str
    own: bool  # added by the organisation (not one of the defaults)


def glossary_of(*, organisation_id: int) -> list[Entry]:
    own = {
        entry.term.lower(): Entry(entry.term, entry.meaning, True)
        for entry in GlossaryTerm.objects.filter(organisation_id=organisation_id)
    }
    merged = {term.lower(): Entry(term, meaning, False) for term, meaning in DEFAULT_TERMS.items()}
    merged.update(own)
    return sorted(merged.values(), key=lambda entry: entry.term.lower())
