"""Balanced selection: propose the shortlisted applicants with the highest
total that meet the group's diversity minimums (current active members
counted), or make a random draw that still meets the minimums (its draw
number kept so it can be checked); accept or change the proposal,
with a reason for every change. The solver is recruitment.selection.

Diversity data comes only from DiversityProfile rows with consent standing,
and the explanation stays at the level of "this choice helps meet: Type 1
diabetes" for the coordinator (who may see diversity data)."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from involvement import audit
from involvement.clock import day_and_clock
from involvement.errors import ApplicationError
from involvement.models import DiversityConsent, DiversityFactor, DiversityProfile, Membership
from recruitment.models import Application, SelectionProposal, Vacancy
from recruitment.selection import Candidate, Minimum, propose, unmeetable_alone
from recruitment.selectors.scoring import vacancy_results

from .audit import Action, audit_record

Status = Application.Status
CANDIDATE_STATUSES = [Status.SHORTLISTED]
# Applications still in the round: each needs every score before anyone is chosen.
IN_PLAY_STATUSES = [Status.SUBMITTED, Status.SHORTLISTED]


@dataclass(frozen=True)
class Unscored:
    application_id: int
    reference: str
    scored: int  # reviewers who have scored every question
    assigned: int


@dataclass(frozen=True)
class NotReady:
    """What stops a selection being proposed or accepted: the vacancy still
    open for applications, or applications whose reviewers have not all
    scored every question."""

    still_open: bool
    unscored: list[Unscored]

    def __bool__(self) -> bool:
        return self.still_open or bool(self.unscored)

    @property
    def message(self) -> str:
        parts = []
        if self.still_open:
            parts.append(
                "The vacancy is still open for applications. Close it before choosing anyone."
            )
        if self.unscored:
            refs = ", ".join(item.reference for item in self.unscored[:UNSCORED_NAMED])
            more = len(self.unscored) - UNSCORED_NAMED
            parts.append(
                f"Scores are missing for {len(self.unscored)} application"
                f"{'s' if len(self.unscored) != 1 else ''} ({refs}"
                f"{f' and {more} more' if more > 0 else ''}). "
                "Every reviewer must score every question first."
            )
        return " ".join(parts)


UNSCORED_NAMED = 5


def selection_not_ready(*, vacancy: Vacancy) -> NotReady:
    """Why no selection can be made yet (falsy when it can)."""
    unscored = [
        Unscored(
            application_id=r.application.pk,
            reference=r.application.reference,
            scored=r.reviewers_scored,
            assigned=r.reviewers_assigned,
        )
        for r in vacancy_results(vacancy=vacancy, statuses=IN_PLAY_STATUSES)
        if not r.complete or r.reviewers_scored < r.reviewers_assigned
    ]
    unscored.sort(key=lambda item: item.reference)
    return NotReady(still_open=vacancy.status == Vacancy.Status.OPEN, unscored=unscored)


def _refuse_if_not_ready(vacancy: Vacancy) -> None:
    not_ready = selection_not_ready(vacancy=vacancy)
    if not_ready:
        raise ApplicationError(not_ready.message, code="not_ready")


MODE_LABELS = {
    SelectionProposal.Mode.BALANCED: "Highest scores that meet the diversity minimums",
    SelectionProposal.Mode.LOTTERY: "Random draw among the shortlist that meets the diversity "
    "minimums",
}


def mode_label(mode: str) -> str:
    """How a proposal was made, in plain words."""
    return MODE_LABELS.get(mode, mode)


def _consented_person_ids(person_ids) -> set[int]:
    return set(
        DiversityConsent.objects.filter(
            person_id__in=person_ids, withdrawn_at__isnull=True
        ).values_list("person_id", flat=True)
    )


def selection_inputs(*, vacancy: Vacancy) -> tuple[list[Candidate], list[Minimum], dict]:
    """The solver's inputs: shortlisted applicants with their totals and the
    factors they count towards, and the group's minimums with the current
    active members who already count."""
    factors = list(DiversityFactor.objects.filter(group_id=vacancy.group_id))
    results = vacancy_results(vacancy=vacancy, statuses=CANDIDATE_STATUSES)
    people = [r.application.person_id for r in results if r.application.person_id]
    members = list(
        Membership.objects.filter(
            group_id=vacancy.group_id, status=Membership.Status.ACTIVE
        ).select_related("person__diversity")
    )
    consented = _consented_person_ids(people + [m.person_id for m in members])
    profiles = {
        p.person_id: p
        for p in DiversityProfile.objects.filter(person_id__in=people)
        if p.person_id in consented
    }

    def counts(factor, person_id):
        return person_id in consented and factor.counts(profiles.get(person_id))

    candidates = [
        Candidate(
            id=r.application.pk,
            score=float(r.total or 0),
            factors=frozenset(f.name for f in factors if counts(f, r.application.person_id)),
        )
        for r in results
    ]
    minimums = []
    for factor in factors:
        already = sum(
            1
            for m in members
            if m.person_id in consented and factor.counts(getattr(m.person, "diversity", None))
        )
        minimums.append(Minimum(factor=factor.name, minimum=factor.minimum, already=already))
    references = {r.application.pk: r.application.reference for r in results}
    totals = {r.application.pk: str(r.total) for r in results}
    return candidates, minimums, {"references": references, "totals": totals}


def _explain(proposal, candidates, minimums, places, extra) -> dict:
    data = proposal.as_dict()
    data["places"] = places
    data["references"] = {str(k): v for k, v in extra["references"].items()}
    data["totals"] = {str(k): v for k, v in extra["totals"].items()}
    data["minimums"] = [
        {
            "factor": m.factor,
            "minimum": m.minimum,
            "already": m.already,
            "needed": m.needed,
            "chosen": proposal.coverage.get(m.factor, 0),
            "met": m.already + proposal.coverage.get(m.factor, 0) >= m.minimum,
        }
        for m in minimums
    ]
    data["unmeetable_alone"] = unmeetable_alone(candidates, places, minimums)
    data["candidates"] = len(candidates)
    # The inputs as they were, so that a decided round re-runs against them.
    data["inputs"] = {
        "candidates": [[c.id, c.score, sorted(c.factors)] for c in candidates],
        "minimums": [[m.factor, m.minimum, m.already] for m in minimums],
    }
    return data


def _frozen_inputs(proposal: SelectionProposal) -> tuple[list[Candidate], list[Minimum]] | None:
    inputs = (proposal.explanation or {}).get("inputs")
    if not inputs:
        return None
    candidates = [
        Candidate(id=pk, score=score, factors=frozenset(factors))
        for pk, score, factors in inputs["candidates"]
    ]
    minimums = [
        Minimum(factor=factor, minimum=minimum, already=already)
        for factor, minimum, already in inputs["minimums"]
    ]
    return candidates, minimums


def rerun_uses_frozen_inputs(proposal: SelectionProposal) -> bool:
    """A decided round (the proposal accepted, or the vacancy decided) is
    re-run against the inputs it was made from: the shortlist has since
    become selected and not selected, so today's inputs are not the round's."""
    return (
        proposal.accepted_at is not None or proposal.vacancy.status == Vacancy.Status.DECIDED
    ) and _frozen_inputs(proposal) is not None


@transaction.atomic
def selection_propose(
    *, vacancy: Vacancy, mode: str, created_by, seed: int | None = None
) -> SelectionProposal:
    """Work out a proposal for the vacancy's places and keep it, with its reasoning."""
    if mode not in SelectionProposal.Mode.values:
        raise ValidationError({"mode": "Choose how to propose the selection"})
    _refuse_if_not_ready(vacancy)
    candidates, minimums, extra = selection_inputs(vacancy=vacancy)
    if not candidates:
        raise ApplicationError("Nobody is shortlisted yet. Shortlist applicants first.")
    if mode == SelectionProposal.Mode.LOTTERY and seed is None:
        seed = secrets.randbelow(2**31 - 1)
    result = propose(
        candidates,
        vacancy.places,
        minimums,
        lottery_seed=seed if mode == SelectionProposal.Mode.LOTTERY else None,
    )
    explanation = _explain(result, candidates, minimums, vacancy.places, extra)
    proposal = SelectionProposal(
        vacancy=vacancy,
        mode=mode,
        seed=seed if mode == SelectionProposal.Mode.LOTTERY else None,
        proposed=result.chosen,
        explanation=explanation,
        feasible=result.feasible,
        created_by=created_by,
    )
    proposal.full_clean()
    proposal.save()
    refs = ", ".join(extra["references"][i] for i in result.chosen)
    summary = f"{mode_label(proposal.mode)}: proposed {refs or 'nobody'}"
    if proposal.seed is not None:
        summary += f" (draw number {proposal.seed})"
    if not result.feasible:
        summary += f". No set meets every minimum; cannot meet: {', '.join(result.unmet)}"
    audit_record(
        vacancy=vacancy,
        action=Action.PROPOSAL,
        actor=created_by,
        summary=summary + ".",
        detail={"proposal": proposal.pk, "chosen": result.chosen, "seed": proposal.seed},
    )
    return proposal


