"""The decision map of an organisation: each body, what it decides, and the
work items of the organisation's current plans that feed it."""

from __future__ import annotations

from django.db.models import Prefetch

from involvement.models import DecisionMakingBody

from ..models import DecisionMapEntry, WorkItem


def decision_map(*, organisation) -> list[DecisionMakingBody]:
    return list(
        DecisionMakingBody.objects.filter(organisation=organisation)
        .prefetch_related(
            Prefetch("decision_map_entries", queryset=DecisionMapEntry.objects.order_by("topic")),
            Prefetch(
                "work_items",
                queryset=WorkItem.objects.filter(plan__status="current")
                .select_related("plan__group")
                .order_by("feed_in_by", "title"),
                to_attr="current_work_items",
            ),
        )
        .order_by("level", "name")
    )
