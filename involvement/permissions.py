"""Access: the core every app builds on, and the rules for involvement's own objects.

Every view, selector and API endpoint asks an app's `permissions` module what a
person may see or do. Staff see the organisations they hold a role in; members
see their own records and their groups' shared ones; commissioners see
aggregates only; another organisation's object does not exist for you (404).

This module holds what every app needs: who holds which role in which
organisation (read once per request), organisation scoping, platform admin,
the small-count rule, the 404-for-another-organisation fetcher (`get_or_404`,
`get_for_action`) and the action registry behind `user_can` -- plus the rules
for involvement's own objects (organisations, groups, people, memberships,
bodies, staff roles, the notification outbox).

Each app above owns the rules for its own objects in `<app>/permissions.py`
(recruitment, meetings, workplans...), built on this core, and adds its
actions to `user_can` with `register_rules`. involvement imports no other app,
at module level or inside a function (import-linter checks it).
"""

from __future__ import annotations

from collections import defaultdict

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q, QuerySet
from django.http import Http404

from .models import StaffRole

Role = StaffRole.Role

# Roles that make a person "staff" for the purposes of MFA and navigation.
STAFF_ROLES = frozenset(Role.values)
# Counts of people below this are never shown to anyone who may not see the
# people themselves (commissioners, members, panel statistics...): "fewer than 5".
SMALL_COUNT = 5


def count_shown(count: int) -> str:
    """A count of people as shown to someone who must not be able to single anyone out."""
    return f"fewer than {SMALL_COUNT}" if count < SMALL_COUNT else str(count)


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


MFA_REQUIRED_MESSAGE = (
    "Staff accounts must use two-factor authentication. Set up an authenticator app to continue."
)


def must_set_up_mfa(user, *, has_authenticator: bool | None = None) -> bool:
    """Staff may use nothing (pages, API by session or by token, a new token)
    until they set up an authenticator app, while
    settings.INVOLVE_REQUIRE_MFA_FOR_STAFF is on. `has_authenticator`, when
    known (read with the roles at the start of the request), saves asking."""
    if not settings.INVOLVE_REQUIRE_MFA_FOR_STAFF:
        return False
    if not is_staff_person(user):
        return False
    if has_authenticator is not None:
        return not has_authenticator
    return not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def get_or_404(queryset, **lookup):
    """Fetch from an already scoped queryset; anything outside it is a 404,
    and so is a key that cannot be one (a posted id that is not a number)."""
    try:
        return queryset.get(**lookup)
    except (queryset.model.DoesNotExist, ValueError, TypeError, ValidationError) as exc:
        raise Http404(f"No {queryset.model._meta.verbose_name} found") from exc


# ---------------------------------------------------------------------------
# Scoping of the core's objects. Each `*_visible_to` returns the queryset a user
# may see; each `access_*` fetches one object through it (404 outside it) and
# checks the action (403 when seen but not allowed).
# ---------------------------------------------------------------------------

MANAGE_GROUP_ROLES = frozenset({Role.COORDINATOR, Role.ORG_ADMIN})
PEOPLE_ROLES = frozenset({Role.COORDINATOR, Role.ADMIN_SUPPORT, Role.ORG_ADMIN})
DIVERSITY_ROLES = frozenset({Role.COORDINATOR})
MESSAGE_ROLES = frozenset({Role.COORDINATOR, Role.ADMIN_SUPPORT})
# Commissioners, finance and panel members see groups in aggregate only.
AGGREGATE_ROLES = frozenset(Role.values)


def person_of(user):
    """The Person record linked to a login, or None."""
    if not getattr(user, "is_authenticated", False):
        return None
    cached = getattr(user, "_involve_person", False)
    if cached is False:
        from .models import Person

        cached = Person.objects.filter(user=user).first()
        user._involve_person = cached
    return cached


def _org_ids_with(user, roles) -> set[int]:
    return organisation_ids(user, *roles)


