"""Writes for venues."""

from __future__ import annotations

from django.db import transaction

from involvement.models import Organisation

from ..models import Venue

VENUE_FIELDS = (
    "name",
    "address",
    "postcode",
    "step_free",
    "hearing_loop",
    "accessible_toilet",
    "parking",
    "public_transport",
    "map_url",
)


@transaction.atomic
def venue_create(*, organisation: Organisation, **fields) -> Venue:
    venue = Venue(
        organisation=organisation, **{k: v for k, v in fields.items() if k in VENUE_FIELDS}
    )
    venue.full_clean()
    venue.save()
    return venue


@transaction.atomic
def venue_update(*, venue: Venue, **fields) -> Venue:
    for name, value in fields.items():
        if name in VENUE_FIELDS:
            setattr(venue, name, value)
    venue.full_clean()
    venue.save()
    return venue
