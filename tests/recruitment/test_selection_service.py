"""Balanced selection through the service: the solver with current active
members counted, consented diversity data only, the infeasible message naming
the minimum, a change needs a reason and is audited, the lottery's seed is
stored and a re-run gives the same set."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from involvement.models import DiversityConsent, Membership
from recruitment.models import Application, AuditEvent
from recruitment.services.selection import (
    selection_accept,
    selection_check,
    selection_propose,
    selection_rerun,
)
from tests.factories import MembershipFactory, PersonFactory

from .scoring_data import add_application, add_reviewer, consent, factor, make_vacancy, score

SHORTLISTED = Application.Status.SHORTLISTED


@pytest.fixture
def setting(world):
    group = world.objects["group"]
    vacancy = make_vacancy(organisation=world.organisation, group=group, places=2)
    reviewer = add_reviewer(vacancy)
    factor(group, "Type 1 diabetes", "diabetes_type", ["type_1"], 2)
    people = {}
    for name, total, kind in [
        ("high", [4, 4], "type_2"),  # 12
        ("next", [4, 3], "type_2"),  # 11
        ("type1", [3, 2], "type_1"),  # 8
    ]:
        person = PersonFactory()
        consent(person, diabetes_type=kind)
        application = add_application(vacancy, person=person, status=SHORTLISTED)
        score(application, reviewer, total)
        people[name] = application
    return vacancy, people, world.user("coordinator")


def test_proposal_counts_current_active_members(setting):
    vacancy, apps, coordinator = setting
    # No current Type 1 member: one place must go to the Type 1 applicant.
    proposal = selection_propose(vacancy=vacancy, mode="balanced", created_by=coordinator)
    assert sorted(proposal.proposed) == sorted([apps["high"].pk, apps["type1"].pk])
    assert not proposal.feasible  # needs 2 Type 1, only one applicant has it
    assert proposal.explanation["helps_meet"][str(apps["type1"].pk)] == ["Type 1 diabetes"]
    assert proposal.explanation["score_traded"] == 3.0
    # One current active Type 1 member: still one more needed.
    member = MembershipFactory(group=vacancy.group, status=Membership.Status.ACTIVE)
    consent(member.person, diabetes_type="type_1")
    proposal = selection_propose(vacancy=vacancy, mode="balanced", created_by=coordinator)
    assert proposal.feasible
    assert sorted(proposal.proposed) == sorted([apps["high"].pk, apps["type1"].pk])
    # Two current Type 1 members: the minimum is met already, so the top scores win.
    other = MembershipFactory(group=vacancy.group, status=Membership.Status.ACTIVE)
    consent(other.person, diabetes_type="type_1")
    proposal = selection_propose(vacancy=vacancy, mode="balanced", created_by=coordinator)
    assert sorted(proposal.proposed) == sorted([apps["high"].pk, apps["next"].pk])
    assert proposal.explanation["score_traded"] == 0.0


def test_members_who_are_not_active_do_not_count(setting):
    vacancy, apps, coordinator = setting
    for _ in range(2):
        paused = MembershipFactory(group=vacancy.group, status=Membership.Status.PAUSED)
        consent(paused.person, diabetes_type="type_1")
    proposal = selection_propose(vacancy=vacancy, mode="balanced", created_by=coordinator)
    assert apps["type1"].pk in proposal.proposed


def test_diversity_data_without_standing_consent_is_not_used(setting):
    vacancy, apps, coordinator = setting
    DiversityConsent.objects.filter(person=apps["type1"].person).update(
        withdrawn_at=apps["type1"].person.diversity_consents.get().given_at
    )
    proposal = selection_propose(vacancy=vacancy, mode="balanced", created_by=coordinator)
    assert sorted(proposal.proposed) == sorted([apps["high"].pk, apps["next"].pk])
    assert proposal.explanation["unmet"] == ["Type 1 diabetes"]


def test_infeasible_proposal_names_the_minimum_on_the_page(setting, client):
    vacancy, apps, coordinator = setting
    selection_propose(vacancy=vacancy, mode="balanced", created_by=coordinator)
    client.force_login(coordinator)
    page = client.get(reverse("selection-vacancy", kwargs={"pk": vacancy.pk})).content.decode()
    assert "No choice meets every minimum" in page
    assert "It cannot meet: <strong>Type 1 diabetes</strong>" in page
    assert "This choice helps meet: Type 1 diabetes" in page


def test_changing_the_proposal_needs_a_reason_and_is_audited(setting):
    vacancy, apps, coordinator = setting
    proposal = selection_propose(vacancy=vacancy, mode="balanced", created_by=coordinator)
    changed = [apps["high"].pk, apps["next"].pk]
    with pytest.raises(ValidationError) as error:
        selection_accept(proposal=proposal, final=changed, reason="", accepted_by=coordinator)
    assert "reason" in error.value.message_dict
    selection_accept(
        proposal=proposal,
        final=changed,
        reason="A Type 1 member joins next month from the young adults' clinic.",
        accepted_by=coordinator,
    )
    proposal.refresh_from_db()
    assert sorted(proposal.final) == sorted(changed) and proposal.accepted_at
    event = AuditEvent.objects.get(action="proposal_changed")
    assert apps["next"].reference in event.summary and apps["type1"].reference in event.summary
    assert "young adults" in event.summary and event.actor == coordinator


def test_accepting_unchanged_needs_no_reason(setting):
    vacancy, apps, coordinator = setting
    proposal = selection_propose(vacancy=vacancy, mode="balanced", created_by=coordinator)
    selection_accept(proposal=proposal, final=proposal.proposed, reason="", accepted_by=coordinator)
    assert AuditEvent.objects.filter(action="proposal_accepted").exists()


def test_cannot_accept_more_than_the_places(setting):
    vacancy, apps, coordinator = setting
    proposal = selection_propose(vacancy=vacancy, mode="balanced", created_by=coordinator)
    with pytest.raises(ValidationError):
        selection_accept(
            proposal=proposal,
            final=[a.pk for a in apps.values()],
            reason="All of them",
            accepted_by=coordinator,
        )


def test_lottery_seed_is_stored_and_a_rerun_gives_the_same_set(setting):
    vacancy, apps, coordinator = setting
    proposal = selection_propose(vacancy=vacancy, mode="lottery", created_by=coordinator)
    assert proposal.seed is not None
    assert str(proposal.seed) in AuditEvent.objects.get(action="proposal").summary
    assert selection_rerun(proposal=proposal) == proposal.proposed
    assert selection_check(proposal=proposal, checked_by=coordinator) is True
    again = selection_propose(
        vacancy=vacancy, mode="lottery", seed=proposal.seed, created_by=coordinator
    )
    assert again.proposed == proposal.proposed
    # The lottery still meets what can be met: the Type 1 applicant is always drawn.
    assert apps["type1"].pk in proposal.proposed


def test_proposal_page_flow_over_http(setting, client):
    vacancy, apps, coordinator = setting
    client.force_login(coordinator)
    url = reverse("selection-vacancy", kwargs={"pk": vacancy.pk})
    assert client.post(url, {"mode": "lottery", "seed": "4821"}).status_code == 302
    page = client.get(url).content.decode()
    assert "draw number <strong>4821</strong>" in page
    words = re.sub(r"<[^>]+>", " ", page).lower()  # what a person reads
    for jargon in ("seed", "stratified", "lottery", "sortition", "GPL", "Google Sheets"):
        assert jargon.lower() not in words, jargon


def test_changing_the_proposal_on_the_page_asks_for_a_reason(setting, client):
    vacancy, apps, coordinator = setting
    proposal = selection_propose(vacancy=vacancy, mode="balanced", created_by=coordinator)
    client.force_login(coordinator)
    url = reverse("selection-accept", kwargs={"pk": proposal.pk})
    changed = {"final": [str(apps["high"].pk), str(apps["next"].pk)], "reason": ""}
    response = client.post(url, changed)
    assert response.status_code == 200
    assert "Say why you changed the proposal" in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.accepted_at is None
    response = client.post(url, {**changed, "reason": "Agreed at the panel meeting."})
    assert response.status_code == 302
    assert AuditEvent.objects.filter(action="proposal_changed").count() == 1


def test_selection_page_queries_stay_flat(world, client, assert_flat_queries):
    group = world.objects["group"]
    vacancy = make_vacancy(organisation=world.organisation, group=group, places=3)
    reviewer = add_reviewer(vacancy)
    factor(group, "Type 1 diabetes", "diabetes_type", ["type_1"], 1)
    coordinator = world.user("coordinator")
    client.force_login(coordinator)
    url = reverse("selection-vacancy", kwargs={"pk": vacancy.pk})

    def grow(n):
        for index in range(n):
            person = PersonFactory()
            consent(person, diabetes_type="type_1" if index % 2 else "type_2")
            application = add_application(vacancy, person=person, status=SHORTLISTED)
            score(application, reviewer, [3, index % 4])
        selection_propose(vacancy=vacancy, mode="balanced", created_by=coordinator)

    assert_flat_queries(lambda: client.get(url), grow=grow)
