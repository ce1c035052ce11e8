"""Reads for privacy rights."""

from __future__ import annotations

from django.db.models import QuerySet

from ..models import ErasureRequest, Membership, Organisation


def erasure_requests_of_organisation(*, organisation: Organisation) -> QuerySet:
    """Requests of people who are (or were) in the organisation's groups,
    open ones first."""
    people = Membership.objects.filter(group__organisation=organisation).values("person_id")
    return (
        ErasureRequest.objects.filter(person_id__in=people)
        .select_related("person", "carried_out_by")
        .order_by("-status", "requested_at", "id")
    )
