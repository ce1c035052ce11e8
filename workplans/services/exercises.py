"""The priority exercise: briefing, proposals, votes, the organisation's
priorities, matching into themes, and closing (which freezes the result)."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone

from involvement.errors import ApplicationError
from involvement.links import site_address
from involvement.models import Group, Membership, Person
from involvement.services.outbox import SendCheck, notification_queue

from ..models import (
    VOTES_PER_MEMBER,
    OrganisationPriority,
    PriorityExercise,
    Proposal,
    Theme,
    Vote,
)

Stage = PriorityExercise.Stage
VOTING_MEMBER_STATUSES = (Membership.Status.ACTIVE, Membership.Status.INDUCTED)


def _refuse_if_closed(exercise: PriorityExercise) -> None:
    if exercise.is_closed:
        raise ApplicationError(
            "This priority exercise has closed, so its result can no longer change."
        )


KIND_STAGE = "exercise_stage"
# The stage each message asks members to take part in.
STAGE_OF_MESSAGE = {"ideas": Stage.PROPOSING, "voting": Stage.VOTING}


def send_check(notification) -> SendCheck:
    """A message asking for ideas or votes goes only while the exercise is at
    that stage: a "Time to vote" letter is not printed after voting closed."""
    _, pk, stage = (notification.about.split(":") + ["", "", ""])[:3]
    exercise = PriorityExercise.objects.filter(pk=int(pk) if pk.isdigit() else 0).first()
    if exercise is None:
        return SendCheck(cancel="The priority exercise was deleted.")
    if exercise.is_closed:
        return SendCheck(cancel="The priority exercise had closed.")
    if exercise.stage != STAGE_OF_MESSAGE.get(stage, exercise.stage):
        return SendCheck(cancel="The priority exercise had moved on to its next stage.")
    return SendCheck()


def _tell_members(exercise: PriorityExercise, *, stage: str, site_url: str) -> int:
    """Tell every active or inducted member what the exercise asks of them now,
    each in the way they asked to be contacted; once per member and stage."""
    link = site_address(site_url) + reverse("exercise-detail", args=[exercise.pk])
    if stage == "ideas":
        subject = f"Your ideas, please: {exercise.title}"
        ask = (
            "We are agreeing the group's priorities for the coming year. Please read the "
            "short briefing on what is happening locally, then tell us the problems you see "
            "and what would help. You can do this online, or tell us at the next meeting."
        )
    else:
        subject = f"Time to vote: {exercise.title}"
        ask = (
            f"Voting is open. You have {VOTES_PER_MEMBER} votes and can give each proposal "
            "one of them. You can vote online, or at the next meeting."
        )
    members = list(
        Membership.objects.filter(
            group_id=exercise.group_id, status__in=VOTING_MEMBER_STATUSES
        ).select_related("person", "group__organisation")
    )
    for membership in members:
        person = membership.person
        notification_queue(
            recipient=person,
            organisation=membership.group.organisation,
            subject=subject,
            body_text=f"Dear {person.display_name},\n\n{ask}\n\n{link}\n",
            idempotency_key=f"workplans-exercise-{exercise.pk}-{stage}-{person.pk}",
            kind=KIND_STAGE,
            about=f"exercise:{exercise.pk}:{stage}",
        )
    return len(members)


@transaction.atomic
def exercise_create(
    *, group: Group, title: str, briefing: str, created_by=None, site_url: str = ""
) -> PriorityExercise:
    """Start an exercise with its briefing, and ask members for their ideas."""
    exercise = PriorityExercise(group=group, title=title, briefing=briefing, created_by=created_by)
    exercise.full_clean()
    exercise.save()
    _tell_members(exercise, stage="ideas", site_url=site_url)
    return exercise


@transaction.atomic
def exercise_update_briefing(*, exercise: PriorityExercise, title: str, briefing: str) -> None:
    _refuse_if_closed(exercise)
    exercise.title = title
    exercise.briefing = briefing
    exercise.full_clean()
    exercise.save(update_fields=["title", "briefing"])


@transaction.atomic
def exercise_open_voting(*, exercise: PriorityExercise, site_url: str = "") -> None:
    """Stop collecting ideas, open voting, and tell members."""
    if exercise.stage != Stage.PROPOSING:
        raise ApplicationError("Voting can only open while ideas are being collected.")
    if not exercise.proposals.exists():
        raise ApplicationError("Add at least one proposal before voting opens.")
    exercise.stage = Stage.VOTING
    exercise.save(update_fields=["stage"])
    _tell_members(exercise, stage="voting", site_url=site_url)


def exercise_result(exercise: PriorityExercise) -> dict:
    """The result as it stands: proposals ranked by votes, and the themes with
    what members and the organisation put in each."""
    proposals = list(
        exercise.proposals.annotate(vote_count=Count("votes")).order_by("-vote_count", "id")
    )
    themes = []
    for theme in exercise.themes.order_by("name"):
        users = [p.id for p in proposals if p.theme_id == theme.id]
        organisation = list(theme.organisation_priorities.values_list("id", flat=True))
        themes.append(
            {
                "id": theme.id,
                "name": theme.name,
                "proposals": users,
                "organisation_priorities": organisation,
                "votes": sum(p.vote_count for p in proposals if p.theme_id == theme.id),
                "overlap": bool(users and organisation),
            }
        )
    return {
        "proposals": [{"id": p.id, "problem": p.problem, "votes": p.vote_count} for p in proposals],
        "themes": themes,
        "overlap": [t["name"] for t in themes if t["overlap"]],
    }


@transaction.atomic
def exercise_close(*, exercise: PriorityExercise, closed_by=None) -> PriorityExercise:
    """Close the exercise: nothing more can be proposed, voted on, entered or
    matched, and the result is kept as it stands."""
    exercise = PriorityExercise.objects.select_for_update().get(pk=exercise.pk)
    _refuse_if_closed(exercise)
    exercise.stage = Stage.CLOSED
    exercise.closed_at = timezone.now()
    exercise.closed_by = closed_by
    exercise.result = exercise_result(exercise)
    exercise.full_clean()
    exercise.save(update_fields=["stage", "closed_at", "closed_by", "result"])
    return exercise


def _member_of(exercise: PriorityExercise, person: Person) -> bool:
    return Membership.objects.filter(
        group_id=exercise.group_id, person=person, status__in=VOTING_MEMBER_STATUSES
    ).exists()


@transaction.atomic
def proposal_add(
    *,
    exercise: PriorityExercise,
    problem: str,
    solution: str = "",
    proposed_by: Person | None = None,
    raised_at_meeting: bool = False,
    entered_by=None,
) -> Proposal:
    """A member's proposal, or one the coordinator enters from a meeting
    (proposed_by may then be empty: the group's)."""
    _refuse_if_closed(exercise)
    if exercise.stage != Stage.PROPOSING and not raised_at_meeting:
        raise ApplicationError("Ideas are no longer being collected: voting has started.")
    if proposed_by is not None and not _member_of(exercise, proposed_by):
        raise ValidationError({"proposed_by": "Choose an active member of the group."})
    proposal = Proposal(
        exercise=exercise,
        problem=problem,
        solution=solution,
        proposed_by=proposed_by,
        raised_at_meeting=raised_at_meeting,
        entered_by=entered_by,
    )
    proposal.full_clean()
    proposal.save()
    return proposal


@transaction.atomic
def votes_set(
    *,
    exercise: PriorityExercise,
    person: Person,
    proposals: Iterable[Proposal],
    cast_at_meeting: bool = False,
    recorded_by=None,
) -> list[Vote]:
    """Set a member's votes: up to VOTES_PER_MEMBER proposals, one vote each.
    Replaces the member's earlier votes in this exercise."""
    _refuse_if_closed(exercise)
    if exercise.stage != Stage.VOTING:
        raise ApplicationError("Voting has not opened yet.")
    if not _member_of(exercise, person):
        raise ApplicationError("Only active members of the group can vote.")
    chosen = list({p.pk: p for p in proposals}.values())
    if not chosen:
        raise ValidationError({"proposals": "Choose at least one proposal"})
    if len(chosen) > VOTES_PER_MEMBER:
        raise ValidationError(
            {"proposals": f"Choose up to {VOTES_PER_MEMBER} proposals: you chose {len(chosen)}"}
        )
    if any(p.exercise_id != exercise.pk for p in chosen):
        raise ValidationError({"proposals": "Choose proposals from this exercise"})
    Vote.objects.filter(proposal__exercise=exercise, person=person).delete()
    return Vote.objects.bulk_create(
        [
            Vote(
                proposal=p, person=person, cast_at_meeting=cast_at_meeting, recorded_by=recorded_by
            )
            for p in chosen
        ]
    )


@transaction.atomic
def organisation_priority_add(
    *, exercise: PriorityExercise, title: str, description: str = "", source: str = ""
) -> OrganisationPriority:
    _refuse_if_closed(exercise)
    priority = OrganisationPriority(
        exercise=exercise, title=title, description=description, source=source
    )
    priority.full_clean()
    priority.save()
    return priority


@transaction.atomic
def theme_create(*, exercise: PriorityExercise, name: str, description: str = "") -> Theme:
    _refuse_if_closed(exercise)
    if exercise.themes.filter(name__iexact=name.strip()).exists():
        raise ValidationError({"name": "There is already a theme with this name"})
    theme = Theme(exercise=exercise, name=name.strip(), description=description)
    theme.full_clean()
    theme.save()
    return theme


@transaction.atomic
def themes_match(
    *,
    exercise: PriorityExercise,
    proposals: dict[int, Theme | None],
    priorities: dict[int, Theme | None],
) -> int:
    """Match proposals and organisation priorities into themes ({id: theme or
    None}). Returns how many changed."""
    _refuse_if_closed(exercise)
    changed = 0
    for model, assignments in ((Proposal, proposals), (OrganisationPriority, priorities)):
        rows = model.objects.filter(exercise=exercise, pk__in=assignments)
        for row in rows:
            theme = assignments[row.pk]
            if theme is not None and theme.exercise_id != exercise.pk:
                raise ValidationError("Choose themes from this exercise")
            new_id = theme.pk if theme else None
            if row.theme_id != new_id:
                row.theme_id = new_id
                row.save(update_fields=["theme"])
                changed += 1
    return changed
