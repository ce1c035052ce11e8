"""Reads for organisations and the roles people hold in them."""

from __future__ import annotations

from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from .. import permissions
from ..models import DecisionMakingBody, Group, Organisation, StaffRole, StaffRoleChange


def _count_per_organisation(queryset, counted="pk", distinct=False):
    """A subquery counting rows of `queryset` for the outer organisation (one
    subquery per column, so the counts never multiply each other)."""
    return Coalesce(
        Subquery(
            queryset.filter(organisation=OuterRef("pk"))
            .order_by()
            .values("organisation")
            .annotate(n=Count(counted, distinct=distinct))
            .values("n"),
            output_field=IntegerField(),
        ),
        Value(0),
    )


def with_counts(organisations: QuerySet) -> QuerySet:
    return organisations.annotate(
        group_count=_count_per_organisation(Group.objects.all()),
        body_count=_count_per_organisation(DecisionMakingBody.objects.all()),
        staff_count=_count_per_organisation(StaffRole.objects.all(), "user", distinct=True),
    )


def organisation_list_visible_to(*, user) -> QuerySet:
    """Organisations a person may see (all, for a platform admin), with counts."""
    return with_counts(permissions.organisations_visible_to(user)).order_by("name")


def organisation_get_with_counts(*, organisation: Organisation) -> Organisation:
    return with_counts(Organisation.objects.filter(pk=organisation.pk)).get()


def staff_roles_of_organisation(*, organisation: Organisation) -> list[dict]:
    """The organisation's people with the roles each holds, by name."""
    people: dict[int, dict] = {}
    roles = (
        StaffRole.objects.filter(organisation=organisation)
        .select_related("user", "granted_by")
        .order_by("user__full_name", "user__email", "role")
    )
    for staff_role in roles:
        entry = people.setdefault(staff_role.user_id, {"user": staff_role.user, "roles": []})
        entry["roles"].append(staff_role)
    return list(people.values())


def role_changes_of_organisation(*, organisation: Organisation, limit: int = 20) -> QuerySet:
    return (
        StaffRoleChange.objects.filter(organisation=organisation)
        .select_related("user", "changed_by")
        .order_by("-changed_at", "-id")[:limit]
    )
