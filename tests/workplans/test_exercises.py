"""The priority exercise: stages, the voting rule, matching, overlap, closing."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from involvement.errors import ApplicationError
from involvement.models import Notification
from tests.factories import GroupFactory, MembershipFactory
from workplans.models import Vote
from workplans.selectors.exercises import exercise_view
from workplans.services import exercises as services

from .helpers import member_of, voting_exercise

pytestmark = pytest.mark.django_db


def test_votes_are_refused_until_voting_opens(world):
    group = world.objects["group"]
    exercise = services.exercise_create(group=group, title="Priorities", briefing="Live issues.")
    proposal = services.proposal_add(exercise=exercise, problem="Letters are unclear")
    with pytest.raises(ApplicationError, match="Voting has not opened"):
        services.votes_set(exercise=exercise, person=world.objects["person"], proposals=[proposal])


def test_voting_needs_at_least_one_proposal(world):
    exercise = services.exercise_create(
        group=world.objects["group"], title="Priorities", briefing="Live issues."
    )
    with pytest.raises(ApplicationError, match="at least one proposal"):
        services.exercise_open_voting(exercise=exercise)


def test_a_member_has_up_to_three_votes_one_per_proposal(world):
    exercise, proposals = voting_exercise(world.objects["group"], proposals=4)
    person = world.objects["person"]
    with pytest.raises(ValidationError, match="up to 3"):
        services.votes_set(exercise=exercise, person=person, proposals=proposals)
    # The same proposal twice counts once.
    services.votes_set(
        exercise=exercise, person=person, proposals=[proposals[0], proposals[0], proposals[1]]
    )
    assert Vote.objects.filter(person=person).count() == 2


def test_voting_again_replaces_the_members_earlier_votes(world):
    exercise, proposals = voting_exercise(world.objects["group"], proposals=4)
    person = world.objects["person"]
    services.votes_set(exercise=exercise, person=person, proposals=proposals[:3])
    services.votes_set(exercise=exercise, person=person, proposals=[proposals[3]])
    assert list(Vote.objects.filter(person=person).values_list("proposal", flat=True)) == [
        proposals[3].pk
    ]


def test_only_active_members_of_the_group_vote(world):
    exercise, proposals = voting_exercise(world.objects["group"])
    outsider = MembershipFactory(group=GroupFactory(organisation=world.organisation)).person
    left = MembershipFactory(group=world.objects["group"], status="left").person
    for person in (outsider, left):
        with pytest.raises(ApplicationError, match="Only active members"):
            services.votes_set(exercise=exercise, person=person, proposals=proposals[:1])


def test_the_coordinator_enters_votes_from_a_meeting(world):
    exercise, proposals = voting_exercise(world.objects["group"])
    person = member_of(world.objects["group"])
    services.votes_set(
        exercise=exercise,
        person=person,
        proposals=proposals[:2],
        cast_at_meeting=True,
        recorded_by=world.user("coordinator"),
    )
    votes = Vote.objects.filter(person=person)
    assert votes.count() == 2
    assert all(v.cast_at_meeting and v.recorded_by == world.user("coordinator") for v in votes)


def test_proposals_close_when_voting_opens_except_from_a_meeting(world):
    exercise, _ = voting_exercise(world.objects["group"])
    with pytest.raises(ApplicationError, match="no longer being collected"):
        services.proposal_add(exercise=exercise, problem="Late idea")
    late = services.proposal_add(
        exercise=exercise, problem="Raised at the meeting", raised_at_meeting=True
    )
    assert late.raised_at_meeting


def test_overlap_is_themes_with_both_members_and_organisation_priorities(world):
    exercise, proposals = voting_exercise(world.objects["group"], proposals=3)
    eyes = services.theme_create(exercise=exercise, name="Eye screening")
    feet = services.theme_create(exercise=exercise, name="Foot care")
    services.theme_create(exercise=exercise, name="Medicines")
    priority = services.organisation_priority_add(exercise=exercise, title="Raise screening uptake")
    budget = services.organisation_priority_add(exercise=exercise, title="Cut medicines waste")
    medicines = exercise.themes.get(name="Medicines")
    services.themes_match(
        exercise=exercise,
        proposals={proposals[0].pk: eyes, proposals[1].pk: feet, proposals[2].pk: None},
        priorities={priority.pk: eyes, budget.pk: medicines},
    )
    view = exercise_view(exercise=exercise, person=None)
    assert [row.theme.name for row in view.overlap] == ["Eye screening"]
    assert [row.theme.name for row in view.members_only] == ["Foot care"]
    assert [row.theme.name for row in view.organisation_only] == ["Medicines"]
    assert view.unmatched_proposals == [proposals[2]]


def test_theme_names_are_unique_in_an_exercise(world):
    exercise, _ = voting_exercise(world.objects["group"])
    services.theme_create(exercise=exercise, name="Eye screening")
    with pytest.raises(ValidationError, match="already a theme"):
        services.theme_create(exercise=exercise, name="eye screening")


def test_closing_keeps_the_result_and_freezes_the_exercise(world):
    exercise, proposals = voting_exercise(world.objects["group"], proposals=2)
    person = world.objects["person"]
    services.votes_set(exercise=exercise, person=person, proposals=[proposals[1]])
    theme = services.theme_create(exercise=exercise, name="Eye screening")
    priority = services.organisation_priority_add(exercise=exercise, title="Screening uptake")
    services.themes_match(
        exercise=exercise, proposals={proposals[1].pk: theme}, priorities={priority.pk: theme}
    )
    closed = services.exercise_close(exercise=exercise, closed_by=world.user("coordinator"))
    assert closed.is_closed and closed.closed_at is not None
    assert closed.result["proposals"][0] == {
        "id": proposals[1].pk,
        "problem": proposals[1].problem,
        "votes": 1,
    }
    assert closed.result["overlap"] == ["Eye screening"]
    refusals = [
        lambda: services.votes_set(exercise=closed, person=person, proposals=[proposals[0]]),
        lambda: services.proposal_add(exercise=closed, problem="x", raised_at_meeting=True),
        lambda: services.organisation_priority_add(exercise=closed, title="x"),
        lambda: services.theme_create(exercise=closed, name="x"),
        lambda: services.themes_match(
            exercise=closed, proposals={proposals[0].pk: theme}, priorities={}
        ),
        lambda: services.exercise_close(exercise=closed),
    ]
    for refused in refusals:
        with pytest.raises(ApplicationError, match="closed"):
            refused()
    assert Vote.objects.filter(person=person).count() == 1


def test_members_are_asked_for_ideas_and_told_when_voting_opens_once_each(world):
    group = world.objects["group"]
    MembershipFactory(group=group, status="left")  # not told
    exercise = services.exercise_create(
        group=group, title="Priorities", briefing="Live issues.", site_url="https://involve.test"
    )
    services.proposal_add(exercise=exercise, problem="Letters are unclear")
    services.exercise_open_voting(exercise=exercise, site_url="https://involve.test")
    sent = Notification.objects.filter(
        idempotency_key__startswith=f"workplans-exercise-{exercise.pk}"
    )
    assert sorted(sent.values_list("subject", flat=True)) == [
        "Time to vote: Priorities",
        "Your ideas, please: Priorities",
    ]
    assert {n.recipient for n in sent} == {world.objects["person"]}
    assert "https://involve.test/work-plans/exercises/" in sent.first().body_text
    services._tell_members(exercise, stage="voting", site_url="")
    assert sent.count() == 2
