"""Reads for the priority exercise page: flat in queries whatever its size."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, QuerySet

from involvement.models import Membership, Person

from ..models import OrganisationPriority, PriorityExercise, Proposal, Theme, Vote


@dataclass
class ThemeRow:
    theme: Theme
    proposals: list[Proposal] = field(default_factory=list)
    priorities: list[OrganisationPriority] = field(default_factory=list)

    @property
    def votes(self) -> int:
        return sum(p.vote_count for p in self.proposals)

    @property
    def overlaps(self) -> bool:
        """Members and the organisation both put something in this theme."""
        return bool(self.proposals and self.priorities)


@dataclass
class ExerciseView:
    exercise: PriorityExercise
    proposals: list[Proposal]
    priorities: list[OrganisationPriority]
    themes: list[ThemeRow]
    voters: int
    my_votes: set[int]

    @property
    def overlap(self) -> list[ThemeRow]:
        return sorted(
            (row for row in self.themes if row.overlaps), key=lambda r: (-r.votes, r.theme.name)
        )

    @property
    def members_only(self) -> list[ThemeRow]:
        return [row for row in self.themes if row.proposals and not row.priorities]

    @property
    def organisation_only(self) -> list[ThemeRow]:
        return [row for row in self.themes if row.priorities and not row.proposals]

    @property
    def unmatched_proposals(self) -> list[Proposal]:
        return [p for p in self.proposals if p.theme_id is None]

    @property
    def unmatched_priorities(self) -> list[OrganisationPriority]:
        return [p for p in self.priorities if p.theme_id is None]


def exercise_view(*, exercise: PriorityExercise, person: Person | None) -> ExerciseView:
    proposals = list(
        exercise.proposals.select_related("proposed_by", "theme")
        .annotate(vote_count=Count("votes"))
        .order_by("-vote_count", "created_at", "id")
    )
    priorities = list(exercise.organisation_priorities.select_related("theme"))
    rows = {theme.pk: ThemeRow(theme=theme) for theme in exercise.themes.all()}
    for proposal in proposals:
        if proposal.theme_id in rows:
            rows[proposal.theme_id].proposals.append(proposal)
    for priority in priorities:
        if priority.theme_id in rows:
            rows[priority.theme_id].priorities.append(priority)
    voters = Vote.objects.filter(proposal__exercise=exercise).values("person").distinct().count()
    my_votes: set[int] = set()
    if person is not None:
        my_votes = set(
            Vote.objects.filter(proposal__exercise=exercise, person=person).values_list(
                "proposal_id", flat=True
            )
        )
    return ExerciseView(
        exercise=exercise,
        proposals=proposals,
        priorities=priorities,
        themes=list(rows.values()),
        voters=voters,
        my_votes=my_votes,
    )


def exercises_of_group(*, group) -> QuerySet:
    return PriorityExercise.objects.filter(group=group).annotate(
        proposal_count=Count("proposals", distinct=True)
    )


def voting_members(*, group) -> QuerySet:
    """Members who may vote or propose, for the coordinator's entry forms."""
    return (
        Membership.objects.filter(
            group=group, status__in=[Membership.Status.ACTIVE, Membership.Status.INDUCTED]
        )
        .select_related("person")
        .order_by("person__full_name")
    )


def exercise_themes(*, exercise) -> QuerySet:
    return exercise.themes.prefetch_related(
        Prefetch("proposals", queryset=Proposal.objects.order_by("id"))
    )
