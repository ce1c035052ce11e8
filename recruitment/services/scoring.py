"""Writes for scoring: assigning reviewers evenly, blind scores with a
rationale, moderation, shortlisting and the informal conversation. Every step
is added to the vacancy's audit trail (services.audit)."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from involvement.errors import ApplicationError
from recruitment.handles import review_handle
from recruitment.models import (
    Application,
    ConflictOfInterest,
    Conversation,
    Criterion,
    ModeratedScore,
    PanelMember,
    ReviewAssignment,
    Score,
    Vacancy,
)
from recruitment.selectors.scoring import SCORED_STATUSES, application_result

from .audit import Action, audit_record

Status = Application.Status
SCORING_VACANCY_STATUSES = {Vacancy.Status.OPEN, Vacancy.Status.CLOSED}


# --- Assigning reviewers -------------------------------------------------------


@dataclass
class AssignmentReport:
    added: int
    removed: int
    short: list[str]  # references of applications with fewer reviewers than wanted


def panel_too_small(*, vacancy: Vacancy, panel_size: int | None = None) -> str:
    """Why the panel cannot give each application its number of reviewers
    (empty when it can)."""
    if panel_size is None:
        panel_size = PanelMember.objects.filter(vacancy=vacancy).count()
    wanted = vacancy.reviewers_per_application
    if wanted <= panel_size:
        return ""
    return (
        f"Each application needs {wanted} reviewer{'s' if wanted != 1 else ''} but the panel has "
        f"{panel_size} {'person' if panel_size == 1 else 'people'}. Add people to the panel, or "
        f"change the number of reviewers for each application to {max(panel_size, 1)} or fewer "
        "in the vacancy's details."
    )


@transaction.atomic
def reviews_share_out(*, vacancy: Vacancy, assigned_by=None) -> AssignmentReport:
    """The coordinator's "share applications out": refused while the panel is
    smaller than the number of reviewers each application needs."""
    if reason := panel_too_small(vacancy=vacancy):
        raise ApplicationError(reason, code="panel_too_small")
    return reviews_assign(vacancy=vacancy, assigned_by=assigned_by)


@transaction.atomic
def reviews_assign(
    *, vacancy: Vacancy, assigned_by=None, applications: list[Application] | None = None
) -> AssignmentReport:
    """Give each application the vacancy's number of reviewers, spreading the
    work evenly across the panel. Safe to run again: it keeps assignments
    already made (dropping only conflicted ones nobody has scored under) and
    tops up where needed, e.g. after new applications or panel members.
    `applications` limits the work to those: when a reviewer declares a
    conflict, the application leaves their list and goes to someone else."""
    panel = list(PanelMember.objects.filter(vacancy=vacancy).order_by("id"))
    chosen = Application.objects.filter(vacancy=vacancy, status__in=SCORED_STATUSES)
    current = ReviewAssignment.objects.filter(application__vacancy=vacancy)
    if applications is not None:
        chosen = chosen.filter(pk__in=[a.pk for a in applications])
        current = current.filter(application__in=chosen)
    applications = list(chosen.order_by("id"))
    conflicts = set(
        ConflictOfInterest.objects.filter(panel_member__vacancy=vacancy).values_list(
            "panel_member_id", "application_id"
        )
    )
    scored = set(
        Score.objects.filter(application__vacancy=vacancy).values_list(
            "reviewer_id", "application_id"
        )
    )
    user_of = {p.pk: p.user_id for p in panel}
    removed = 0
    for assignment in current:
        pair = (assignment.panel_member_id, assignment.application_id)
        if pair in conflicts and (user_of.get(pair[0]), pair[1]) not in scored:
            assignment.delete()
            removed += 1
    existing = defaultdict(set)
    load = {p.pk: 0 for p in panel}
    for panel_member_id, application_id in ReviewAssignment.objects.filter(
        application__vacancy=vacancy
    ).values_list("panel_member_id", "application_id"):
        existing[application_id].add(panel_member_id)
        load[panel_member_id] = load.get(panel_member_id, 0) + 1
    wanted = vacancy.reviewers_per_application
    added = 0
    short = []
    for application in applications:
        have = existing[application.pk]
        eligible = [
            p for p in panel if p.pk not in have and (p.pk, application.pk) not in conflicts
        ]
        eligible.sort(key=lambda p: (load[p.pk], p.pk))
        for panel_member in eligible[: max(0, wanted - len(have))]:
            ReviewAssignment.objects.create(panel_member=panel_member, application=application)
            load[panel_member.pk] += 1
            have.add(panel_member.pk)
            added += 1
        if len(have) < wanted:
            short.append(application.reference)
    if added or removed:
        audit_record(
            vacancy=vacancy,
            action=Action.REVIEWERS_ASSIGNED,
            actor=assigned_by,
            summary=(
                f"{added} review{'s' if added != 1 else ''} assigned, {removed} removed "
                f"because of a conflict of interest; {wanted} reviewers wanted per application."
            ),
            detail={"added": added, "removed": removed, "short": short},
        )
    return AssignmentReport(added=added, removed=removed, short=short)


# --- Scoring --------------------------------------------------------------------


@dataclass(frozen=True)
class ScoreEntry:
    application: Application
    score: int | None
    rationale: str


def _check_can_score(*, panel_member: PanelMember, application: Application) -> None:
    """Only an application on the reviewer's list. The refusal never says that
    a conflict was declared, nor names the reference: "conflict of interest
    with A-MP8NK" would pair the name the reviewer declared with a reference."""
    vacancy = panel_member.vacancy
    if vacancy.status not in SCORING_VACANCY_STATUSES:
        raise ApplicationError("Scoring for this vacancy has finished.")
    if panel_member.scoring_started_at is None:
        raise ApplicationError("Tell us about the applicants you know before you start scoring.")
    if (
        application.vacancy_id != vacancy.pk
        or application.status not in SCORED_STATUSES
        or ConflictOfInterest.objects.filter(
            panel_member=panel_member, application=application
        ).exists()
        or not ReviewAssignment.objects.filter(
            panel_member=panel_member, application=application
        ).exists()
    ):
        raise ApplicationError("This application is not on your list to score.")