def groups_visible_to(user) -> QuerySet:
    from .models import Group

    if is_platform_admin(user):
        return Group.objects.all()
    if not getattr(user, "is_authenticated", False):
        return Group.objects.none()
    condition = Q(organisation_id__in=_org_ids_with(user, AGGREGATE_ROLES))
    person = person_of(user)
    if person is not None:
        condition |= Q(memberships__person=person)
    return Group.objects.filter(condition).distinct()


def can_manage_group(user, group) -> bool:
    return is_platform_admin(user) or bool(
        roles_by_organisation(user).get(group.organisation_id, frozenset()) & MANAGE_GROUP_ROLES
    )


def can_see_people(user, organisation_id: int) -> bool:
    """Names, contact details and support needs of the organisation's people."""
    return is_platform_admin(user) or bool(
        roles_by_organisation(user).get(organisation_id, frozenset()) & PEOPLE_ROLES
    )


def can_see_diversity(user, organisation_id: int) -> bool:
    """Person-level diversity data, and coverage counts below five."""
    return bool(roles_by_organisation(user).get(organisation_id, frozenset()) & DIVERSITY_ROLES)


def can_merge_people(user, organisation_id: int) -> bool:
    """See the organisation's possible duplicates and join them (coordinators
    and organisation admins)."""
    return is_platform_admin(user) or bool(
        roles_by_organisation(user).get(organisation_id, frozenset())
        & {Role.COORDINATOR, Role.ORG_ADMIN}
    )


def can_message(user, organisation_id: int) -> bool:
    """See members' messages and print the post queue."""
    return is_platform_admin(user) or bool(
        roles_by_organisation(user).get(organisation_id, frozenset()) & MESSAGE_ROLES
    )


def can_manage_organisation(user, organisation_id: int) -> bool:
    """Grant roles, edit organisation settings."""
    return is_platform_admin(user) or has_role(user, Role.ORG_ADMIN, organisation_id)


def organisations_visible_to(user) -> QuerySet:
    from .models import Organisation

    if is_platform_admin(user):
        return Organisation.objects.all()
    return Organisation.objects.filter(id__in=organisation_ids(user))


def persons_visible_to(user) -> QuerySet:
    """People whose profile the user may see: themselves, and for coordinators,
    admin support and organisation admins, everyone in their organisations' groups."""
    from .models import Person

    if is_platform_admin(user):
        return Person.objects.all()
    if not getattr(user, "is_authenticated", False):
        return Person.objects.none()
    condition = Q(user=user)
    org_ids = _org_ids_with(user, PEOPLE_ROLES)
    if org_ids:
        condition |= Q(memberships__group__organisation_id__in=org_ids)
    return Person.objects.filter(condition).distinct()


def memberships_visible_to(user) -> QuerySet:
    from .models import Membership

    if is_platform_admin(user):
        return Membership.objects.all()
    if not getattr(user, "is_authenticated", False):
        return Membership.objects.none()
    from .models import Group, Person

    # Two id lists rather than joins: an OR across joined tables makes
    # PostgreSQL join every membership to its person and group first.
    condition = Q(person_id__in=Person.objects.filter(user=user).values("pk"))
    org_ids = _org_ids_with(user, PEOPLE_ROLES)
    if org_ids:
        condition |= Q(group_id__in=Group.objects.filter(organisation_id__in=org_ids).values("pk"))
    return Membership.objects.filter(condition)


def bodies_visible_to(user) -> QuerySet:
    """Decision-making bodies: staff of the organisation, and members of its groups."""
    from .models import DecisionMakingBody

    if is_platform_admin(user):
        return DecisionMakingBody.objects.all()
    if not getattr(user, "is_authenticated", False):
        return DecisionMakingBody.objects.none()
    condition = Q(organisation_id__in=organisation_ids(user))
    person = person_of(user)
    if person is not None:
        condition |= Q(organisation__groups__memberships__person=person)
    return DecisionMakingBody.objects.filter(condition).distinct()


