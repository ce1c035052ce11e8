"""Balanced selection: choose the N applicants with the highest total score
that, together with the group's current active members, meet every diversity
minimum. Solved exactly as a small integer programme with HiGHS.

It is also the engine of the stratified lottery: the same programme, with
seeded random weights in place of scores, draws a random set that meets the
minimums; the seed is kept so the draw can be re-run and checked.

Pure functions over plain data: no database here (services load and save).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

# Scores are weighted totals with at most two decimals; the programme works
# in whole hundredths so that optimal means optimal, not "within tolerance".
_SCALE = 100


@dataclass(frozen=True)
class Candidate:
    id: int
    score: float
    factors: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Minimum:
    factor: str
    minimum: int
    already: int = 0  # current active members who count towards it

    @property
    def needed(self) -> int:
        return max(0, self.minimum - self.already)


@dataclass
class Proposal:
    chosen: list[int]
    feasible: bool
    total: float
    unmet: list[str] = field(default_factory=list)
    # factor -> how many of the chosen count towards it
    coverage: dict[str, int] = field(default_factory=dict)
    # candidate id -> the minimums (still needed) that this choice helps meet
    helps_meet: dict[int, list[str]] = field(default_factory=dict)
    # the plain top-N by score, and what choosing for diversity cost
    top_by_score: list[int] = field(default_factory=list)
    score_traded: float = 0.0
    seed: int | None = None

    def as_dict(self) -> dict:
        return {
            "chosen": self.chosen,
            "feasible": self.feasible,
            "total": self.total,
            "unmet": self.unmet,
            "coverage": self.coverage,
            "helps_meet": {str(k): v for k, v in self.helps_meet.items()},
            "top_by_score": self.top_by_score,
            "score_traded": self.score_traded,
            "seed": self.seed,
        }


def _top_by_score(candidates: list[Candidate], places: int) -> list[Candidate]:
    return sorted(candidates, key=lambda c: (-c.score, c.id))[:places]


def _solve(
    candidates: list[Candidate], places: int, minimums: list[Minimum], weights: list[int]
) -> tuple[list[int], dict[str, int]]:
    """Maximise sum(weights) over sets of `places` candidates, meeting each
    minimum if possible. Shortfalls are allowed but cost more than any weight
    total, so they are used only when a minimum cannot be met, and as little as
    possible. Returns the chosen indexes and each minimum's shortfall."""
    import highspy

    highs = highspy.Highs()
    highs.silent()
    highs.setOptionValue("mip_rel_gap", 0.0)
    highs.setOptionValue("mip_abs_gap", 0.0)
    highs.setOptionValue("random_seed", 0)
    chosen = [highs.addBinary() for _ in candidates]
    highs.addConstr(highs.qsum(chosen) == places)
    penalty = sum(abs(w) for w in weights) + 1
    shortfalls = {}
    objective = highs.qsum(w * x for w, x in zip(weights, chosen, strict=True))
    for minimum in minimums:
        if minimum.needed == 0:
            continue
        members = [
            x for c, x in zip(candidates, chosen, strict=True) if minimum.factor in c.factors
        ]
        slack = highs.addIntegral(lb=0, ub=minimum.needed)
        shortfalls[minimum.factor] = slack
        highs.addConstr(
            highs.qsum(members) + slack >= minimum.needed if members else slack >= minimum.needed
        )
        objective = objective - penalty * slack
    highs.maximize(objective)
    status = highs.getModelStatus()
    if status != highspy.HighsModelStatus.kOptimal:
        raise RuntimeError(
            f"The selection solver stopped without an answer: {highs.modelStatusToString(status)}"
        )
    values = highs.vals(chosen)
    picked = [i for i, value in enumerate(values) if value > 0.5]
    short = {factor: round(highs.val(slack)) for factor, slack in shortfalls.items()}
    return picked, short


def propose(
    candidates: list[Candidate],
    places: int,
    minimums: list[Minimum],
    *,
    lottery_seed: int | None = None,
) -> Proposal:
    """The proposal for `places` places among `candidates`.

    With `lottery_seed`, the set is drawn at random (seeded) among all sets
    that meet the minimums, instead of chosen by score."""
    candidates = sorted(candidates, key=lambda c: c.id)
    places = min(places, len(candidates))
    top = _top_by_score(candidates, places)
    if places == 0:
        return Proposal(
            chosen=[],
            feasible=not any(m.needed for m in minimums),
            total=0.0,
            unmet=[m.factor for m in minimums if m.needed],
            seed=lottery_seed,
        )
    if lottery_seed is None:
        weights = [round(c.score * _SCALE) for c in candidates]
    else:
        rng = random.Random(lottery_seed)
        weights = [rng.randrange(1, 1_000_000) for _ in candidates]
    picked, shortfalls = _solve(candidates, places, minimums, weights)
    chosen = [candidates[i] for i in picked]
    coverage = {m.factor: sum(1 for c in chosen if m.factor in c.factors) for m in minimums}
    unmet = [factor for factor, short in shortfalls.items() if short > 0]
    still_needed = {m.factor for m in minimums if m.needed}
    total = round(sum(c.score for c in chosen), 2)
    return Proposal(
        chosen=sorted(c.id for c in chosen),
        feasible=not unmet,
        total=total,
        unmet=sorted(unmet),
        coverage=coverage,
        helps_meet={c.id: sorted(c.factors & still_needed) for c in chosen},
        top_by_score=sorted(c.id for c in top),
        score_traded=round(sum(c.score for c in top) - total, 2),
        seed=lottery_seed,
    )


def unmeetable_alone(
    candidates: list[Candidate], places: int, minimums: list[Minimum]
) -> list[str]:
    """Minimums that no choice could meet even on their own: too few
    applicants with that experience, or too few places."""
    places = min(places, len(candidates))
    result = []
    for minimum in minimums:
        available = sum(1 for c in candidates if minimum.factor in c.factors)
        if minimum.needed > min(available, places):
            result.append(minimum.factor)
    return result
