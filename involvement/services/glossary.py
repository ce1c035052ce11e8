"""Writes for the organisation's glossary."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from ..models import GlossaryTerm, Organisation


@transaction.atomic
def glossary_term_add(*, organisation: Organisation, term: str, meaning: str) -> GlossaryTerm:
    """Add a term (or the organisation's own wording of a default one)."""
    term, meaning = term.strip(), meaning.strip()
    errors = {}
    if not term:
        errors["term"] = "Enter the term"
    elif GlossaryTerm.objects.filter(organisation=organisation, term__iexact=term).exists():
        errors["term"] = f"The glossary already has \u201c{term}\u201d"
    if not meaning:
        errors["meaning"] = "Enter what the term means, in plain English"
    if errors:
        raise ValidationError(errors)
    entry = GlossaryTerm(organisation=organisation, term=term, meaning=meaning)
    entry.full_clean(validate_constraints=False)
    entry.save()
    return entry