def selection_rerun(*, proposal: SelectionProposal) -> list[int]:
    """Run the proposal's calculation again (same draw number for a random
    draw): on the current shortlist while the round is undecided, on the
    inputs it was made from once decided (rerun_uses_frozen_inputs)."""
    places = proposal.explanation.get("places", proposal.vacancy.places)
    if rerun_uses_frozen_inputs(proposal):
        candidates, minimums = _frozen_inputs(proposal)
    else:
        candidates, minimums, _ = selection_inputs(vacancy=proposal.vacancy)
        places = proposal.vacancy.places
    result = propose(candidates, places, minimums, lottery_seed=proposal.seed)
    return result.chosen


@transaction.atomic
def selection_check(*, proposal: SelectionProposal, checked_by) -> bool:
    """Re-run the draw and record whether it gives the same set."""
    frozen = rerun_uses_frozen_inputs(proposal)
    again = selection_rerun(proposal=proposal)
    same = sorted(again) == sorted(proposal.proposed)
    audit_record(
        vacancy=proposal.vacancy,
        action=Action.PROPOSAL_CHECKED,
        actor=checked_by,
        summary=(
            f"Re-ran the proposal of {day_and_clock(proposal.created_at)}"
            + (f" with draw number {proposal.seed}" if proposal.seed is not None else "")
            + (" on the scores and shortlist it was made from" if frozen else "")
            + (": same set." if same else ": a different set (the shortlist or scores changed).")
        ),
        detail={"proposal": proposal.pk, "same": same, "again": again, "frozen": frozen},
    )
    return same