@transaction.atomic
def scores_record(
    *, panel_member: PanelMember, criterion: Criterion, entries: list[ScoreEntry]
) -> list[Score]:
    """Save a reviewer's scores for one criterion across applications.

    A score needs a short rationale; a rationale needs a score. Rows left
    wholly blank are skipped. If any row is wrong nothing is saved, and the
    error says which application (by reference) and what to do, keyed
    "score_<handle>" / "rationale_<handle>" with the reviewer's own handle for
    the application (recruitment.handles), never its id."""
    if criterion.role_description_id != panel_member.vacancy.role_description_id:
        raise ApplicationError("This question is not part of this vacancy's role description.")
    errors: dict[str, str] = {}
    to_save = []
    moderated = set(
        ModeratedScore.objects.filter(
            criterion=criterion, application__in=[e.application for e in entries]
        ).values_list("application_id", flat=True)
    )
    for entry in entries:
        application = entry.application
        rationale = (entry.rationale or "").strip()
        if entry.score is None and not rationale:
            continue
        _check_can_score(panel_member=panel_member, application=application)
        ref = application.reference
        handle = review_handle(panel_member, application.pk)
        if entry.score is None:
            errors[f"score_{handle}"] = f"Choose a score for {ref}"
            continue
        if not 0 <= entry.score <= criterion.max_score:
            errors[f"score_{handle}"] = f"Choose a score from 0 to {criterion.max_score} for {ref}"
            continue
        if not rationale:
            errors[f"rationale_{handle}"] = (
                f"Give a short reason for your score for {ref}: a score with no reason "
                "is not accepted"
            )
            continue
        if application.pk in moderated:
            errors[f"score_{handle}"] = (
                f"The score for {ref} has been moderated, so it can no longer be changed"
            )
            continue
        to_save.append((application, entry.score, rationale))
    if errors:
        raise ValidationError(errors)
    saved = []
    reviewer = panel_member.user
    existing = {
        s.application_id: s
        for s in Score.objects.filter(
            criterion=criterion, reviewer=reviewer, application__in=[a for a, _, _ in to_save]
        )
    }
    for application, value, rationale in to_save:
        score = existing.get(application.pk)
        if score is not None and score.score == value and score.rationale == rationale:
            saved.append(score)
            continue
        previous = None if score is None else score.score
        if score is None:
            score = Score(
                application=application,
                criterion=criterion,
                reviewer=reviewer,
                score=value,
                rationale=rationale,
            )
        else:
            score.score = value
            score.rationale = rationale
        score.full_clean(validate_unique=False)
        score.save()
        saved.append(score)
        audit_record(
            vacancy=panel_member.vacancy,
            application=application,
            actor=reviewer,
            action=Action.SCORE if previous is None else Action.SCORE_CHANGED,
            summary=(
                f"{application.reference}, {criterion.title}: scored {value} out of "
                f"{criterion.max_score}"
                + ("" if previous is None else f" (was {previous})")
                + f". Reason: {rationale}"
            ),
            detail={
                "criterion": criterion.title,
                "score": value,
                "previous": previous,
                "rationale": rationale,
            },
        )
    return saved


