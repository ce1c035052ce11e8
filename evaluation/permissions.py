"""Access rules for evaluation's own objects (objectives, success measures,
readings) and its dashboards. Built on the core (involvement.permissions).

Coordinators and organisation admins of an organisation set its objectives
and measures and enter readings. The dashboards and the objectives and
measures (which carry no personal data) are read by them and by the
organisation's commissioners; a commissioner sees counts of people only
through the small-count rule (`exact_counts` is False for them). Other staff
of the organisation (admin support, finance, panel members) get 403; another
organisation's objective or dashboard is a 404.

The actions join `user_can` through `register_rules`, when
EvaluationConfig.ready() imports this module.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet

from involvement.models import Group, Organisation
from involvement.permissions import (
    MANAGE_GROUP_ROLES,
    Role,
    can_manage_organisation,
    can_see_diversity,
    get_for_action,
    get_or_404,
    is_platform_admin,
    organisation_ids,
    person_of,
    register_rules,
    roles_by_organisation,
    user_can,
)

from .models import ImpactRecord, Objective, Region, RegionGrant, SuccessMeasure, SurveyRound

EVALUATION_MANAGE_ROLES = MANAGE_GROUP_ROLES  # coordinators and organisation admins
DASHBOARD_ROLES = EVALUATION_MANAGE_ROLES | {Role.COMMISSIONER}


def _roles_in(user, organisation_id: int) -> frozenset[str]:
    return roles_by_organisation(user).get(organisation_id, frozenset())


def can_manage_evaluation(user, organisation_id: int) -> bool:
    """Set objectives and measures, enter readings."""
    return is_platform_admin(user) or bool(
        _roles_in(user, organisation_id) & EVALUATION_MANAGE_ROLES
    )


def can_see_dashboard(user, organisation_id: int) -> bool:
    """The organisation's dashboard, objectives and measures."""
    return is_platform_admin(user) or bool(_roles_in(user, organisation_id) & DASHBOARD_ROLES)


def exact_counts(user, organisation_id: int) -> bool:
    """Counts of people below five shown as they are: only to the
    organisation's coordinators (who may see the people themselves). Everyone
    else -- organisation admins and platform admins included, commissioners
    above all -- sees "fewer than 5"."""
    return can_see_diversity(user, organisation_id)


def evaluation_organisations(user) -> QuerySet:
    """Organisations whose dashboards the user may open."""
    if is_platform_admin(user):
        return Organisation.objects.all()
    return Organisation.objects.filter(id__in=organisation_ids(user, *DASHBOARD_ROLES))


def organisations_visible_for_evaluation(user) -> QuerySet:
    """Organisations the user holds any role in (then the action decides)."""
    if is_platform_admin(user):
        return Organisation.objects.all()
    return Organisation.objects.filter(id__in=organisation_ids(user))


def groups_visible_for_evaluation(user) -> QuerySet:
    """Groups of the organisations the user holds any role in (then the action decides)."""
    if is_platform_admin(user):
        return Group.objects.all()
    return Group.objects.filter(organisation_id__in=organisation_ids(user))


def access_group_dashboard(*, user, pk, action="see_dashboard"):
    """A group, for its dashboard: 404 outside the user's organisations,
    403 without the action."""
    return get_for_action(
        groups_visible_for_evaluation(user).select_related("organisation"), user, pk, action
    )


def objectives_visible_to(user) -> QuerySet:
    if is_platform_admin(user):
        return Objective.objects.all()
    return Objective.objects.filter(organisation_id__in=organisation_ids(user))


register_rules(
    checks={
        ("organisation", "see_dashboard"): lambda user, obj: can_see_dashboard(user, obj.id),
        ("organisation", "manage_evaluation"): lambda user, obj: can_manage_evaluation(
            user, obj.id
        ),
        ("group", "see_dashboard"): lambda user, obj: can_see_dashboard(user, obj.organisation_id),
        ("group", "manage_evaluation"): lambda user, obj: can_manage_evaluation(
            user, obj.organisation_id
        ),
        ("objective", "view"): lambda user, obj: can_see_dashboard(user, obj.organisation_id),
        ("objective", "manage"): lambda user, obj: can_manage_evaluation(user, obj.organisation_id),
        ("impact_record", "view"): lambda user, obj: can_see_dashboard(user, obj.organisation_id),
        ("impact_record", "manage"): lambda user, obj: can_manage_evaluation(
            user, obj.organisation_id
        ),
    },
    kinds={"Objective": "objective", "ImpactRecord": "impact_record"},
)


