"""Access: one rule, one place (ARCHITECTURE.md).

Every view, selector and API endpoint asks here what a person may see or do.
Staff see the organisations they hold a role in; members see their own records
and their groups' shared ones; commissioners see aggregates only; another
organisation's object does not exist for you (404).
"""

from __future__ import annotations

from collections import defaultdict

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.core.exceptions import PermissionDenied
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


def must_set_up_mfa(user) -> bool:
    """Staff may use nothing (pages, API by session or by token, a new token)
    until they set up an authenticator app, while
    settings.INVOLVE_REQUIRE_MFA_FOR_STAFF is on."""
    if not settings.INVOLVE_REQUIRE_MFA_FOR_STAFF:
        return False
    if not is_staff_person(user):
        return False
    return not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def get_or_404(queryset, **lookup):
    """Fetch from an already scoped queryset; anything outside it is a 404."""
    try:
        return queryset.get(**lookup)
    except queryset.model.DoesNotExist as exc:
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
    condition = Q(person__user=user)
    org_ids = _org_ids_with(user, PEOPLE_ROLES)
    if org_ids:
        condition |= Q(group__organisation_id__in=org_ids)
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


def _access(queryset, user, pk, action):
    obj = get_or_404(queryset, pk=pk)
    if not user_can(user, action, obj):
        raise PermissionDenied
    return obj


def access_group(*, user, pk, action="view"):
    return _access(groups_visible_to(user).select_related("organisation"), user, pk, action)


def access_person(*, user, pk, action="view"):
    return _access(persons_visible_to(user), user, pk, action)


def access_membership(*, user, pk, action="view"):
    return _access(
        memberships_visible_to(user).select_related("group__organisation", "person"),
        user,
        pk,
        action,
    )


def access_body(*, user, pk, action="view"):
    return _access(bodies_visible_to(user).select_related("organisation"), user, pk, action)


def access_organisation(*, user, pk, action="view"):
    return _access(organisations_visible_to(user), user, pk, action)


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
    return _access(
        notifications_visible_to(user).select_related("recipient", "organisation"),
        user,
        pk,
        action,
    )


