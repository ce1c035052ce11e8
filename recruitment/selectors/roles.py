"""Reads for role descriptions, outreach channels and the signposting list."""

from __future__ import annotations

from django.db.models import Count, Prefetch, QuerySet

from involvement import permissions as core
from recruitment import permissions

from ..models import Criterion, OutreachChannel, RoleDescription, SignpostEntry


def role_description_list_visible_to(*, user) -> QuerySet:
    """Role descriptions of the organisations whose recruitment the user reads."""
    queryset = permissions.role_descriptions_visible_to(user)
    if not core.is_platform_admin(user):
        queryset = queryset.filter(
            organisation_id__in=core.organisation_ids(user, *permissions.RECRUITMENT_READ_ROLES)
        )
    return (
        queryset.select_related("organisation", "group", "body")
        .annotate(criteria_count=Count("criteria", distinct=True))
        .order_by("organisation__name", "title")
    )


def role_description_with_criteria(*, role_description: RoleDescription) -> RoleDescription:
    return (
        RoleDescription.objects.select_related("organisation", "group", "body")
        .prefetch_related(Prefetch("criteria", queryset=Criterion.objects.order_by("position")))
        .get(pk=role_description.pk)
    )


def criterion_get(*, role_description: RoleDescription, pk: int) -> Criterion:
    return core.get_or_404(role_description.criteria.all(), pk=pk)


def outreach_channels_of(*, organisation, active_only: bool = False) -> QuerySet:
    queryset = OutreachChannel.objects.filter(organisation=organisation)
    if active_only:
        queryset = queryset.filter(active=True)
    return queryset.order_by("name")


def signposts_of(*, organisation) -> QuerySet:
    return SignpostEntry.objects.filter(organisation=organisation).order_by("kind", "name")


def scoring_guide_rows(criterion: Criterion) -> list[tuple[int, str]]:
    """The guide as (score, sentence) from 0 up."""
    guide = criterion.scoring_guide or {}
    return [(point, guide.get(str(point), "")) for point in range(criterion.max_score + 1)]