# --- Moderation -------------------------------------------------------------------


@transaction.atomic
def score_moderate(
    *, application: Application, criterion: Criterion, score: int, reason: str, moderated_by
) -> ModeratedScore:
    """Set the agreed score for a criterion, recording who changed what and why."""
    if criterion.role_description_id != application.vacancy.role_description_id:
        raise ApplicationError("This criterion is not part of this vacancy's role description.")
    if application.status in {Status.SELECTED, Status.RESERVE, Status.NOT_SELECTED}:
        raise ApplicationError(
            f"{application.reference} has been decided, so its scores can no longer change."
        )
    reason = (reason or "").strip()
    errors = {}
    if score is None or not 0 <= score <= criterion.max_score:
        errors["score"] = f"Choose the agreed score, from 0 to {criterion.max_score}"
    if not reason:
        errors["reason"] = "Say why the panel agreed this score"
    if errors:
        raise ValidationError(errors)
    result = next(
        c for c in application_result(application=application).criteria if c.criterion == criterion
    )
    if result.mean is None:
        raise ApplicationError(
            "Nobody has scored this criterion yet, so there is nothing to moderate."
        )
    moderated = ModeratedScore.objects.filter(application=application, criterion=criterion).first()
    before = result.agreed
    if moderated is None:
        moderated = ModeratedScore(
            application=application, criterion=criterion, previous_mean=result.mean
        )
    moderated.score = score
    moderated.reason = reason
    moderated.moderated_by = moderated_by
    moderated.full_clean(validate_unique=False)
    moderated.save()
    audit_record(
        vacancy=application.vacancy,
        application=application,
        actor=moderated_by,
        action=Action.MODERATION,
        summary=(
            f"{application.reference}, {criterion.title}: agreed score set to {score} "
            f"(was {before}; reviewers' mean {result.mean}, spread {result.spread}). "
            f"Reason: {reason}"
        ),
        detail={
            "criterion": criterion.title,
            "score": score,
            "before": str(before),
            "mean": str(result.mean),
            "spread": result.spread,
            "reviewer_scores": [s.score for s in result.scores],
            "reason": reason,
        },
    )
    return moderated


# --- Shortlist and conversation -------------------------------------------------------


@transaction.atomic
def application_shortlist(*, application: Application, reason: str, shortlisted_by) -> Application:
    """Put a fully scored application that meets every essential criterion on
    the shortlist, with the reason."""
    application = Application.objects.select_for_update().get(pk=application.pk)
    reason = (reason or "").strip()
    if application.status != Status.SUBMITTED:
        raise ApplicationError(
            f"{application.reference} is {application.get_status_display().lower()}, "
            "so it cannot be shortlisted."
        )
    if not reason:
        raise ValidationError({"reason": "Say why this applicant is shortlisted"})
    result = application_result(application=application)
    if not result.complete:
        raise ApplicationError(
            f"{application.reference} has not been scored on every criterion yet."
        )
    if result.needs_moderation:
        raise ApplicationError(
            f"Reviewers disagree about {application.reference} by more than the margin. "
            "Moderate the flagged scores first."
        )
    if result.essential_failures:
        raise ApplicationError(
            f"{application.reference} does not meet an essential criterion: "
            + "; ".join(result.essential_failures)
            + "."
        )
    application.status = Status.SHORTLISTED
    application.save(update_fields=["status", "updated_at"])
    audit_record(
        vacancy=application.vacancy,
        application=application,
        actor=shortlisted_by,
        action=Action.SHORTLIST,
        summary=f"{application.reference} shortlisted (total {result.total}). Reason: {reason}",
        detail={"total": str(result.total), "reason": reason},
    )
    return application