@transaction.atomic
def selection_accept(
    *, proposal: SelectionProposal, final: list[int], reason: str, accepted_by
) -> SelectionProposal:
    """Accept the proposal as it is, or changed. Every change needs a reason."""
    vacancy = proposal.vacancy
    if proposal.accepted_at is not None:
        raise ApplicationError("This selection has already been accepted.", code="accepted")
    _refuse_if_not_ready(vacancy)
    final = sorted(set(final))
    reason = (reason or "").strip()
    shortlisted = dict(
        Application.objects.filter(vacancy=vacancy, status__in=CANDIDATE_STATUSES).values_list(
            "pk", "reference"
        )
    )
    errors = {}
    unknown = [pk for pk in final if pk not in shortlisted]
    if unknown:
        errors["final"] = "Choose only applicants who are on the shortlist"
    elif not final:
        errors["final"] = "Choose at least one applicant"
    elif len(final) > vacancy.places:
        errors["final"] = (
            f"Choose no more than {vacancy.places} applicants: there are {vacancy.places} places"
        )
    changed = final != sorted(proposal.proposed)
    if changed and not reason:
        errors["reason"] = "Say why you changed the proposal"
    if errors:
        raise ValidationError(errors)
    proposal.final = final
    proposal.accepted_at = timezone.now()
    proposal.save(update_fields=["final", "accepted_at"])
    added = [shortlisted[pk] for pk in final if pk not in proposal.proposed]
    removed = [
        proposal.explanation.get("references", {}).get(str(pk), str(pk))
        for pk in proposal.proposed
        if pk not in final
    ]
    if changed:
        summary = (
            "Proposal changed and accepted"
            + (f"; added {', '.join(added)}" if added else "")
            + (f"; removed {', '.join(removed)}" if removed else "")
            + f". Reason: {reason}"
        )
        action = Action.PROPOSAL_CHANGED
    else:
        summary = "Proposal accepted as proposed: " + ", ".join(shortlisted[pk] for pk in final)
        if reason:
            summary += f". Note: {reason}"
        action = Action.PROPOSAL_ACCEPTED
    audit_record(
        vacancy=vacancy,
        action=action,
        actor=accepted_by,
        summary=summary,
        detail={"proposal": proposal.pk, "final": final, "added": added, "removed": removed},
    )
    audit.record(
        action=audit.Action.SELECTION_ACCEPTED,
        organisation=vacancy.role_description.organisation,
        actor=accepted_by,
        target=proposal,
        summary=f"Selection for vacancy {vacancy.pk}: "
        + ", ".join(shortlisted[pk] for pk in final),
        detail={"changed": changed, "final": final},
    )
    return proposal


def accepted_proposal(*, vacancy: Vacancy) -> SelectionProposal | None:
    return (
        SelectionProposal.objects.filter(vacancy=vacancy, accepted_at__isnull=False)
        .order_by("-accepted_at")
        .first()
    )
