"""Access: one rule, one place (ARCHITECTURE.md).

Every view, selector and API endpoint asks here what a person may see or do.
Staff see the organisations they hold a role in; members see their own records
and their groups' shared ones; commissioners see aggregates only; another
organisation's object does not exist for you (404).
"""

from __future__ import annotations

from collections import defaultdict

from django.http import Http404

from .models import StaffRole

Role = StaffRole.Role

# Roles that make a person "staff" for the purposes of MFA and navigation.
STAFF_ROLES = frozenset(Role.values)
# Roles that may see personal data of the organisation's people.
PERSONAL_DATA_ROLES = frozenset({Role.COORDINATOR, Role.ADMIN_SUPPORT, Role.ORG_ADMIN})


def roles_by_organisation(user) -> dict[int, frozenset[str]]:
    """{organisation id: roles} for this user, read once per request."""
    if not getattr(user, "is_authenticated", False):
        return {}
    cached = getattr(user, "_involve_roles", None)
    if cached is None:
        grouped: dict[int, set[str]] = defaultdict(set)
        for organisation_id, role in StaffRole.objects.filter(user=user).values_list(
            "organisation_id", "role"
        ):
            grouped[organisation_id].add(role)
        cached = {org: frozenset(roles) for org, roles in grouped.items()}
        user._involve_roles = cached
    return cached


def forget_roles(user) -> None:
    """Drop the cached roles after a change to them."""
    if hasattr(user, "_involve_roles"):
        del user._involve_roles


def all_roles(user) -> frozenset[str]:
    roles: set[str] = set()
    for organisation_roles in roles_by_organisation(user).values():
        roles |= organisation_roles
    return frozenset(roles)


def organisation_ids(user, *roles: str) -> set[int]:
    """Organisations in which the user holds any of `roles` (any role if none given)."""
    wanted = set(roles) or STAFF_ROLES
    return {org for org, held in roles_by_organisation(user).items() if held & wanted}


def has_role(user, role: str, organisation_id: int | None = None) -> bool:
    if organisation_id is None:
        return role in all_roles(user)
    return role in roles_by_organisation(user).get(organisation_id, frozenset())


def is_platform_admin(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_superuser)


def is_staff_person(user) -> bool:
    """Holds any organisation role, or is a platform admin."""
    return is_platform_admin(user) or bool(roles_by_organisation(user))


def get_or_404(queryset, **lookup):
    """Fetch from an already scoped queryset; anything outside it is a 404."""
    try:
        return queryset.get(**lookup)
    except queryset.model.DoesNotExist as exc:
        raise Http404(f"No {queryset.model._meta.verbose_name} found") from exc