@transaction.atomic
def conversation_record(
    *,
    application: Application,
    held_on: datetime.date,
    mode: str,
    notes: str,
    match_confirmed: bool | None,
    support_agreed: str = "",
    held_by=None,
) -> Conversation:
    """Record (or correct) the informal conversation with a shortlisted applicant."""
    if application.status != Status.SHORTLISTED:
        raise ApplicationError(
            "Shortlist the applicant before recording the conversation with them."
        )
    errors = {}
    if held_on is None:
        errors["held_on"] = "Enter the date of the conversation, like 15 3 2026"
    elif held_on > timezone.localdate():
        errors["held_on"] = "Enter a date that is today or in the past"
    if not (notes or "").strip():
        errors["notes"] = "Write a few notes about the conversation"
    if errors:
        raise ValidationError(errors)
    conversation = Conversation.objects.filter(application=application).first() or Conversation(
        application=application
    )
    conversation.held_on = held_on
    conversation.mode = mode
    conversation.notes = notes.strip()
    conversation.match_confirmed = match_confirmed
    conversation.support_agreed = (support_agreed or "").strip()
    conversation.held_by = held_by
    conversation.full_clean(validate_unique=False)
    conversation.save()
    match = {True: "match confirmed", False: "not a match", None: "match not yet decided"}[
        match_confirmed
    ]
    audit_record(
        vacancy=application.vacancy,
        application=application,
        actor=held_by,
        action=Action.CONVERSATION,
        summary=(
            f"{application.reference}: {conversation.get_mode_display().lower()} conversation "
            f"on {held_on:%d %B %Y}, {match}."
            + (" Support agreed." if conversation.support_agreed else "")
        ),
        detail={"mode": mode, "held_on": held_on.isoformat(), "match_confirmed": match_confirmed},
    )
    return conversation


# --- Reminders ---------------------------------------------------------------------

REMIND_DAYS_BEFORE = 3


def reviewer_reminders_send(*, today: datetime.date | None = None) -> int:
    """Remind each reviewer who still has scoring to do, once, in the days
    before the vacancy's scoring deadline. Reviewers are logins; the message
    goes to their Person (made from the login if need be). Safe to run daily."""
    from involvement.services.outbox import notification_queue
    from involvement.services.people import person_get_or_create_for_user

    today = today or timezone.localdate()
    vacancies = Vacancy.objects.filter(
        status__in=SCORING_VACANCY_STATUSES,
        scoring_deadline__gte=today,
        scoring_deadline__lte=today + datetime.timedelta(days=REMIND_DAYS_BEFORE),
    ).select_related("role_description__organisation")
    queued = 0
    for vacancy in vacancies:
        criteria = vacancy.role_description.criteria.count()
        for panel_member in PanelMember.objects.filter(vacancy=vacancy).select_related("user"):
            conflicted = ConflictOfInterest.objects.filter(panel_member=panel_member).values(
                "application_id"
            )
            assigned = (
                ReviewAssignment.objects.filter(
                    panel_member=panel_member, application__status__in=SCORED_STATUSES
                )
                .exclude(application_id__in=conflicted)
                .count()
            )
            done = Score.objects.filter(
                reviewer=panel_member.user,
                application__vacancy=vacancy,
                application__review_assignments__panel_member=panel_member,
            ).count()
            left = assigned * criteria - done
            if left <= 0:
                continue
            person = person_get_or_create_for_user(user=panel_member.user)
            notification_queue(
                recipient=person,
                organisation=vacancy.role_description.organisation,
                subject=f"Scoring for {vacancy.title} is due by {vacancy.scoring_deadline:%d %B}",
                body_text=(
                    f"Dear {person.display_name},\n\n"
                    f"Thank you for reviewing applications for {vacancy.title}. You have "
                    f"{left} score{'s' if left != 1 else ''} still to give. Please finish by "
                    f"{vacancy.scoring_deadline:%A %d %B %Y}.\n\n"
                    "Sign in and choose Reviews to carry on."
                ),
                idempotency_key=(
                    f"recruitment-scoring-reminder-{vacancy.pk}-{panel_member.user_id}-"
                    f"{vacancy.scoring_deadline.isoformat()}"
                ),
                kind="scoring_reminder",
            )
            queued += 1
    return queued
