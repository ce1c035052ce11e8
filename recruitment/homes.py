"""What recruitment adds to a person's home page (see involvement.home_panels):
the applications they started and have not sent, while they still can; a
panel member's scores still to give; and, for coordinators, scores that need
moderating."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, F, Max, Min

from .models import (
    Application,
    ConflictOfInterest,
    Criterion,
    ModeratedScore,
    PanelMember,
    ReviewAssignment,
    Score,
    Vacancy,
)
from .selectors.applications import my_applications
from .selectors.scoring import SCORED_STATUSES
from .services.scoring import SCORING_VACANCY_STATUSES
from .services.vacancies import vacancy_is_accepting


def unfinished_applications_panel(*, user, organisation_ids) -> dict | None:
    drafts = [
        application
        for application in my_applications(user=user).filter(status=Application.Status.DRAFT)
        if vacancy_is_accepting(application.vacancy)
    ]
    if not drafts:
        return None
    return {"applications": drafts}


@dataclass
class ScoringToDo:
    vacancy: Vacancy
    applications: int  # assigned to this reviewer, not conflicted
    scores_left: int  # one for each of those applications and each criterion, not given yet


def scores_to_give_panel(*, user, organisation_ids) -> dict | None:
    """A panel member's scores still to give, vacancy by vacancy, while the
    vacancy is being scored (any panel member: staff or an experienced group
    member, so the panel is at the top of everyone's home page). Four queries
    however many vacancies and applications."""
    panel = list(
        PanelMember.objects.filter(user=user, vacancy__status__in=SCORING_VACANCY_STATUSES)
        .select_related("vacancy")
        .order_by("vacancy__scoring_deadline", "vacancy__closes_on", "vacancy_id")
    )
    if not panel:
        return None
    vacancy_ids = [member.vacancy_id for member in panel]
    criteria = dict(
        Criterion.objects.filter(
            role_description__vacancies__in=vacancy_ids,
        )
        .values("role_description__vacancies")
        .annotate(n=Count("id"))
        .values_list("role_description__vacancies", "n")
    )
    conflicted = ConflictOfInterest.objects.filter(panel_member__in=panel).values("application_id")
    assigned = dict(
        ReviewAssignment.objects.filter(
            panel_member__in=panel, application__status__in=SCORED_STATUSES
        )
        .exclude(application_id__in=conflicted)
        .values("panel_member_id")
        .annotate(n=Count("id"))
        .values_list("panel_member_id", "n")
    )
    given = dict(
        Score.objects.filter(
            reviewer=user,
            application__vacancy_id__in=vacancy_ids,
            application__status__in=SCORED_STATUSES,
        )
        .exclude(application_id__in=conflicted)
        .values("application__vacancy_id")
        .annotate(n=Count("id"))
        .values_list("application__vacancy_id", "n")
    )
    to_do = []
    for member in panel:
        applications = assigned.get(member.pk, 0)
        left = applications * criteria.get(member.vacancy_id, 0) - given.get(member.vacancy_id, 0)
        if left > 0:
            to_do.append(
                ScoringToDo(vacancy=member.vacancy, applications=applications, scores_left=left)
            )
    if not to_do:
        return None
    return {"vacancies": to_do, "total": sum(item.scores_left for item in to_do)}


@dataclass
class ModerationToDo:
    vacancy: Vacancy
    pairs: int  # an applicant's criterion whose reviewers' scores differ by more than the margin


def moderation_panel(*, user, organisation_ids) -> dict | None:
    """For coordinators: scores to moderate in the vacancies being scored
    (reviewers' scores for one applicant and criterion differ by more than the
    vacancy's margin, and nobody has agreed a score yet). Three queries."""
    vacancies = {
        vacancy.pk: vacancy
        for vacancy in Vacancy.objects.filter(
            role_description__organisation_id__in=organisation_ids,
            status__in=SCORING_VACANCY_STATUSES,
        )
    }
    if not vacancies:
        return None
    flagged = (
        Score.objects.filter(
            application__vacancy_id__in=list(vacancies),
            application__status__in=SCORED_STATUSES,
        )
        .values("application__vacancy_id", "application_id", "criterion_id")
        .annotate(spread=Max("score") - Min("score"))
        .filter(spread__gt=F("application__vacancy__moderation_margin"))
        .order_by()
    )
    moderated = set(
        ModeratedScore.objects.filter(application__vacancy_id__in=list(vacancies)).values_list(
            "application_id", "criterion_id"
        )
    )
    pairs: dict[int, int] = {}
    for row in flagged:
        if (row["application_id"], row["criterion_id"]) in moderated:
            continue
        vacancy_id = row["application__vacancy_id"]
        pairs[vacancy_id] = pairs.get(vacancy_id, 0) + 1
    if not pairs:
        return None
    return {
        "vacancies": [
            ModerationToDo(vacancy=vacancies[pk], pairs=n)
            for pk, n in sorted(pairs.items(), key=lambda item: vacancies[item[0]].closes_on)
        ]
    }