def access_evaluation_organisation(*, user, pk, action="see_dashboard"):
    """404 outside the user's organisations, 403 without the action."""
    return get_for_action(organisations_visible_for_evaluation(user), user, pk, action)


def access_objective(*, user, pk, action="view"):
    return get_for_action(
        objectives_visible_to(user).select_related("organisation", "group"), user, pk, action
    )


def access_measure(*, user, pk, action="view"):
    """A measure, through its objective's rule."""
    measure = get_or_404(
        SuccessMeasure.objects.filter(objective__in=objectives_visible_to(user)).select_related(
            "objective__organisation", "objective__group"
        ),
        pk=pk,
    )
    if not user_can(user, action, measure.objective):
        raise PermissionDenied
    return measure


def impact_records_visible_to(user) -> QuerySet:
    if is_platform_admin(user):
        return ImpactRecord.objects.all()
    return ImpactRecord.objects.filter(organisation_id__in=organisation_ids(user))


def access_evidence(*, user, pk, action="view"):
    """An evidence file, through its impact record's rule."""
    from .models import ImpactEvidence

    evidence = get_or_404(
        ImpactEvidence.objects.filter(record__in=impact_records_visible_to(user)).select_related(
            "record__organisation", "record__group"
        ),
        pk=pk,
    )
    if not user_can(user, action, evidence.record):
        raise PermissionDenied
    return evidence


def access_impact_record(*, user, pk, action="view"):
    return get_for_action(
        impact_records_visible_to(user).select_related("organisation", "group"), user, pk, action
    )


# ---------------------------------------------------------------------------
# The involvement score survey. Staff of the organisation (any role) answer as
# staff; members of its groups (not those who have left) as service users.
# Scores are read like the dashboard; rounds and paper answers are managed by
# coordinators and organisation admins.
# ---------------------------------------------------------------------------


def respondent_kind(user, organisation_id: int) -> str | None:
    """How the user answers the organisation's survey: "staff", "service_user" or None."""
    if organisation_id in roles_by_organisation(user):
        return "staff"
    person = person_of(user)
    if person is not None and (
        person.memberships.filter(group__organisation_id=organisation_id)
        .exclude(status="left")
        .exists()
    ):
        return "service_user"
    return None


def survey_rounds_visible_to(user) -> QuerySet:
    if is_platform_admin(user):
        return SurveyRound.objects.all()
    if not getattr(user, "is_authenticated", False):
        return SurveyRound.objects.none()
    condition = Q(organisation_id__in=organisation_ids(user))
    person = person_of(user)
    if person is not None:
        member_orgs = person.memberships.exclude(status="left").values_list(
            "group__organisation_id", flat=True
        )
        condition |= Q(organisation_id__in=list(member_orgs))
    return SurveyRound.objects.filter(condition)


register_rules(
    checks={
        ("survey_round", "view"): lambda user, obj: can_see_dashboard(user, obj.organisation_id),
        ("survey_round", "manage"): lambda user, obj: can_manage_evaluation(
            user, obj.organisation_id
        ),
        ("survey_round", "answer"): lambda user, obj: (
            respondent_kind(user, obj.organisation_id) is not None
        ),
    },
    kinds={"SurveyRound": "survey_round"},
)


def access_survey_round(*, user, pk, action="view"):
    return get_for_action(
        survey_rounds_visible_to(user).select_related("organisation"), user, pk, action
    )


# ---------------------------------------------------------------------------
# The member experience survey of a group. Its members (not those who have
# left) answer; results are read like the group dashboard; surveys and paper
# answers are managed by coordinators and organisation admins.
# ---------------------------------------------------------------------------


def is_member_of(user, group_id: int) -> bool:
    person = person_of(user)
    return person is not None and (
        person.memberships.filter(group_id=group_id).exclude(status="left").exists()
    )