def access_print_batch(*, user, pk, action="print"):
    return _access(
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
# Recruitment (issue 4: set-up and the applicant journey). Coordinators and
# organisation admins of an organisation write its role descriptions, open
# its vacancies, see its applications, keep its outreach and signposting
# lists and record enquiries. Panel members read the role descriptions and
# vacancies they review and declare their conflicts of interest. Applicants
# see their own applications only. Other staff of the organisation see that
# the pages exist (403); another organisation's recruitment is a 404.
# ---------------------------------------------------------------------------

RECRUITMENT_MANAGE_ROLES = MANAGE_GROUP_ROLES  # coordinators and organisation admins
RECRUITMENT_READ_ROLES = RECRUITMENT_MANAGE_ROLES | {Role.PANEL_MEMBER}


def can_manage_recruitment(user, organisation_id: int) -> bool:
    """Role descriptions, vacancies, applications with names, panels, enquiries."""
    return is_platform_admin(user) or bool(
        roles_by_organisation(user).get(organisation_id, frozenset()) & RECRUITMENT_MANAGE_ROLES
    )


def can_read_recruitment(user, organisation_id: int) -> bool:
    """Role descriptions and vacancies (not applicants' names): managers and panel members."""
    return is_platform_admin(user) or bool(
        roles_by_organisation(user).get(organisation_id, frozenset()) & RECRUITMENT_READ_ROLES
    )


def organisations_managing_recruitment(user) -> QuerySet:
    from .models import Organisation

    if is_platform_admin(user):
        return Organisation.objects.all()
    return Organisation.objects.filter(id__in=_org_ids_with(user, RECRUITMENT_MANAGE_ROLES))


def _sits_on_a_panel(user) -> bool:
    from recruitment.models import PanelMember

    if not getattr(user, "is_authenticated", False):
        return False
    return PanelMember.objects.filter(user=user).exists()


def can_use_recruitment(user) -> bool:
    """Sees the recruitment pages of at least one organisation: its managers and
    panel members, and anyone (an experienced service user) sitting on a panel."""
    return (
        is_platform_admin(user)
        or bool(_org_ids_with(user, RECRUITMENT_READ_ROLES))
        or _sits_on_a_panel(user)
    )


def role_descriptions_visible_to(user) -> QuerySet:
    """The organisation's staff, and panel members (staff or not) of a vacancy for the role."""
    from recruitment.models import RoleDescription

    if is_platform_admin(user):
        return RoleDescription.objects.all()
    if not getattr(user, "is_authenticated", False):
        return RoleDescription.objects.none()
    return RoleDescription.objects.filter(
        Q(organisation_id__in=organisation_ids(user)) | Q(vacancies__panel__user=user)
    ).distinct()


def vacancies_visible_to(user) -> QuerySet:
    """The organisation's staff, and the vacancy's panel members (staff or not)."""
    from recruitment.models import Vacancy

    if is_platform_admin(user):
        return Vacancy.objects.all()
    if not getattr(user, "is_authenticated", False):
        return Vacancy.objects.none()
    return Vacancy.objects.filter(
        Q(role_description__organisation_id__in=organisation_ids(user)) | Q(panel__user=user)
    ).distinct()


def applications_managed_by(user) -> QuerySet:
    """Applications with applicants' names: the organisation's coordinators and admins."""
    from recruitment.models import Application

    if is_platform_admin(user):
        return Application.objects.all()
    return Application.objects.filter(
        vacancy__role_description__organisation_id__in=_org_ids_with(user, RECRUITMENT_MANAGE_ROLES)
    )


def applications_of_applicant(user) -> QuerySet:
    """A person's own applications (whatever roles they also hold)."""
    from recruitment.models import Application

    if not getattr(user, "is_authenticated", False):
        return Application.objects.none()
    return Application.objects.filter(person__user=user)


def _is_on_panel(user, vacancy) -> bool:
    return vacancy.panel.filter(user=user).exists()


_ACTION_CHECKS.update(
    {
        ("role_description", "view"): lambda user, obj: (
            can_read_recruitment(user, obj.organisation_id)
            or obj.vacancies.filter(panel__user=user).exists()
        ),
        ("role_description", "manage"): lambda user, obj: can_manage_recruitment(
            user, obj.organisation_id
        ),
        ("vacancy", "view"): lambda user, obj: (
            can_manage_recruitment(user, obj.role_description.organisation_id)
            or _is_on_panel(user, obj)
        ),
        ("vacancy", "manage"): lambda user, obj: can_manage_recruitment(
            user, obj.role_description.organisation_id
        ),
        ("vacancy", "declare_conflicts"): _is_on_panel,
        ("organisation", "manage_recruitment"): lambda user, obj: can_manage_recruitment(
            user, obj.id
        ),
    }
)
_KIND_BY_MODEL.update({"RoleDescription": "role_description", "Vacancy": "vacancy"})


def access_role_description(*, user, pk, action="view"):
    return _access(
        role_descriptions_visible_to(user).select_related("organisation", "group", "body"),
        user,
        pk,
        action,
    )


def access_vacancy(*, user, pk, action="view"):
    return _access(
        vacancies_visible_to(user).select_related(
            "role_description__organisation", "role_description__body", "group"
        ),
        user,
        pk,
        action,
    )


def access_own_application(*, user, pk):
    """An applicant's own application; anyone else's is a 404."""
    return get_or_404(
        applications_of_applicant(user).select_related(
            "vacancy__role_description__organisation", "vacancy__group", "person"
        ),
        pk=pk,
    )


# ---------------------------------------------------------------------------
# Recruitment scoring (issue 4: scoring, moderation, shortlist, conversation,
# decision, balanced selection, audit). Panel members of a vacancy score the
# applications given to them, blind, and never one they declared a conflict
# with; they name the applicants they know before they see any application,
# and open an application only by their own opaque handle for it (issue 9).
# Coordinators of the organisation moderate, shortlist, record the
# conversation, propose and accept the selection, decide, and read the audit
# trail and statistics. Nobody else: other staff of the organisation get 403,
# another organisation's vacancy is a 404. An applicant reads the feedback
# on their own application only.
# ---------------------------------------------------------------------------

SELECTION_ROLES = frozenset({Role.COORDINATOR})


def can_decide_recruitment(user, organisation_id: int) -> bool:
    """Moderate, shortlist, select and decide: the organisation's coordinators."""
    return bool(roles_by_organisation(user).get(organisation_id, frozenset()) & SELECTION_ROLES)


def vacancies_for_scoring_visible_to(user) -> QuerySet:
    """Vacancies of the user's organisations, and any vacancy whose panel they
    sit on (a service-user reviewer may hold no organisation role)."""
    from recruitment.models import Vacancy

    if not getattr(user, "is_authenticated", False):
        return Vacancy.objects.none()
    if is_platform_admin(user):
        return Vacancy.objects.all()
    return Vacancy.objects.filter(
        Q(role_description__organisation_id__in=organisation_ids(user)) | Q(panel__user=user)
    ).distinct()


def panel_member_for(user, vacancy):
    if not getattr(user, "is_authenticated", False):
        return None
    return vacancy.panel.filter(user=user).select_related("vacancy").first()


class NameApplicantsYouKnowFirst(PermissionDenied):
    """A reviewer who has not yet named the applicants they know: they see no
    application until they have (the pages send them to do it)."""


def access_vacancy_for_scoring(*, user, pk):
    """(vacancy, panel member) for a reviewer about to see the applications
    given to them: 404 outside their organisations, 403 for someone who is not
    on this vacancy's panel, and NameApplicantsYouKnowFirst (a 403) until the
    reviewer has named the applicants they know and started scoring, so that
    no application they have seen can leave their list after they name someone."""
    vacancy = get_or_404(
        vacancies_for_scoring_visible_to(user).select_related(
            "role_description__organisation", "group"
        ),
        pk=pk,
    )
    panel_member = panel_member_for(user, vacancy)
    if panel_member is None:
        raise PermissionDenied("Only the panel for this vacancy can score its applications.")
    if panel_member.scoring_started_at is None:
        raise NameApplicantsYouKnowFirst(
            "Before you see any applications, tell us about the applicants you know."
        )
    panel_member.vacancy = vacancy
    return vacancy, panel_member


def review_allocation(panel_member) -> dict:
    """{handle: application} for the applications a reviewer may open: those
    given to them to score, less any they declared a conflict of interest
    with, each named by the reviewer's own opaque handle (recruitment.handles).
    Loaded without the applicant's person: reviewers score blind."""
    from recruitment.handles import review_handle
    from recruitment.models import Application

    allocation = (
        Application.objects.filter(
            vacancy_id=panel_member.vacancy_id, review_assignments__panel_member=panel_member
        )
        .exclude(status__in=[Application.Status.DRAFT, Application.Status.WITHDRAWN])
        .exclude(conflicts__panel_member=panel_member)
        .only("id", "reference", "status", "vacancy_id")
    )
    found = {}
    for application in allocation:
        application.handle = review_handle(panel_member, application.pk)
        found[application.handle] = application
    return found


def access_application_for_review(*, user, panel_member, handle, allocation=None):
    """One application of the reviewer's allocation, by their handle for it.
    Anything else is a 404 that says nothing about why, so no refusal ever
    pairs a reference with a conflict of interest."""
    if allocation is None:
        allocation = review_allocation(panel_member)
    application = allocation.get(handle)
    if application is None:
        raise Http404("No application found")
    return application


def access_vacancy_for_selection(*, user, pk):
    """A vacancy whose scores, selection and audit trail the user runs:
    coordinators of its organisation (others of the organisation: 403)."""
    vacancy = get_or_404(
        vacancies_visible_to(user).select_related("role_description__organisation", "group"),
        pk=pk,
    )
    if not can_decide_recruitment(user, vacancy.role_description.organisation_id):
        raise PermissionDenied
    return vacancy


def access_application_for_selection(*, user, pk):
    from recruitment.models import Application

    application = get_or_404(
        Application.objects.filter(vacancy__in=vacancies_visible_to(user)).select_related(
            "vacancy__role_description__organisation", "vacancy__group", "person"
        ),
        pk=pk,
    )
    if not can_decide_recruitment(user, application.vacancy.role_description.organisation_id):
        raise PermissionDenied
    return application


def access_application_feedback(*, user, pk):
    """The applicant's own application, for its feedback; anyone else's is a 404."""
    return access_own_application(user=user, pk=pk)


# ---------------------------------------------------------------------------
# Meetings (issue 5: scheduling, agenda, papers, invitations, attendance,
# calendar feeds). Coordinators and admin support of an organisation manage
# its meetings, venues, papers and attendance (MEETING_ROLES). Members see
# their own groups' meetings and their own invitations; representatives see
# their bodies' meetings they are invited to. Other staff (commissioners,
# finance, panel members, organisation admins) see no meeting and nobody's
# replies: 404, or 403 on a management page of their organisation. Another
# organisation's meeting or venue is a 404.
# ---------------------------------------------------------------------------

MEETING_ROLES = frozenset({Role.COORDINATOR, Role.ADMIN_SUPPORT})


def can_manage_meetings(user, organisation_id: int) -> bool:
    return is_platform_admin(user) or bool(
        roles_by_organisation(user).get(organisation_id, frozenset()) & MEETING_ROLES
    )


def can_run_meetings(user) -> bool:
    """Manages the meetings of at least one organisation."""
    return is_platform_admin(user) or bool(_org_ids_with(user, MEETING_ROLES))


def organisations_managing_meetings(user) -> QuerySet:
    from .models import Organisation

    if is_platform_admin(user):
        return Organisation.objects.all()
    return Organisation.objects.filter(id__in=_org_ids_with(user, MEETING_ROLES))


def meetings_visible_to(user) -> QuerySet:
    """Meetings of the user's organisations (meeting staff), of the groups the
    user is a member of, and any meeting they are invited to."""
    from meetings.models import Meeting

    if is_platform_admin(user):
        return Meeting.objects.all()
    if not getattr(user, "is_authenticated", False):
        return Meeting.objects.none()
    condition = Q(organisation_id__in=_org_ids_with(user, MEETING_ROLES))
    person = person_of(user)
    if person is not None:
        member_groups = person.memberships.values("group_id")
        condition |= Q(group_id__in=member_groups) | Q(
            id__in=person.invitations.values("meeting_id")
        )
    return Meeting.objects.filter(condition)


def meetings_managed_by(user) -> QuerySet:
    from meetings.models import Meeting

    if is_platform_admin(user):
        return Meeting.objects.all()
    return Meeting.objects.filter(organisation_id__in=_org_ids_with(user, MEETING_ROLES))


def venues_visible_to(user) -> QuerySet:
    """Venues: the organisation's staff (all roles may look; meeting staff edit)."""
    from meetings.models import Venue

    if is_platform_admin(user):
        return Venue.objects.all()
    return Venue.objects.filter(organisation_id__in=organisation_ids(user))


_ACTION_CHECKS.update(
    {
        ("meeting", "view"): lambda user, obj: True,
        ("meeting", "manage"): lambda user, obj: can_manage_meetings(user, obj.organisation_id),
        ("venue", "view"): lambda user, obj: can_manage_meetings(user, obj.organisation_id),
        ("venue", "manage"): lambda user, obj: can_manage_meetings(user, obj.organisation_id),
        ("organisation", "manage_meetings"): lambda user, obj: can_manage_meetings(user, obj.id),
    }
)
_KIND_BY_MODEL.update({"Meeting": "meeting", "Venue": "venue"})


def access_meeting(*, user, pk, action="view"):
    return _access(
        meetings_visible_to(user).select_related("organisation", "group", "body", "venue"),
        user,
        pk,
        action,
    )


def access_venue(*, user, pk, action="view"):
    return _access(venues_visible_to(user).select_related("organisation"), user, pk, action)


def access_paper(*, user, pk):
    """A meeting paper: whoever sees its meeting may download it; 404 otherwise."""
    from meetings.models import Paper

    return get_or_404(
        Paper.objects.filter(meeting__in=meetings_visible_to(user)).select_related(
            "meeting__organisation"
        ),
        pk=pk,
    )


def access_invitation(*, user, pk, action="reply"):
    """An invitation: the invited person replies to it; meeting staff record
    replies and attendance. Anyone else: 404."""
    from meetings.models import Invitation

    invitation = get_or_404(
        Invitation.objects.filter(meeting__in=meetings_visible_to(user)).select_related(
            "meeting__organisation", "meeting__group", "meeting__body", "person"
        ),
        pk=pk,
    )
    own = invitation.person.user_id is not None and invitation.person.user_id == user.pk
    manages = can_manage_meetings(user, invitation.meeting.organisation_id)
    if action == "reply" and own:
        return invitation
    if manages:
        return invitation
    if own:
        raise PermissionDenied
    raise Http404("No invitation found")


def access_group_meetings(*, user, pk):
    """A group whose meetings the user schedules: meeting staff of its
    organisation; others who see the group: 403; outside: 404."""
    group = access_group(user=user, pk=pk)
    if not can_manage_meetings(user, group.organisation_id):
        raise PermissionDenied
    return group


def access_attendance_history(*, user, pk):
    """A person's attendance history: the person, and meeting staff of an
    organisation whose groups they are in."""
    person = get_or_404(persons_visible_to(user), pk=pk)
    if is_self(user, person) or is_platform_admin(user):
        return person
    if _org_ids_with(user, MEETING_ROLES) & person_organisation_ids(person):
        return person
    raise PermissionDenied


# ---------------------------------------------------------------------------
# meetings: minutes (issue 5: minutes, corrections and approval, actions, the
# feedback summary, induction checklists and the reflective review).
# A meeting's minutes exist for the organisation's staff, the members of its
# group and the people invited to it; anyone else gets 404. Coordinators,
# admin support and organisation admins write minutes and actions and send
# the summary; coordinators and organisation admins approve (the chair's
# decision is recorded by them). Draft minutes sent for corrections are read
# by the people who attended, who alone may correct them. Published minutes
# are published to the members: they are read by the staff who write minutes,
# the group's members and the meeting's invitees, and by nobody else, so
# members' names in them (an action's owner, what was said) reach only those
# who may see them. Commissioners (who never see person-level data), finance
# and recruitment panel members do not read minutes through their role: 403.
# Induction checklists use the membership rules; reflective reviews are opened
# and read by the group's managers and answered by its members.
# ---------------------------------------------------------------------------

MINUTES_ROLES = frozenset({Role.COORDINATOR, Role.ADMIN_SUPPORT, Role.ORG_ADMIN})
MINUTES_APPROVE_ROLES = frozenset({Role.COORDINATOR, Role.ORG_ADMIN})


def minutes_meetings_visible_to(user) -> QuerySet:
    """Meetings whose minutes, actions and summary a user may reach."""
    from meetings.models import Meeting

    if is_platform_admin(user):
        return Meeting.objects.all()
    if not getattr(user, "is_authenticated", False):
        return Meeting.objects.none()
    condition = Q(organisation_id__in=organisation_ids(user))
    person = person_of(user)
    if person is not None:
        condition |= Q(group__memberships__person=person) | Q(invitations__person=person)
    return Meeting.objects.filter(pk__in=Meeting.objects.filter(condition).values("pk"))


def can_write_minutes(user, meeting) -> bool:
    return is_platform_admin(user) or bool(
        roles_by_organisation(user).get(meeting.organisation_id, frozenset()) & MINUTES_ROLES
    )


def can_approve_minutes(user, meeting) -> bool:
    return is_platform_admin(user) or bool(
        roles_by_organisation(user).get(meeting.organisation_id, frozenset())
        & MINUTES_APPROVE_ROLES
    )


def attended(user, meeting) -> bool:
    person = person_of(user)
    return person is not None and meeting.invitations.filter(person=person, attended=True).exists()


def can_correct_minutes(user, meeting, minutes) -> bool:
    """Only the people who came, while the draft is out for corrections."""
    from meetings.models import Minutes

    return (
        minutes is not None
        and minutes.status == Minutes.Status.CIRCULATED
        and attended(user, meeting)
    )


def is_member_or_invitee(user, meeting) -> bool:
    """A member of the meeting's group (now or before), or invited to it."""
    person = person_of(user)
    if person is None:
        return False
    return (
        meeting.group_id is not None and meeting.group.memberships.filter(person=person).exists()
    ) or meeting.invitations.filter(person=person).exists()


def can_read_minutes(user, meeting, minutes) -> bool:
    from meetings.models import Minutes

    if can_write_minutes(user, meeting):
        return True
    if minutes is None or minutes.status == Minutes.Status.DRAFT:
        return False
    if minutes.status == Minutes.Status.PUBLISHED:
        return is_member_or_invitee(user, meeting)
    return attended(user, meeting)


def can_read_summary(user, meeting, minutes) -> bool:
    """The feedback summary (and its PDF): those who write minutes, and the
    group's members and the meeting's invitees once the draft has gone out."""
    from meetings.services.summary import READY

    if can_write_minutes(user, meeting):
        return True
    if minutes is None or minutes.status not in READY:
        return False
    person = person_of(user)
    if person is None:
        return False
    return (
        meeting.group_id is not None and meeting.group.memberships.filter(person=person).exists()
    ) or meeting.invitations.filter(person=person).exists()


def can_see_group_actions(user, group) -> bool:
    """The group's managers and staff who write minutes, and its members."""
    if is_platform_admin(user) or (
        roles_by_organisation(user).get(group.organisation_id, frozenset()) & MINUTES_ROLES
    ):
        return True
    person = person_of(user)
    return person is not None and group.memberships.filter(person=person).exists()


def access_minutes_meeting(*, user, pk, action="read"):
    """A meeting for its minutes pages: 404 outside scope, 403 when the action
    ("read", "write", "approve", "correct") is not allowed."""
    meeting = get_or_404(
        minutes_meetings_visible_to(user).select_related("group", "body", "organisation"), pk=pk
    )
    minutes = getattr(meeting, "minutes", None)
    checks = {
        "read": lambda: can_read_minutes(user, meeting, minutes),
        "write": lambda: can_write_minutes(user, meeting),
        "approve": lambda: can_approve_minutes(user, meeting),
        "correct": lambda: can_correct_minutes(user, meeting, minutes),
        "summary": lambda: can_read_summary(user, meeting, minutes),
    }
    if not checks[action]():
        raise PermissionDenied
    return meeting


def access_action(*, user, pk):
    """An action, for the people who write minutes of its meeting."""
    from meetings.models import Action

    action = get_or_404(
        Action.objects.filter(meeting__in=minutes_meetings_visible_to(user)).select_related(
            "meeting__group", "meeting__organisation"
        ),
        pk=pk,
    )
    if not can_write_minutes(user, action.meeting):
        raise PermissionDenied
    return action


def reflective_reviews_visible_to(user) -> QuerySet:
    from meetings.models import ReflectiveReview

    return ReflectiveReview.objects.filter(group__in=groups_visible_to(user))


def can_answer_review(user, review) -> bool:
    person = person_of(user)
    return person is not None and review.group.memberships.filter(person=person).exists()


def access_reflective_review(*, user, pk, action="results"):
    """ "results" and "enter" for the group's managers; "answer" for its members
    (managers may also answer for a member, as "enter")."""
    review = get_or_404(
        reflective_reviews_visible_to(user).select_related("group__organisation"), pk=pk
    )
    manager = can_manage_group(user, review.group)
    allowed = (
        manager if action in ("results", "enter") else manager or can_answer_review(user, review)
    )
    if not allowed:
        raise PermissionDenied
    return review


# ---------------------------------------------------------------------------
# Workplans (issue 5: priority exercise, decision map, work plan, "you said").
# Coordinators and organisation admins of the organisation manage them.
# Members of a group (not those who have left) see its exercises, plan and the
# organisation's decision map, and active or inducted members propose and
# vote. Commissioners see plans, "you said" items and the decision map, which
# carry no personal data, but not exercises (who proposed and voted). Other
# staff of the organisation see the decision map only (403 elsewhere); another
# organisation's group, plan or map is a 404.
# ---------------------------------------------------------------------------

WORKPLAN_MANAGE_ROLES = MANAGE_GROUP_ROLES  # coordinators and organisation admins
WORKPLAN_READ_ROLES = WORKPLAN_MANAGE_ROLES | {Role.COMMISSIONER}


def _membership_status(user, group_id: int) -> str | None:
    """The user's membership status in a group, or None (read once per request)."""
    person = person_of(user)
    if person is None:
        return None
    cache = getattr(user, "_involve_group_status", None)
    if cache is None:
        from .models import Membership

        cache = dict(Membership.objects.filter(person=person).values_list("group_id", "status"))
        user._involve_group_status = cache
    return cache.get(group_id)


def is_group_member(user, group) -> bool:
    """A member of the group who has not left."""
    status = _membership_status(user, group.pk)
    return status is not None and status != "left"


def can_take_part_in_exercise(user, group) -> bool:
    """Propose and vote: inducted and active members of the group."""
    return _membership_status(user, group.pk) in {"inducted", "active"}


def can_manage_workplans(user, organisation_id: int) -> bool:
    return is_platform_admin(user) or bool(
        roles_by_organisation(user).get(organisation_id, frozenset()) & WORKPLAN_MANAGE_ROLES
    )


def can_read_work_plan(user, group) -> bool:
    """The plan, its versions and reviews, and the group's "you said" items."""
    return (
        is_platform_admin(user)
        or bool(
            roles_by_organisation(user).get(group.organisation_id, frozenset())
            & WORKPLAN_READ_ROLES
        )
        or is_group_member(user, group)
    )


def can_see_exercise(user, group) -> bool:
    """Proposals carry who made them: managers and the group's members."""
    return can_manage_workplans(user, group.organisation_id) or is_group_member(user, group)


def can_see_decision_map(user, organisation_id: int) -> bool:
    """Anyone with a role in the organisation, and members of its groups."""
    if is_platform_admin(user) or organisation_id in roles_by_organisation(user):
        return True
    person = person_of(user)
    return person is not None and any(
        status != "left"
        for status in person.memberships.filter(group__organisation_id=organisation_id).values_list(
            "status", flat=True
        )
    )


def workplan_groups_visible_to(user) -> QuerySet:
    """Groups whose work-plan pages the user may reach (then the action decides)."""
    return groups_visible_to(user)


_ACTION_CHECKS.update(
    {
        ("group", "read_work_plan"): can_read_work_plan,
        ("group", "see_exercise"): can_see_exercise,
        ("group", "manage_workplans"): lambda user, obj: can_manage_workplans(
            user, obj.organisation_id
        ),
        ("organisation", "see_decision_map"): lambda user, obj: can_see_decision_map(user, obj.id),
        ("organisation", "manage_workplans"): lambda user, obj: can_manage_workplans(user, obj.id),
    }
)


def access_workplan_group(*, user, pk, action="read_work_plan"):
    """A group for its work-plan pages: 404 outside the user's organisations
    and groups, 403 when seen but the action is not theirs."""
    return _access(
        workplan_groups_visible_to(user).select_related("organisation"), user, pk, action
    )


def _access_in_group(queryset, *, user, pk, action, group_path):
    """An object of a group's work-plan pages, fetched through the groups the
    user may see (404 outside them), then the action checked on its group."""
    obj = get_or_404(
        queryset.filter(**{f"{group_path}__in": workplan_groups_visible_to(user)}), pk=pk
    )
    group = obj
    for part in group_path.split("__"):
        group = getattr(group, part)
    if not user_can(user, action, group):
        raise PermissionDenied
    return obj


def access_exercise(*, user, pk, action="see_exercise"):
    from workplans.models import PriorityExercise

    return _access_in_group(
        PriorityExercise.objects.select_related("group__organisation"),
        user=user,
        pk=pk,
        action=action,
        group_path="group",
    )


def access_work_plan(*, user, pk, action="read_work_plan"):
    from workplans.models import WorkPlan

    return _access_in_group(
        WorkPlan.objects.select_related("group__organisation", "exercise"),
        user=user,
        pk=pk,
        action=action,
        group_path="group",
    )


def access_work_item(*, user, pk, action="manage_workplans"):
    from workplans.models import WorkItem

    return _access_in_group(
        WorkItem.objects.select_related("plan__group__organisation", "body"),
        user=user,
        pk=pk,
        action=action,
        group_path="plan__group",
    )


def access_meeting_for_feedback(*, user, pk):
    """A group's meeting, to capture what members said at it: the
    organisation's coordinators and admins (404 outside the user's groups)."""
    from meetings.models import Meeting

    return _access_in_group(
        Meeting.objects.filter(group__isnull=False).select_related("group__organisation"),
        user=user,
        pk=pk,
        action="manage_workplans",
        group_path="group",
    )


def access_decision_map(*, user, pk, action="see_decision_map"):
    return _access(organisations_visible_to_for_map(user), user, pk, action)


def organisations_visible_to_for_map(user) -> QuerySet:
    """Organisations the user has a role in, or whose groups they belong to."""
    from .models import Organisation

    if is_platform_admin(user):
        return Organisation.objects.all()
    if not getattr(user, "is_authenticated", False):
        return Organisation.objects.none()
    condition = Q(id__in=organisation_ids(user))
    person = person_of(user)
    if person is not None:
        condition |= Q(groups__memberships__person=person)
    return Organisation.objects.filter(condition).distinct()


# ---------------------------------------------------------------------------
# expenses: approval and payment (issue 6). Coordinators and organisation
# admins of an organisation approve, query and reject its submitted claims
# (organisation admins because overdue claims are escalated to them); admin
# support do not decide on money. Finance of the organisation marks approved
# claims paid and exports payment runs. Prompt-payment figures: approvers and
# finance. Budgets: coordinators, organisation admins and finance read and set
# them. Nobody approves their own claim (checked again in the service). Other
# staff of the organisation get 403; another organisation's claim, receipt or
# payment run is a 404.
# ---------------------------------------------------------------------------

EXPENSE_APPROVER_ROLES = frozenset({Role.COORDINATOR, Role.ORG_ADMIN})
EXPENSE_FINANCE_ROLES = frozenset({Role.FINANCE})
EXPENSE_FIGURES_ROLES = EXPENSE_APPROVER_ROLES | EXPENSE_FINANCE_ROLES
EXPENSE_BUDGET_ROLES = EXPENSE_APPROVER_ROLES | EXPENSE_FINANCE_ROLES


def _has_expense_role(user, organisation_id: int, roles) -> bool:
    return is_platform_admin(user) or bool(
        roles_by_organisation(user).get(organisation_id, frozenset()) & roles
    )


def can_approve_claims(user, organisation_id: int) -> bool:
    return _has_expense_role(user, organisation_id, EXPENSE_APPROVER_ROLES)


def can_pay_claims(user, organisation_id: int) -> bool:
    return _has_expense_role(user, organisation_id, EXPENSE_FINANCE_ROLES)


def can_see_expense_figures(user, organisation_id: int) -> bool:
    return _has_expense_role(user, organisation_id, EXPENSE_FIGURES_ROLES)


def can_manage_budgets(user, organisation_id: int) -> bool:
    return _has_expense_role(user, organisation_id, EXPENSE_BUDGET_ROLES)


def organisations_with_expense_role(user, roles) -> QuerySet:
    from .models import Organisation

    if is_platform_admin(user):
        return Organisation.objects.all().order_by("name")
    return Organisation.objects.filter(id__in=_org_ids_with(user, roles)).order_by("name")


def organisations_approving_claims(user) -> QuerySet:
    return organisations_with_expense_role(user, EXPENSE_APPROVER_ROLES)


def organisations_paying_claims(user) -> QuerySet:
    return organisations_with_expense_role(user, EXPENSE_FINANCE_ROLES)


def organisations_with_expense_figures(user) -> QuerySet:
    return organisations_with_expense_role(user, EXPENSE_FIGURES_ROLES)


def organisations_with_budgets(user) -> QuerySet:
    return organisations_with_expense_role(user, EXPENSE_BUDGET_ROLES)


def claims_visible_to_staff(user) -> QuerySet:
    """Claims of the organisations the user has any staff role in (so other
    staff of the organisation get 403 on an action, another organisation 404)."""
    from meetings.models import ExpenseClaim

    if is_platform_admin(user):
        return ExpenseClaim.objects.all()
    if not getattr(user, "is_authenticated", False):
        return ExpenseClaim.objects.none()
    return ExpenseClaim.objects.filter(organisation_id__in=organisation_ids(user))


def access_claim_for_approval(*, user, pk):
    """A submitted (or decided) claim to approve, query or reject."""
    claim = get_or_404(
        claims_visible_to_staff(user).select_related(
            "organisation", "person", "meeting", "group", "approved_by"
        ),
        pk=pk,
    )
    if not can_approve_claims(user, claim.organisation_id):
        raise PermissionDenied
    return claim


def access_receipt_for_staff(*, user, pk):
    """A receipt, for the approvers and finance of the claim's organisation."""
    from meetings.models import Receipt

    receipt = get_or_404(
        Receipt.objects.filter(line__claim__in=claims_visible_to_staff(user)).select_related(
            "line__claim"
        ),
        pk=pk,
    )
    organisation_id = receipt.line.claim.organisation_id
    if not (can_approve_claims(user, organisation_id) or can_pay_claims(user, organisation_id)):
        raise PermissionDenied
    return receipt


def payment_runs_visible_to(user) -> QuerySet:
    from meetings.models import PaymentRun

    if is_platform_admin(user):
        return PaymentRun.objects.all()
    return PaymentRun.objects.filter(organisation_id__in=organisation_ids(user))


def access_payment_run(*, user, pk):
    run = get_or_404(payment_runs_visible_to(user).select_related("organisation"), pk=pk)
    if not can_pay_claims(user, run.organisation_id):
        raise PermissionDenied
    return run


def access_expense_organisation(*, user, pk, check):
    """An organisation of the user's for an expenses page; `check` is one of
    the can_* predicates above (403 when it says no, 404 outside the user's
    organisations)."""
    organisation = get_or_404(organisations_visible_to(user), pk=pk)
    if not check(user, organisation.pk):
        raise PermissionDenied
    return organisation


def can_use_expense_admin(user, roles) -> bool:
    return is_platform_admin(user) or bool(_org_ids_with(user, roles))


# ---------------------------------------------------------------------------
# expenses: claims (issue 6: the claimant side and the payment policy).
# A claimant sees their own claims. Coordinators, admin support and finance of
# the organisation see its claims; coordinators and admin support enter paper
# claims for people who do not use the web. Receipts are served only to the
# claimant, and to coordinators and finance of that organisation (admin
# support sees the claim but not its receipts: 403). The organisation admin
# edits the payment policy (other staff of the organisation: 403). Another
# organisation's claim, receipt or policy is a 404.
# ---------------------------------------------------------------------------

CLAIM_STAFF_ROLES = frozenset({Role.COORDINATOR, Role.ADMIN_SUPPORT, Role.FINANCE})
CLAIM_ENTRY_ROLES = frozenset({Role.COORDINATOR, Role.ADMIN_SUPPORT})
RECEIPT_STAFF_ROLES = frozenset({Role.COORDINATOR, Role.FINANCE})
POLICY_ROLES = frozenset({Role.ORG_ADMIN})


def _holds(user, organisation_id: int, roles) -> bool:
    return is_platform_admin(user) or bool(
        roles_by_organisation(user).get(organisation_id, frozenset()) & roles
    )


def claims_visible_to(user) -> QuerySet:
    """The user's own claims and the claims of organisations whose claims they handle."""
    from meetings.models import ExpenseClaim

    if is_platform_admin(user):
        return ExpenseClaim.objects.all()
    if not getattr(user, "is_authenticated", False):
        return ExpenseClaim.objects.none()
    condition = Q(organisation_id__in=_org_ids_with(user, CLAIM_STAFF_ROLES))
    person = person_of(user)
    if person is not None:
        condition |= Q(person=person)
    return ExpenseClaim.objects.filter(condition)


def is_own_claim(user, claim) -> bool:
    person = person_of(user)
    return person is not None and claim.person_id == person.pk


def can_enter_claims(user, organisation_id: int) -> bool:
    return _holds(user, organisation_id, CLAIM_ENTRY_ROLES)


def can_enter_paper_claims(user) -> bool:
    return is_platform_admin(user) or bool(_org_ids_with(user, CLAIM_ENTRY_ROLES))


def can_edit_claim(user, claim) -> bool:
    """The claimant, or a coordinator or admin support entering it for them."""
    return is_own_claim(user, claim) or can_enter_claims(user, claim.organisation_id)


def can_see_receipts(user, claim) -> bool:
    return is_own_claim(user, claim) or _holds(user, claim.organisation_id, RECEIPT_STAFF_ROLES)


def can_edit_payment_policy(user, organisation_id: int) -> bool:
    return _holds(user, organisation_id, POLICY_ROLES)


_ACTION_CHECKS.update(
    {
        ("claim", "view"): lambda user, obj: True,
        ("claim", "edit"): can_edit_claim,
        ("claim", "receipts"): can_see_receipts,
    }
)
_KIND_BY_MODEL.update({"ExpenseClaim": "claim"})


def access_claim(*, user, pk, action="view", by="public_id"):
    """A claim by its public id (or pk with by="pk"): 404 outside the user's
    claims, 403 when seen but the action is not theirs."""
    claim = get_or_404(
        claims_visible_to(user).select_related(
            "organisation", "person", "meeting__group", "meeting__body", "group", "entered_by"
        ),
        **{by: pk},
    )
    if not user_can(user, action, claim):
        raise PermissionDenied
    return claim


def access_receipt(*, user, pk):
    from meetings.models import Receipt

    receipt = get_or_404(
        Receipt.objects.filter(line__claim__in=claims_visible_to(user)).select_related(
            "line__claim"
        ),
        pk=pk,
    )
    if not can_see_receipts(user, receipt.line.claim):
        raise PermissionDenied
    return receipt


def access_claim_line(*, user, pk):
    from meetings.models import ClaimLine

    line = get_or_404(
        ClaimLine.objects.filter(claim__in=claims_visible_to(user)).select_related(
            "claim__organisation"
        ),
        pk=pk,
    )
    if not can_edit_claim(user, line.claim):
        raise PermissionDenied
    return line


def access_invitation_for_claim(*, user, pk):
    """An attended meeting's invitation, for a paper claim or the printable
    form: the invited person, and coordinators and admin support of the
    organisation. Anyone else: 404."""
    from meetings.models import Invitation

    invitation = get_or_404(
        Invitation.objects.select_related(
            "meeting__organisation", "meeting__group", "meeting__body", "person"
        ),
        pk=pk,
    )
    own = invitation.person.user_id is not None and invitation.person.user_id == user.pk
    if own or can_enter_claims(user, invitation.meeting.organisation_id):
        return invitation
    raise Http404("No invitation found")


def access_payment_policy_organisation(*, user, pk):
    """An organisation whose payment policy the user edits: its admin; other
    staff of the organisation: 403; anyone else: 404."""
    organisation = get_or_404(organisations_visible_to(user), pk=pk)
    if not can_edit_payment_policy(user, organisation.pk):
        if organisation.pk in organisation_ids(user):
            raise PermissionDenied
        raise Http404("No organisation found")
    return organisation


def organisations_editing_policy(user) -> QuerySet:
    from .models import Organisation

    if is_platform_admin(user):
        return Organisation.objects.all()
    return Organisation.objects.filter(id__in=_org_ids_with(user, POLICY_ROLES))
