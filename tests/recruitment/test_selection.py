"""Balanced selection against a brute-force check on small random inputs."""

from itertools import combinations

from hypothesis import given, settings
from hypothesis import strategies as st

from recruitment.selection import Candidate, Minimum, propose, unmeetable_alone

FACTORS = ["type_1", "type_2", "under_40", "north"]


def _brute_force(candidates, places, minimums):
    """Best total over all sets of `places` that meet every minimum (None if none)."""
    places = min(places, len(candidates))
    best = None
    for subset in combinations(candidates, places):
        if all(sum(1 for c in subset if m.factor in c.factors) >= m.needed for m in minimums):
            total = round(sum(c.score for c in subset), 2)
            best = total if best is None else max(best, total)
    return best


candidate_lists = st.lists(
    st.tuples(
        st.integers(min_value=0, max_value=400).map(lambda n: n / 4),
        st.frozensets(st.sampled_from(FACTORS), max_size=3),
    ),
    min_size=1,
    max_size=9,
).map(lambda rows: [Candidate(id=i + 1, score=s, factors=f) for i, (s, f) in enumerate(rows)])

minimum_lists = st.lists(
    st.tuples(st.sampled_from(FACTORS), st.integers(0, 3), st.integers(0, 2)),
    max_size=4,
    unique_by=lambda t: t[0],
).map(lambda rows: [Minimum(factor=f, minimum=m, already=a) for f, m, a in rows])


@settings(max_examples=150, deadline=None)
@given(candidate_lists, st.integers(min_value=1, max_value=5), minimum_lists)
def test_balanced_selection_matches_brute_force(candidates, places, minimums):
    proposal = propose(candidates, places, minimums)
    expected = _brute_force(candidates, places, minimums)
    assert len(proposal.chosen) == min(places, len(candidates))
    if expected is None:
        assert not proposal.feasible
        assert proposal.unmet, "an infeasible proposal must name the minimum it cannot meet"
    else:
        assert proposal.feasible
        assert proposal.total == expected
        chosen = [c for c in candidates if c.id in proposal.chosen]
        for minimum in minimums:
            assert sum(1 for c in chosen if minimum.factor in c.factors) >= minimum.needed


def test_proposal_explains_what_score_was_traded_for_diversity():
    candidates = [
        Candidate(1, 20.0, frozenset({"type_2"})),
        Candidate(2, 19.0, frozenset({"type_2"})),
        Candidate(3, 12.5, frozenset({"type_1"})),
    ]
    proposal = propose(candidates, 2, [Minimum("type_1", 2, already=1)])
    assert proposal.chosen == [1, 3]
    assert proposal.top_by_score == [1, 2]
    assert proposal.score_traded == 6.5
    assert proposal.helps_meet[3] == ["type_1"]


def test_infeasible_minimum_is_named():
    candidates = [Candidate(1, 10.0, frozenset({"type_2"})), Candidate(2, 9.0, frozenset())]
    proposal = propose(candidates, 2, [Minimum("type_1", 2), Minimum("type_2", 1)])
    assert not proposal.feasible
    assert proposal.unmet == ["type_1"]
    assert unmeetable_alone(candidates, 2, [Minimum("type_1", 2)]) == ["type_1"]


def test_lottery_is_reproducible_from_its_seed_and_meets_minimums():
    candidates = [
        Candidate(i, 10.0, frozenset({"north"} if i % 3 == 0 else set())) for i in range(1, 31)
    ]
    minimums = [Minimum("north", 4)]
    first = propose(candidates, 8, minimums, lottery_seed=20261124)
    again = propose(candidates, 8, minimums, lottery_seed=20261124)
    other = propose(candidates, 8, minimums, lottery_seed=7)
    assert first.chosen == again.chosen
    assert first.chosen != other.chosen
    assert first.coverage["north"] >= 4
    assert first.seed == 20261124