def experience_surveys_visible_to(user) -> QuerySet:
    from .models import ExperienceSurvey

    if is_platform_admin(user):
        return ExperienceSurvey.objects.all()
    if not getattr(user, "is_authenticated", False):
        return ExperienceSurvey.objects.none()
    condition = Q(group__organisation_id__in=organisation_ids(user))
    person = person_of(user)
    if person is not None:
        groups = person.memberships.exclude(status="left").values_list("group_id", flat=True)
        condition |= Q(group_id__in=list(groups))
    return ExperienceSurvey.objects.filter(condition)


register_rules(
    checks={
        ("experience_survey", "view"): lambda user, obj: can_see_dashboard(
            user, obj.group.organisation_id
        ),
        ("experience_survey", "manage"): lambda user, obj: can_manage_evaluation(
            user, obj.group.organisation_id
        ),
        ("experience_survey", "answer"): lambda user, obj: is_member_of(user, obj.group_id),
    },
    kinds={"ExperienceSurvey": "experience_survey"},
)


def access_experience_survey(*, user, pk, action="view"):
    return get_for_action(
        experience_surveys_visible_to(user).select_related("group__organisation"),
        user,
        pk,
        action,
    )


# ---------------------------------------------------------------------------
# Impact reports built in the background: each is seen only by the person who
# asked for it (its counts were suppressed, or not, for them), and only while
# they may still read the organisation's dashboard.
# ---------------------------------------------------------------------------


def report_jobs_visible_to(user) -> QuerySet:
    from .models import ReportJob

    if not getattr(user, "is_authenticated", False):
        return ReportJob.objects.none()
    return ReportJob.objects.filter(requested_by=user)


register_rules(
    checks={
        ("report_job", "view"): lambda user, obj: (
            regions_visible_to(user).filter(pk=obj.region_id).exists()
            if obj.region_id
            else can_see_dashboard(user, obj.organisation_id)
        ),
    },
    kinds={"ReportJob": "report_job"},
)


def access_report_job(*, user, pk, action="view"):
    return get_for_action(
        report_jobs_visible_to(user).select_related("organisation", "region"), user, pk, action
    )


# ---------------------------------------------------------------------------
# Regions. A region is seen by its commissioners (and platform admins) only:
# anyone else gets 404. It shows the aggregate figures of the organisations
# with a live grant, suppressed as for any commissioner (never exact). An
# organisation's sharing page and its grants are managed by its organisation
# admins (other staff 403, another organisation's people 404); a revoked grant
# is gone (404).
# ---------------------------------------------------------------------------


def regions_visible_to(user) -> QuerySet:
    if is_platform_admin(user):
        return Region.objects.all()
    if not getattr(user, "is_authenticated", False):
        return Region.objects.none()
    return Region.objects.filter(commissioners=user)


def access_region(*, user, pk) -> Region:
    """A region the user commissions: 404 otherwise."""
    return get_or_404(regions_visible_to(user), pk=pk)


def can_share_figures(user, organisation_id: int) -> bool:
    """Grant a region the organisation's aggregate figures, or revoke it."""
    return can_manage_organisation(user, organisation_id)


def live_grants_visible_to(user) -> QuerySet:
    """Live grants of the organisations the user holds any role in."""
    grants = RegionGrant.objects.filter(revoked_at__isnull=True)
    if is_platform_admin(user):
        return grants
    return grants.filter(organisation_id__in=organisation_ids(user))


register_rules(
    checks={
        ("organisation", "share_figures"): lambda user, obj: can_share_figures(user, obj.id),
        ("region_grant", "revoke"): lambda user, obj: can_share_figures(user, obj.organisation_id),
    },
    kinds={"RegionGrant": "region_grant"},
)


def access_region_grant(*, user, pk, action="revoke") -> RegionGrant:
    return get_for_action(
        live_grants_visible_to(user).select_related("region", "organisation"), user, pk, action
    )


def region_organisations(region) -> QuerySet:
    """The organisations with a live grant to the region."""
    return Organisation.objects.filter(
        region_grants__region=region, region_grants__revoked_at__isnull=True
    ).distinct()


def access_region_organisation(*, user, region_pk, pk) -> tuple[Region, Organisation]:
    """An organisation sharing its figures with a region the user commissions:
    404 for a region not theirs, an organisation not sharing or a revoked grant."""
    region = access_region(user=user, pk=region_pk)
    return region, get_or_404(region_organisations(region), pk=pk)
