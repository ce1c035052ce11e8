"""Reads of the organisation's audit log."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone

from ..models import AuditEntry, Organisation, User


@dataclass(frozen=True)
class AuditFilters:
    actor: int | None = None
    action: str = ""
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None


def _start_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def audit_entries_of_organisation(
    *, organisation: Organisation, filters: AuditFilters = AuditFilters()
) -> QuerySet:
    """The organisation's log, newest first, filtered; one query per page
    (the actor's name is kept on the row, so nothing is joined)."""
    entries = AuditEntry.objects.filter(organisation=organisation)
    if filters.actor is not None:
        entries = entries.filter(actor_id=filters.actor)
    if filters.action:
        entries = entries.filter(action=filters.action)
    if filters.date_from is not None:
        entries = entries.filter(at__gte=_start_of(filters.date_from))
    if filters.date_to is not None:
        entries = entries.filter(at__lt=_start_of(filters.date_to + datetime.timedelta(days=1)))
    return entries.order_by("-at", "-id")


def audit_actors_of_organisation(*, organisation: Organisation) -> list[tuple[int, str]]:
    """The people who appear in the organisation's log, for the filter."""
    actor_ids = (
        AuditEntry.objects.filter(organisation=organisation, actor__isnull=False)
        .values("actor_id")
        .distinct()
    )
    return [
        (user.pk, user.full_name or user.email)
        for user in User.objects.filter(pk__in=actor_ids).order_by("full_name", "email")
    ]
