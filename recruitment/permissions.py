"""Access rules for recruitment's own objects: role descriptions, vacancies,
applications, panels and scoring, built on the core (involvement.permissions).

Views, selectors and the API of recruitment ask here; the core's rules (roles
per organisation, groups, people, the 404 fetcher) come from
involvement.permissions. Recruitment's actions join `user_can` through
`register_rules`, when RecruitmentConfig.ready() imports this module.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from involvement.models import Organisation
from involvement.permissions import (
    MANAGE_GROUP_ROLES,
    Role,
    get_for_action,
    get_or_404,
    is_platform_admin,
    organisation_ids,
    register_rules,
    roles_by_organisation,
)
from recruitment.handles import review_handle
from recruitment.models import Application, PanelMember, RoleDescription, Vacancy

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
    if is_platform_admin(user):
        return Organisation.objects.all()
    return Organisation.objects.filter(id__in=organisation_ids(user, *RECRUITMENT_MANAGE_ROLES))


def _sits_on_a_panel(user) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return PanelMember.objects.filter(user=user).exists()


def can_use_recruitment(user) -> bool:
    """Sees the recruitment pages of at least one organisation: its managers and
    panel members, and anyone (an experienced service user) sitting on a panel."""
    return (
        is_platform_admin(user)
        or bool(organisation_ids(user, *RECRUITMENT_READ_ROLES))
        or _sits_on_a_panel(user)
    )


def role_descriptions_visible_to(user) -> QuerySet:
    """The organisation's staff, and panel members (staff or not) of a vacancy for the role."""
    if is_platform_admin(user):
        return RoleDescription.objects.all()
    if not getattr(user, "is_authenticated", False):
        return RoleDescription.objects.none()
    return RoleDescription.objects.filter(
        Q(organisation_id__in=organisation_ids(user)) | Q(vacancies__panel__user=user)
    ).distinct()


def vacancies_visible_to(user) -> QuerySet:
    """The organisation's staff, and the vacancy's panel members (staff or not)."""
    if is_platform_admin(user):
        return Vacancy.objects.all()
    if not getattr(user, "is_authenticated", False):
        return Vacancy.objects.none()
    return Vacancy.objects.filter(
        Q(role_description__organisation_id__in=organisation_ids(user)) | Q(panel__user=user)
    ).distinct()


def applications_managed_by(user) -> QuerySet:
    """Applications with applicants' names: the organisation's coordinators and admins."""
    if is_platform_admin(user):
        return Application.objects.all()
    return Application.objects.filter(
        vacancy__role_description__organisation_id__in=organisation_ids(
            user, *RECRUITMENT_MANAGE_ROLES
        )
    )


def applications_of_applicant(user) -> QuerySet:
    """A person's own applications (whatever roles they also hold)."""
    if not getattr(user, "is_authenticated", False):
        return Application.objects.none()
    return Application.objects.filter(person__user=user)


def _is_on_panel(user, vacancy) -> bool:
    return vacancy.panel.filter(user=user).exists()


register_rules(
    checks={
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
    },
    kinds={"RoleDescription": "role_description", "Vacancy": "vacancy"},
)


def access_role_description(*, user, pk, action="view"):
    return get_for_action(
        role_descriptions_visible_to(user).select_related("organisation", "group", "body"),
        user,
        pk,
        action,
    )


def access_vacancy(*, user, pk, action="view"):
    return get_for_action(
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