def notifications_visible_to(user) -> QuerySet:
    from .models import Notification

    if is_platform_admin(user):
        return Notification.objects.all()
    if not getattr(user, "is_authenticated", False):
        return Notification.objects.none()
    condition = Q(recipient__user=user)
    org_ids = _org_ids_with(user, MESSAGE_ROLES)
    if org_ids:
        condition |= Q(organisation_id__in=org_ids)
    return Notification.objects.filter(condition)


_ACTION_CHECKS = {
    ("group", "view"): lambda user, obj: True,
    ("group", "manage"): can_manage_group,
    ("group", "see_people"): lambda user, obj: can_see_people(user, obj.organisation_id),
    ("person", "view"): lambda user, obj: True,
    ("membership", "view"): lambda user, obj: True,
    ("membership", "manage"): lambda user, obj: can_manage_group(user, obj.group),
    ("body", "view"): lambda user, obj: True,
    ("body", "manage"): lambda user, obj: (
        is_platform_admin(user)
        or bool(
            roles_by_organisation(user).get(obj.organisation_id, frozenset()) & MANAGE_GROUP_ROLES
        )
    ),
    ("organisation", "view"): lambda user, obj: True,
    ("organisation", "manage"): lambda user, obj: can_manage_organisation(user, obj.id),
}


def user_can(user, action: str, obj) -> bool:
    """May `user` do `action` to `obj` (already known to be visible to them)?"""
    kind = _KIND_BY_MODEL.get(type(obj).__name__)
    check = _ACTION_CHECKS.get((kind, action))
    if check is None:
        raise ValueError(f"No access rule for {action!r} on {type(obj).__name__}")
    return bool(check(user, obj))


_KIND_BY_MODEL = {
    "Group": "group",
    "Person": "person",
    "Membership": "membership",
    "DecisionMakingBody": "body",
    "Organisation": "organisation",
}


def register_rules(*, checks: dict, kinds: dict[str, str] | None = None) -> None:
    """Add an app's rules to `user_can`: `checks` maps (kind, action) to a
    check(user, obj); `kinds` maps the app's model class names to their kind.
    Each app's permissions module calls this when it is imported (its
    AppConfig.ready() imports it), so the core never imports the app. An action
    may have one rule only: a second, different one for it is an error."""
    for table, new in ((_ACTION_CHECKS, checks), (_KIND_BY_MODEL, kinds or {})):
        for key, value in new.items():
            if key in table and table[key] != value:
                raise ValueError(f"Access rule {key!r} is already registered")
        table.update(new)


def get_for_action(queryset, user, pk, action):
    """Fetch one object through a scoped queryset (404 outside it), then check
    the action on it (403 when seen but not allowed)."""
    obj = get_or_404(queryset, pk=pk)
    if not user_can(user, action, obj):
        raise PermissionDenied
    return obj


def access_group(*, user, pk, action="view"):
    return get_for_action(groups_visible_to(user).select_related("organisation"), user, pk, action)


def access_person(*, user, pk, action="view"):
    return get_for_action(persons_visible_to(user), user, pk, action)


def access_membership(*, user, pk, action="view"):
    return get_for_action(
        memberships_visible_to(user).select_related("group__organisation", "person"),
        user,
        pk,
        action,
    )


def access_body(*, user, pk, action="view"):
    return get_for_action(bodies_visible_to(user).select_related("organisation"), user, pk, action)


def access_organisation(*, user, pk, action="view"):
    return get_for_action(organisations_visible_to(user), user, pk, action)


# ---------------------------------------------------------------------------
# Groups, people and memberships (issue 3). Rules the group, profile and
# membership pages, their forms and the API need beyond the core ones above.
# ---------------------------------------------------------------------------


