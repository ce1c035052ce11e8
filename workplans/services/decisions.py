"""The decision map: topics each decision-making body decides."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from involvement.models import DecisionMakingBody, Organisation

from ..models import DecisionMapEntry


@transaction.atomic
def decision_entry_create(
    *,
    organisation: Organisation,
    body: DecisionMakingBody,
    topic: str,
    how_to_feed_in: str = "",
    papers_due_days: int = 10,
) -> DecisionMapEntry:
    if body.organisation_id != organisation.pk:
        raise ValidationError({"body": "Choose one of the organisation's decision-making bodies"})
    topic = topic.strip()
    if DecisionMapEntry.objects.filter(body=body, topic__iexact=topic).exists():
        raise ValidationError({"topic": f"{body} already has this topic on the map"})
    entry = DecisionMapEntry(
        body=body, topic=topic, how_to_feed_in=how_to_feed_in, papers_due_days=papers_due_days
    )
    entry.full_clean()
    entry.save()
    return entry


@transaction.atomic
def decision_entry_delete(*, entry: DecisionMapEntry) -> None:
    entry.delete()