def organisations_managing_groups(user) -> QuerySet:
    """Organisations in which the user may create and run groups."""
    from .models import Organisation

    if is_platform_admin(user):
        return Organisation.objects.all()
    return Organisation.objects.filter(id__in=_org_ids_with(user, MANAGE_GROUP_ROLES))


def can_create_group(user) -> bool:
    return is_platform_admin(user) or bool(_org_ids_with(user, MANAGE_GROUP_ROLES))


def groups_managed_by(user) -> QuerySet:
    """Groups the user may add people to and change memberships of."""
    from .models import Group

    if is_platform_admin(user):
        return Group.objects.all()
    return Group.objects.filter(organisation_id__in=_org_ids_with(user, MANAGE_GROUP_ROLES))


def can_list_people(user) -> bool:
    """The people list: coordinators, admin support and organisation admins."""
    return is_platform_admin(user) or bool(_org_ids_with(user, PEOPLE_ROLES))


def can_add_people(user) -> bool:
    """Create a record for someone (who may have no login) and add them to a group."""
    return can_create_group(user)


def person_organisation_ids(person) -> set[int]:
    """Organisations whose groups the person is (or was) in."""
    from .models import Membership

    return set(
        Membership.objects.filter(person=person).values_list("group__organisation_id", flat=True)
    )


def is_self(user, person) -> bool:
    return bool(
        getattr(user, "is_authenticated", False)
        and person.user_id is not None
        and person.user_id == user.pk
    )


def can_see_person_diversity(user, person) -> bool:
    """Person-level diversity data: the person, and coordinators of the
    organisations whose groups they are in. Nobody else (not platform admins,
    admin support, organisation admins, panel members, commissioners, finance)."""
    if is_self(user, person):
        return True
    return can_record_diversity_for(user, person)


def can_record_diversity_for(user, person) -> bool:
    """A coordinator entering diversity data on someone's behalf (with consent)."""
    coordinator_of = _org_ids_with(user, DIVERSITY_ROLES)
    return bool(coordinator_of and coordinator_of & person_organisation_ids(person))


def can_edit_person(user, person) -> bool:
    """The person themself; staff with personal-data roles in their organisations."""
    if is_self(user, person) or is_platform_admin(user):
        return True
    people_orgs = _org_ids_with(user, PEOPLE_ROLES)
    return bool(people_orgs and people_orgs & person_organisation_ids(person))


_ACTION_CHECKS.update(
    {
        ("group", "see_exact_counts"): lambda user, obj: can_see_diversity(
            user, obj.organisation_id
        ),
        ("person", "edit"): can_edit_person,
        ("person", "see_diversity"): can_see_person_diversity,
        ("person", "record_diversity"): can_record_diversity_for,
    }
)


# ---------------------------------------------------------------------------
# Bodies, seats, organisations and roles (issue 3: bodies, organisations, homes)
# ---------------------------------------------------------------------------

MANAGE_BODY_ROLES = MANAGE_GROUP_ROLES  # coordinators and organisation admins


def can_manage_bodies(user, organisation_id: int) -> bool:
    """Create and edit the organisation's bodies, appoint and end seats."""
    return is_platform_admin(user) or bool(
        roles_by_organisation(user).get(organisation_id, frozenset()) & MANAGE_BODY_ROLES
    )


def organisations_managing_bodies(user) -> QuerySet:
    """Organisations in which the user may create bodies."""
    from .models import Organisation

    if is_platform_admin(user):
        return Organisation.objects.all()
    return Organisation.objects.filter(id__in=_org_ids_with(user, MANAGE_BODY_ROLES))


def can_see_representatives(user, organisation_id: int) -> bool:
    """Names of the members who sit on the organisation's bodies: those who may
    see its people, and members of its groups (the reps speak for them).
    Commissioners, finance and panel members see how many, not who."""
    if can_see_people(user, organisation_id):
        return True
    person = person_of(user)
    if person is None:
        return False
    return person.memberships.filter(group__organisation_id=organisation_id).exists()


def can_create_organisation(user) -> bool:
    return is_platform_admin(user)


def access_staff_role(*, user, organisation_pk, pk):
    """A role in an organisation the user manages; 404 outside their
    organisations or for a role of another organisation, 403 if they may see
    the organisation but not manage its roles."""
    organisation = access_organisation(user=user, pk=organisation_pk, action="manage")
    staff_role = get_or_404(
        StaffRole.objects.filter(organisation=organisation).select_related("user", "organisation"),
        pk=pk,
    )
    return organisation, staff_role


# ---------------------------------------------------------------------------
# Notification outbox (issue 3): members' messages, the print queue and the
# call list. Coordinators and admin support of an organisation handle its
# messages (MESSAGE_ROLES); a person reads their own.
# ---------------------------------------------------------------------------


def print_batches_visible_to(user) -> QuerySet:
    """Print batches of the organisations the user holds any role in (the
    action check then lets only MESSAGE_ROLES in)."""
    from .models import PrintBatch

    if is_platform_admin(user):
        return PrintBatch.objects.all()
    return PrintBatch.objects.filter(organisation_id__in=organisation_ids(user))


def _is_recipient(user, notification) -> bool:
    return notification.recipient.user_id is not None and notification.recipient.user_id == user.pk


def _handles_messages_of(user, notification) -> bool:
    if is_platform_admin(user):
        return True
    return notification.organisation_id is not None and can_message(
        user, notification.organisation_id
    )


_ACTION_CHECKS.update(
    {
        ("notification", "read"): _is_recipient,
        ("notification", "cancel"): _handles_messages_of,
        ("notification", "send_again"): _handles_messages_of,
        ("notification", "mark_called"): _handles_messages_of,
        ("print_batch", "print"): lambda user, obj: can_message(user, obj.organisation_id),
        ("organisation", "message"): lambda user, obj: can_message(user, obj.id),
    }
)
_KIND_BY_MODEL.update({"Notification": "notification", "PrintBatch": "print_batch"})


def can_handle_messages(user) -> bool:
    """Sees the print queue and call list of at least one organisation."""
    return is_platform_admin(user) or bool(_org_ids_with(user, MESSAGE_ROLES))


def access_notification(*, user, pk, action):
    """A message: the recipient may read it; coordinators and admin support of
    the sending organisation may cancel it or mark its call made."""
    return get_for_action(
        notifications_visible_to(user).select_related("recipient", "organisation"),
        user,
        pk,
        action,
    )


def access_print_batch(*, user, pk, action="print"):
    return get_for_action(
        print_batches_visible_to(user).select_related("organisation", "created_by", "printed_by"),
        user,
        pk,
        action,
    )


def access_person_messages(*, user, pk):
    """A person whose messages the user may list: 404 if the person is not
    visible to them, 403 if visible but the user handles nobody's messages."""
    person = get_or_404(persons_visible_to(user), pk=pk)
    if not can_handle_messages(user):
        raise PermissionDenied
    return person


# ---------------------------------------------------------------------------
# The organisation's glossary (issue 12): its staff and the members of its
# groups read it (representatives above all); coordinators and organisation
# admins (who run its bodies) add terms. Another organisation's: 404.
# ---------------------------------------------------------------------------


def glossary_organisations_visible_to(user) -> QuerySet:
    from .models import Organisation

    if is_platform_admin(user):
        return Organisation.objects.all()
    if not getattr(user, "is_authenticated", False):
        return Organisation.objects.none()
    condition = Q(id__in=organisation_ids(user))
    person = person_of(user)
    if person is not None:
        condition |= Q(id__in=person.memberships.values("group__organisation_id"))
    return Organisation.objects.filter(condition)


def access_glossary(*, user, pk, action="view"):
    organisation = get_or_404(glossary_organisations_visible_to(user), pk=pk)
    if action == "manage" and not can_manage_bodies(user, organisation.id):
        raise PermissionDenied
    return organisation
